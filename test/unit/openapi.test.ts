import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorStatus } from '../../server/errors.js';
import { schemaErrors } from '../support/json-schema.js';
import { enrolTotp, passwordStep, totpAt } from '../support/login.js';
import { registeredRoutes } from '../support/routes.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { proofKey, settingsSession, startStepUp } from '../support/step-up.js';

/** The parts of the app the contract covers; static files (widget, demo page) are not in it. */
const CONTRACT_PREFIXES = ['/api/', '/admin/', '/.well-known/', '/oauth2/', '/healthz', '/readyz'];
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Doc = Record<string, any>;

function documentedRoutes(doc: Doc): string[] {
  return Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((k) => HTTP_METHODS.includes(k))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}

const deref = (doc: Doc, node: Doc): Doc =>
  node.$ref
    ? deref(
        doc,
        node.$ref
          .slice(2)
          .split('/')
          .reduce((n: Doc, k: string) => n[k], doc),
      )
    : node;

/** The documented answer of `METHOD path` for `status`; fails when that status is not documented. */
function documentedResponse(doc: Doc, route: string, status: number): Doc {
  const [method, path] = route.split(' ') as [string, string];
  const response = doc.paths[path]?.[method.toLowerCase()]?.responses?.[status];
  expect(response, `${route} → ${status} is documented`).toBeDefined();
  return deref(doc, response);
}

/** Asserts a real answer matches what the document says `route` answers with its status. */
function expectDocumented(doc: Doc, route: string, res: { status: number; body: unknown; headers: Headers }) {
  const response = documentedResponse(doc, route, res.status);
  const [type, media] = Object.entries<Doc>(response.content ?? {})[0] ?? [];
  expect(res.headers.get('content-type') ?? '', `${route} content type`).toContain(type ?? 'none');
  expect(schemaErrors(doc, media?.schema ?? {}, res.body), `${route} → ${res.status}`).toEqual([]);
  for (const header of Object.keys(response.headers ?? {})) expect(res.headers.get(header), `${route} header ${header}`).not.toBeNull();
}

function collectRefs(node: unknown, refs: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) collectRefs(n, refs);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') refs.push(v);
      else collectRefs(v, refs);
    }
  }
  return refs;
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));

describe('the OpenAPI document served at /api/v1/openapi.json', () => {
  let server: TestServer;
  let doc: Doc;
  beforeAll(async () => {
    server = await startTestServer();
    const res = await server.get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    doc = res.body;
  });
  afterAll(() => server.stop());

  it('is OpenAPI 3.1 with this server as its first server', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'mfa-login', version: expect.any(String) });
    expect(doc.servers[0].url).toBe(server.url);
    expect(doc.servers[0].url).toBe(server.services.config.issuer);
  });

  it('documents every route the app registers under /api, /.well-known and /oauth2, and the probes', () => {
    const registered = registeredRoutes(server.app).filter((r) => CONTRACT_PREFIXES.some((p) => r.split(' ')[1]!.startsWith(p)));
    // The walk must see the routes we know of, or the check below would pass vacuously.
    expect(registered).toEqual(
      expect.arrayContaining([
        'POST /api/v1/flows',
        'POST /api/v1/flows/totp/verify',
        'GET /.well-known/jwks.json',
        'GET /api/v1/openapi.json',
        'GET /readyz',
      ]),
    );
    expect(
      registered.filter((r) => !documentedRoutes(doc).includes(r)),
      'registered but not documented',
    ).toEqual([]);
  });

  it('documents no route the app does not serve', () => {
    const registered = registeredRoutes(server.app);
    expect(
      documentedRoutes(doc).filter((r) => !registered.includes(r)),
      'documented but not registered',
    ).toEqual([]);
  });

  it('marks the development endpoints as development-only', () => {
    for (const route of documentedRoutes(doc).filter((r) => r.includes('/dev/'))) {
      const [method, path] = route.split(' ') as [string, string];
      expect(doc.paths[path][method.toLowerCase()]['x-development-only'], route).toBe(true);
    }
  });

  it('names every error code of server/errors.ts, plus server_error for unexpected failures', () => {
    const documented: string[] = doc.components.schemas.Error.properties.error.enum;
    expect([...documented].sort()).toEqual([...Object.keys(errorStatus), 'server_error'].sort());
  });

  it('gives every error response of the flow API the status server/errors.ts gives its codes', () => {
    for (const route of documentedRoutes(doc).filter((r) => r.includes(' /api/'))) {
      const [method, path] = route.split(' ') as [string, string];
      for (const [status, ref] of Object.entries<Doc>(doc.paths[path][method.toLowerCase()].responses)) {
        const codes: string[] | undefined = deref(doc, ref).content?.['application/json']?.schema?.properties?.error?.enum;
        for (const code of codes ?? []) expect(errorStatus[code as keyof typeof errorStatus], `${route} ${status} ${code}`).toBe(Number(status));
      }
    }
  });

  it('sends Retry-After with every rate_limited answer', () => {
    for (const route of documentedRoutes(doc)) {
      const [method, path] = route.split(' ') as [string, string];
      const limited = deref(doc, doc.paths[path][method.toLowerCase()].responses['429'] ?? {});
      const codes: string[] = limited.content?.['application/json']?.schema?.properties?.error?.enum ?? [];
      if (codes.includes('rate_limited')) expect(limited.headers?.['Retry-After'], route).toBeDefined();
    }
  });

  it('resolves every $ref', () => {
    for (const ref of collectRefs(doc)) expect(deref(doc, { $ref: ref }), ref).toBeDefined();
  });

  it('records what it adds beyond api.md', () => {
    expect(doc['x-changes'].length).toBeGreaterThan(0);
    expect(doc.info.description).toContain('Changes beyond the contract');
    // The description lists the same changes, so a reader of either sees all of them.
    for (const { what, change } of doc['x-changes']) expect(doc.info.description).toContain(`- **${what}**: ${change}\n`);
  });

  it('describes real answers of a whole login', async () => {
    const started = await server.post('/api/v1/flows', { clientId: 'demo', nonce: 'n-1', loginHint: 'alice' });
    expectDocumented(doc, 'POST /api/v1/flows', started);
    const flow = started.body.flow;
    expectDocumented(doc, 'POST /api/v1/flows/introspect', await server.post('/api/v1/flows/introspect', { flow }));
    expectDocumented(doc, 'POST /api/v1/flows/password', await server.post('/api/v1/flows/password', { flow, username: 'alice', password: 'wrong' }));
    const identified = await server.post('/api/v1/flows/password', { flow, username: 'alice', password: server.demo!.password });
    expectDocumented(doc, 'POST /api/v1/flows/password', identified);
    expect(identified.body.step.options.map((o: { method: string }) => o.method)).toEqual(['totp', 'sms', 'email']);

    expectDocumented(doc, 'POST /api/v1/flows/sms/send', await server.post('/api/v1/flows/sms/send', { flow }));
    expectDocumented(doc, 'POST /api/v1/flows/sms/verify', await server.post('/api/v1/flows/sms/verify', { flow, code: '000000x' }));
    expectDocumented(doc, 'POST /api/v1/flows/email/send', await server.post('/api/v1/flows/email/send', { flow }));
    expectDocumented(doc, 'POST /api/v1/flows/email/send', await server.post('/api/v1/flows/email/send', { flow }));
    const enrolling = await server.post('/api/v1/flows/totp/enroll', { flow });
    expectDocumented(doc, 'POST /api/v1/flows/totp/enroll', enrolling);
    const done = await server.post('/api/v1/flows/totp/verify', {
      flow,
      code: await totpAt(enrolling.body.enrollment.secret, server.services.now()),
    });
    expectDocumented(doc, 'POST /api/v1/flows/totp/verify', done);
    expect(done.body.backupCodes).toHaveLength(10);
    expect(schemaErrors(doc, doc.components.schemas.IdTokenClaims, claimsOf(done.body.result.idToken))).toEqual([]);
    expectDocumented(doc, 'POST /api/v1/flows/cancel', await server.post('/api/v1/flows/cancel', { flow }));

    const second = await passwordStep(server);
    const used = await server.post('/api/v1/flows/backup-code/verify', { flow: second.flow, code: done.body.backupCodes[0] });
    expectDocumented(doc, 'POST /api/v1/flows/backup-code/verify', used);
    expect(used.body.backupCodesRemaining).toBe(9);
    const third = await passwordStep(server);
    const cancelled = await server.post('/api/v1/flows/cancel', { flow: third.flow });
    expectDocumented(doc, 'POST /api/v1/flows/cancel', cancelled);
    expectDocumented(doc, 'POST /api/v1/flows/introspect', await server.post('/api/v1/flows/introspect', { flow: third.flow }));
  });

  it('describes the answers of discovery, the probes, the outbox and the token endpoint', async () => {
    expectDocumented(doc, 'GET /.well-known/openid-configuration', await server.get('/.well-known/openid-configuration'));
    expectDocumented(doc, 'GET /healthz', await server.get('/healthz'));
    expectDocumented(doc, 'GET /readyz', await server.get('/readyz'));
    expectDocumented(doc, 'GET /.well-known/jwks.json', await server.get('/.well-known/jwks.json'));
    expectDocumented(doc, 'GET /api/v1/dev/outbox', await server.get('/api/v1/dev/outbox?to=%2B12015550123'));
    expectDocumented(doc, 'GET /api/v1/dev/demo', await server.get('/api/v1/dev/demo'));
    expectDocumented(doc, 'POST /api/v1/flows', await server.post('/api/v1/flows', { clientId: 'nobody' }));
    const token = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=urn%3Amfa-login%3Agrant-type%3Asms-otp&username=%2B12015550123',
    });
    expectDocumented(doc, 'POST /oauth2/token', { status: token.status, headers: token.headers, body: await token.json() });
  });

  it('describes the answers of self-service', async () => {
    // A server of its own: alice enrols her first authenticator app here.
    const server = await startTestServer();
    try {
      await selfService(server);
    } finally {
      await server.stop();
    }
  });

  async function selfService(server: TestServer) {
    const { done, secret } = await enrolTotp(server);
    const idToken = done.body.result.idToken as string;
    const auth = { authorization: `Bearer ${idToken}` };
    expectDocumented(doc, 'GET /api/v1/me', await server.get('/api/v1/me'));
    expectDocumented(doc, 'GET /api/v1/me', await server.get('/api/v1/me', auth));
    const refused = await server.post('/api/v1/me/backup-codes', {}, auth);
    expectDocumented(doc, 'POST /api/v1/me/backup-codes', refused);
    expect(refused.body).toMatchObject({ error: 'unauthorized', stepUp: true });

    const key = await proofKey();
    const started = await startStepUp(server, idToken, key);
    expectDocumented(doc, 'POST /api/v1/flows', started.res);
    expect(started.res.body.purpose).toBe('settings');
    server.advance(30);
    const confirmed = await server.post(
      '/api/v1/flows/totp/verify',
      { flow: started.flow, code: await totpAt(secret, server.services.now()) },
      { origin: server.url },
    );
    expectDocumented(doc, 'POST /api/v1/flows/totp/verify', confirmed);
    expect(confirmed.body.result.settingsGrant).toEqual(expect.any(String));
    expectDocumented(
      doc,
      'POST /api/v1/flows',
      await server.post('/api/v1/flows', { clientId: 'demo', purpose: 'settings', idToken: 'x.y.z', dpopKey: key.jwk }, { origin: server.url }),
    );

    const me = settingsSession(server, confirmed.body.result.settingsGrant, key);
    expectDocumented(doc, 'GET /api/v1/me', await me.get('/api/v1/me'));
    expectDocumented(doc, 'POST /api/v1/me/totp/enroll', await me.post('/api/v1/me/totp/enroll', {}));
    expectDocumented(doc, 'POST /api/v1/me/totp/verify', await me.post('/api/v1/me/totp/verify', { code: 'abc' }));
    expectDocumented(doc, 'POST /api/v1/me/phone', await me.post('/api/v1/me/phone', { phone: '+12015550199' }));
    expectDocumented(doc, 'POST /api/v1/me/phone/verify', await me.post('/api/v1/me/phone/verify', { code: '000000x' }));
    expectDocumented(doc, 'POST /api/v1/me/backup-codes', await me.post('/api/v1/me/backup-codes', {}));
    server.advance(3600);
    const stale = await me.post('/api/v1/me/backup-codes', {});
    expectDocumented(doc, 'POST /api/v1/me/backup-codes', stale);
    expect(stale.body).toMatchObject({ error: 'unauthorized', stepUp: true });
  }
});
