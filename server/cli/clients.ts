import { z } from 'zod';
import type { AdminClient } from '../../contract/admin.js';
import { clientView, createClient, deleteClient, listClients, rotateClientSecret } from '../admin/clients.js';
import { clientSchema, sequenceSchema, type Sequence } from '../config.js';
import type { ClientRecord } from '../store/types.js';
import { CLI, CliError, UsageError, type CliContext } from './context.js';
import { parseInput } from './input.js';
import { withServices } from './open.js';
import { fields, listing } from './output.js';

const fromJson = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: `not JSON; write a sequence like '[["password"],["totp","sms"]]'` });
    return z.NEVER;
  }
});

/** `--acr NAME=JSON`, repeatable: named sequences a flow picks with `acr`. */
const acrList = z
  .array(z.string())
  .default([])
  .transform((pairs, ctx) => {
    const named: Record<string, Sequence> = {};
    for (const pair of pairs) {
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      if (at < 1 || name.length > 100) {
        ctx.addIssue({ code: 'custom', message: `"${pair}" is not NAME=SEQUENCE` });
        return z.NEVER;
      }
      if (name in named) {
        ctx.addIssue({ code: 'custom', message: `${name} is given twice` });
        return z.NEVER;
      }
      const parsed = fromJson.pipe(sequenceSchema).safeParse(pair.slice(at + 1));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        ctx.addIssue({ code: 'custom', message: `${[name, ...issue.path.map(String)].join(' ')}: ${issue.message}` });
        return z.NEVER;
      }
      named[name] = parsed.data;
    }
    return named;
  });

/** The options of `client add`, each checked by the matching field of the config's client schema. */
const addInput = z.object({
  clientId: clientSchema.shape.clientId,
  name: clientSchema.shape.name,
  origin: clientSchema.shape.allowedOrigins,
  sequence: fromJson.pipe(sequenceSchema).optional(),
  acr: acrList,
  'default-acr': clientSchema.shape.defaultAcr,
  secret: clientSchema.shape.clientSecret,
  'generate-secret': z.boolean().default(false),
  'allow-phone-enrollment': z.boolean().default(false),
  scope: clientSchema.shape.scopes,
  'redirect-uri': clientSchema.shape.redirectUris,
  'post-logout-redirect-uri': clientSchema.shape.postLogoutRedirectUris,
  public: z.boolean().default(false),
  'logo-uri': clientSchema.shape.logoUri,
  'css-uri': clientSchema.shape.cssUri,
  'passkey-alone': z.boolean().default(false),
  'trust-device-days': z.coerce.number().int().min(1).max(365).optional(),
});

const showSequence = (s: ClientRecord['sequence']) => s.map((step) => step.join('|')).join(' → ');

function describeClient(v: AdminClient): string[] {
  return [
    `${v.clientId} (${v.name})`,
    ...fields([
      ['origins', v.allowedOrigins.join(' ') || 'none (only calls without an Origin, such as servers)'],
      ['sequence', `${showSequence(v.sequence)}  (acr ${v.defaultAcr})`],
      ...Object.entries(v.acrSequences).map(([acr, s]): [string, string] => [`acr ${acr}`, showSequence(s)]),
      ['secret', v.public ? 'none (public client: PKCE only)' : v.hasSecret ? 'set' : 'none'],
      ...(v.redirectUris.length > 0 ? [['redirect URIs', v.redirectUris.join(' ')] as [string, string]] : []),
      ...(v.postLogoutRedirectUris.length > 0 ? [['logout return URIs', v.postLogoutRedirectUris.join(' ')] as [string, string]] : []),
      ['phone enrolment', v.allowPhoneEnrollment ? 'allowed' : 'not allowed'],
      ['passkey alone', v.passkeyAlone ? 'signs in' : 'one factor'],
      ...(v.scopes.length ? [['admin scopes', v.scopes.join(' ')] as [string, string]] : []),
      ['trusted devices', v.trustDevice.enabled ? `skip the second step for ${v.trustDevice.days} days` : 'off'],
    ]),
  ];
}

/** The default (the config file's) is narrower than the README's example: say so where it was chosen. */
const defaultSequenceNote =
  `No --sequence given: the default, ${showSequence(clientSchema.shape.sequence.parse(undefined))}. To offer every second factor, as the README's ` +
  `example does: --sequence '${JSON.stringify([['password'], ['totp', 'sms', 'backup_code', 'email']])}'`;

/**
 * `client add <clientId> --name N [--origin URL]... [--sequence JSON] [--acr name=JSON]... [--default-acr A]
 * [--secret S | --generate-secret | --public] [--allow-phone-enrollment] [--redirect-uri URL]... [--post-logout-redirect-uri URL]...
 * [--logo-uri URL] [--css-uri URL] [--passkey-alone] [--trust-device-days N] [--scope admin|admin:read]...`
 */
export async function clientAdd(cli: CliContext): Promise<void> {
  const input = parseInput(cli, {
    positionals: ['clientId'],
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      sequence: { type: 'string' },
      acr: { type: 'string', multiple: true },
      'default-acr': { type: 'string' },
      secret: { type: 'string' },
      'generate-secret': { type: 'boolean' },
      'allow-phone-enrollment': { type: 'boolean' },
      scope: { type: 'string', multiple: true },
      'redirect-uri': { type: 'string', multiple: true },
      'post-logout-redirect-uri': { type: 'string', multiple: true },
      public: { type: 'boolean' },
      'logo-uri': { type: 'string' },
      'css-uri': { type: 'string' },
      'passkey-alone': { type: 'boolean' },
      'trust-device-days': { type: 'string' },
    },
    schema: addInput,
  });
  if (input.secret !== undefined && input['generate-secret']) throw new UsageError('Use either --secret or --generate-secret, not both.');
  if (input.public && (input.secret !== undefined || input['generate-secret'])) throw new UsageError('A --public client has no secret.');
  const client = {
    clientId: input.clientId,
    name: input.name,
    allowedOrigins: input.origin,
    ...(input.sequence ? { sequence: input.sequence } : {}),
    acrSequences: input.acr,
    defaultAcr: input['default-acr'],
    allowPhoneEnrollment: input['allow-phone-enrollment'],
    scopes: input.scope,
    redirectUris: input['redirect-uri'],
    postLogoutRedirectUris: input['post-logout-redirect-uri'],
    public: input.public,
    ...(input['logo-uri'] ? { logoUri: input['logo-uri'] } : {}),
    ...(input['css-uri'] ? { cssUri: input['css-uri'] } : {}),
    passkeyAlone: input['passkey-alone'],
    ...(input['trust-device-days'] ? { trustDevice: { enabled: true, days: input['trust-device-days'] } } : {}),
  };
  const secret = input['generate-secret'] ? ({ generate: true } as const) : input.secret ? { given: input.secret } : null;
  return withServices(cli, async (services) => {
    const { client: record, clientSecret } = await createClient(services, CLI, client, secret);
    const view = clientView(record, 'store');
    const generated = clientSecret ? { clientSecret } : {};
    cli.print({ client: view, ...generated }, () => [
      `Added client ${view.clientId}.`,
      ...describeClient(view).slice(1),
      ...(input.sequence ? [] : [defaultSequenceNote]),
      ...(generated.clientSecret ? [`Client secret: ${generated.clientSecret}`, 'It is shown only this once and stored only as a hash.'] : []),
    ]);
  });
}

/** `client list`: clients in the store and those defined in the config file. */
export async function clientList(cli: CliContext): Promise<void> {
  parseInput(cli, { schema: z.object({}) });
  return withServices(cli, async (services) => {
    const clients = await listClients(services);
    cli.print({ clients }, () =>
      listing(
        clients,
        'No clients yet. Add one with: mfa-login client add <clientId> --name NAME --origin URL',
        ['CLIENT ID', 'NAME', 'ORIGINS', 'SEQUENCE', 'SECRET', 'SOURCE'],
        (c) => [c.clientId, c.name, c.allowedOrigins.join(' ') || '-', showSequence(c.sequence), c.hasSecret ? 'yes' : 'no', c.source],
      ),
    );
  });
}

/** `client remove <clientId>` */
export async function clientRemove(cli: CliContext): Promise<void> {
  const { clientId } = parseInput(cli, { positionals: ['clientId'], schema: z.object({ clientId: clientSchema.shape.clientId }) });
  return withServices(cli, async (services) => {
    if (!(await deleteClient(services, CLI, clientId, 'any'))) throw new CliError(`No client "${clientId}".`, 'not_found');
    cli.print({ removed: clientId }, () => `Removed client ${clientId}. Flows it started can no longer finish.`);
  });
}

/** `client rotate-secret <clientId>`: a new secret, printed once; the old one stops working at once. */
export async function clientRotateSecret(cli: CliContext): Promise<void> {
  const { clientId } = parseInput(cli, { positionals: ['clientId'], schema: z.object({ clientId: clientSchema.shape.clientId }) });
  return withServices(cli, async (services) => {
    const { client, clientSecret } = await rotateClientSecret(services, CLI, clientId);
    const view = clientView(client, 'store');
    cli.print({ client: view, clientSecret }, () => [
      `New secret for client ${clientId}; the old one no longer works.`,
      `Client secret: ${clientSecret}`,
      'It is shown only this once and stored only as a hash.',
    ]);
  });
}
