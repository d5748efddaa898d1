import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import {
  adminCreateClient,
  adminCreateUser,
  adminEmpty,
  adminImportBackupCodes,
  adminReplaceClient,
  adminTotpEnrolRequest,
  adminUpdateUser,
  adminUserQuery,
} from '../../contract/admin.js';
import { ADMIN, adminRoutes, type AdminRoute } from '../../contract/admin-paths.js';
import { clientView, createClient, deleteClient, getClient, listClients, replaceClient, rotateClientSecret } from '../admin/clients.js';
import { adminAuthenticator, allows, type AdminCredential } from '../admin/credentials.js';
import {
  enrolTotp,
  factorsOf,
  generateBackupCodes,
  importBackupCodes,
  removeAuthenticator,
  removePasskey,
  resetTotp,
  revokeAllTrustedDevices,
  revokeTrustedDevice,
} from '../admin/factors.js';
import { parseEventFilters } from '../audit/query.js';
import { createUser, deleteUser, type Expected, listUsers, setDisabled, updateUser, userById, userView } from '../admin/users.js';
import { MfaError } from '../errors.js';
import { notFound, sendError } from '../http/errors.js';
import { requestIdOf } from '../http/request-id.js';
import { servicesFor } from '../http/services.js';
import type { Services } from '../services.js';
import type { UserRecord } from '../store/types.js';
import { parseBody } from '../validate.js';

/** Every refusal of a credential alike: no hint which check failed. */
const refuse: RequestHandler = (_req, res) => {
  res.set('WWW-Authenticate', 'Bearer realm="mfa-login admin"');
  sendError(res, new MfaError('unauthorized', 'A valid admin credential is required.'));
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const etag = (version: number) => `"${version}"`;

/**
 * The version an `If-Match` names: one strong ETag, or `*` for any. Without the header a change
 * that needs it is refused (428), so two admins cannot overwrite each other silently; a weak or
 * unknown tag never matches (412).
 */
function expected(req: Request, required: boolean): Expected {
  const header = req.get('if-match');
  if (header === undefined) {
    if (required) throw new MfaError('precondition_required');
    return 'any';
  }
  if (header.trim() === '*') return 'any';
  const version = /^\s*"([0-9]{1,15})"\s*$/.exec(header)?.[1];
  if (version === undefined) throw new MfaError('precondition_failed');
  return Number(version);
}

/** The admin API under /admin/v1: JSON, an admin credential on every call, no CORS at all. */
export function adminRoutesOf(shared: Services, env: NodeJS.ProcessEnv): Router {
  const authenticate = adminAuthenticator(shared, env);
  const router = Router();

  router.use(async (req, res, next) => {
    const credential = await authenticate(req.get('authorization'), req.ip ?? null);
    if (!credential) {
      // Who tried, never what they sent: a mistyped token may be a real one of something else.
      shared.logger.warn(
        { event: 'admin.refused', ip: req.ip, method: req.method, path: req.path, requestId: requestIdOf(res) },
        'admin credential refused',
      );
      return refuse(req, res, next);
    }
    res.locals.admin = credential;
    // Answers hold users' phone numbers and addresses, sometimes a secret shown once.
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use(express.json({ limit: '16kb', type: ['application/json', 'application/*+json'] }));

  const admin = (res: Response) => res.locals.admin as AdminCredential;

  async function user(services: Services, req: Request): Promise<UserRecord> {
    const id = String(req.params.userId);
    if (!UUID.test(id)) throw new MfaError('not_found', 'No such user.');
    return userById(services, id);
  }
  const clientId = (req: Request) => String(req.params.clientId);

  async function sendUser(services: Services, res: Response, record: UserRecord, status = 200) {
    res
      .status(status)
      .set('ETag', etag(record.version))
      .json(await userView(services, record));
  }

  /** Idempotent, as other deletes: an item already gone (revoked, expired, never there) answers 204 too. */
  const removeItem =
    (param: string, id: RegExp, remove: typeof removePasskey) =>
    async (req: Request, res: Response, services: Services): Promise<void> => {
      const target = await user(services, req);
      const itemId = String(req.params[param]);
      if (id.test(itemId)) await remove(services, admin(res).actor, target, itemId);
      res.status(204).end();
    };

  /** Each operation, with the services as its request sees them: its audit events carry the request's id. */
  const handlers: Record<string, (req: Request, res: Response, services: Services) => Promise<void>> = {
    async adminListUsers(req, res, services) {
      const query = parseBody(adminUserQuery, { ...req.query });
      const page = await listUsers(services, query);
      res.json({ users: await Promise.all(page.users.map((u) => userView(services, u))), nextCursor: page.nextCursor });
    },
    async adminCreateUser(req, res, services) {
      const { user: created, password } = await createUser(services, admin(res).actor, parseBody(adminCreateUser, req.body));
      res
        .status(201)
        .set({ ETag: etag(created.version), Location: `${ADMIN}/users/${created.id}` })
        .json({ user: await userView(services, created), ...(password ? { password } : {}) });
    },
    async adminGetUser(req, res, services) {
      await sendUser(services, res, await user(services, req));
    },
    async adminUpdateUser(req, res, services) {
      const target = await user(services, req);
      const change = parseBody(adminUpdateUser, req.body);
      await sendUser(services, res, await updateUser(services, admin(res).actor, target.id, change, expected(req, true)));
    },
    async adminDeleteUser(req, res, services) {
      const id = String(req.params.userId);
      if (UUID.test(id)) await deleteUser(services, admin(res).actor, id, expected(req, false));
      res.status(204).end();
    },
    async adminDisableUser(req, res, services) {
      parseBody(adminEmpty, req.body);
      await sendUser(services, res, await setDisabled(services, admin(res).actor, (await user(services, req)).id, true));
    },
    async adminEnableUser(req, res, services) {
      parseBody(adminEmpty, req.body);
      await sendUser(services, res, await setDisabled(services, admin(res).actor, (await user(services, req)).id, false));
    },
    async adminListFactors(req, res, services) {
      res.json(await factorsOf(services, await user(services, req)));
    },
    async adminResetTotp(req, res, services) {
      parseBody(adminEmpty, req.body);
      res.json(await resetTotp(services, admin(res).actor, await user(services, req)));
    },
    async adminEnrolTotp(req, res, services) {
      const { replace, name } = parseBody(adminTotpEnrolRequest, req.body);
      res.json(await enrolTotp(services, admin(res).actor, await user(services, req), { replace, name }));
    },
    adminRemoveTotp: removeItem('authenticatorId', /^[A-Za-z0-9-]{1,64}$/, removeAuthenticator),
    async adminListEvents(req, res, services) {
      const { cursor, ...filters } = parseEventFilters({ ...req.query });
      res.json(await services.audit.listEvents(filters, cursor));
    },
    async adminGenerateBackupCodes(req, res, services) {
      parseBody(adminEmpty, req.body);
      res.json({ codes: await generateBackupCodes(services, admin(res).actor, await user(services, req)) });
    },
    async adminImportBackupCodes(req, res, services) {
      const body = parseBody(adminImportBackupCodes, req.body);
      res.json(await importBackupCodes(services, admin(res).actor, await user(services, req), body));
    },
    async adminRemovePhone(req, res, services) {
      const target = await user(services, req);
      if (target.phone !== null) await updateUser(services, admin(res).actor, target.id, { phone: null }, expected(req, false), 'user.remove-phone');
      res.status(204).end();
    },
    adminRemovePasskey: removeItem('passkeyId', /^[A-Za-z0-9-]{1,64}$/, removePasskey),
    async adminRevokeTrustedDevices(req, res, services) {
      await revokeAllTrustedDevices(services, admin(res).actor, await user(services, req));
      res.status(204).end();
    },
    adminRevokeTrustedDevice: removeItem('deviceId', /^[A-Za-z0-9_-]{1,64}$/, revokeTrustedDevice),
    async adminListClients(_req, res, services) {
      res.json({ clients: await listClients(services) });
    },
    async adminCreateClient(req, res, services) {
      const { generateSecret, ...input } = parseBody(adminCreateClient, req.body);
      const created = await createClient(services, admin(res).actor, input, generateSecret ? { generate: true } : null);
      res
        .status(201)
        .set({ ETag: etag(created.client.version), Location: `${ADMIN}/clients/${created.client.clientId}` })
        .json({ client: clientView(created.client, 'store'), ...(created.clientSecret ? { clientSecret: created.clientSecret } : {}) });
    },
    async adminGetClient(req, res, services) {
      const { client, version } = await getClient(services, clientId(req));
      res.set('ETag', etag(version)).json(client);
    },
    async adminReplaceClient(req, res, services) {
      const input = parseBody(adminReplaceClient, req.body);
      const replaced = await replaceClient(services, admin(res).actor, clientId(req), input, expected(req, true));
      res.set('ETag', etag(replaced.version)).json(clientView(replaced, 'store'));
    },
    async adminDeleteClient(req, res, services) {
      await deleteClient(services, admin(res).actor, clientId(req), expected(req, false));
      res.status(204).end();
    },
    async adminRotateClientSecret(req, res, services) {
      parseBody(adminEmpty, req.body);
      const { client, clientSecret } = await rotateClientSecret(services, admin(res).actor, clientId(req));
      res.set('ETag', etag(client.version)).json({ client: clientView(client, 'store'), clientSecret });
    },
  };

  const scoped =
    (route: AdminRoute): RequestHandler =>
    (_req, res, next) => {
      if (!allows(admin(res), route.scope)) return sendError(res, new MfaError('forbidden'));
      next();
    };

  for (const route of adminRoutes) {
    const handler = handlers[route.operationId];
    if (!handler) throw new Error(`no handler for ${route.operationId}`);
    const path = route.path.slice(ADMIN.length).replace(/\{(\w+)\}/g, ':$1');
    router[route.method](path, scoped(route), (req, res) => handler(req, res, servicesFor(shared, res)));
  }
  router.use(notFound);
  return router;
}
