import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { smsProviderConfig } from './providers/sms/config.js';
import { emailProviderConfig } from './providers/email/config.js';
import { metricsConfig } from './metrics/config.js';
import { auditConfig } from './audit/config.js';
import { methodName } from '../contract/methods.js';
import { adminScopes } from '../contract/admin-paths.js';
import { ConfigError } from './errors.js';
import { fieldPath, unknownFieldLines } from './unknown-fields.js';
import { phoneNumbers } from './providers/sms/phone-numbers.js';

export { methodName, methodNames, type MethodName } from '../contract/methods.js';

/** An ordered list of steps, each a list of the methods that can satisfy it. */
export const sequenceSchema = z
  .array(
    z
      .array(methodName)
      .min(1)
      .refine((s) => new Set(s).size === s.length, 'a method appears twice in one step')
      // The server offers it itself, in a login's second step, when the client's trustDevice is on.
      .refine((s) => !s.includes('device'), '"device" is not listed: turn on the client\'s trustDevice instead'),
  )
  .min(1);
export type Sequence = z.infer<typeof sequenceSchema>;

/** An absolute http(s) URL without a fragment (RFC 6749 §3.1.2), kept exactly as written. */
const redirectUri = z
  .url()
  .max(2000)
  .refine((u) => /^https?:$/.test(new URL(u).protocol) && !u.includes('#'), 'an http(s) URL without a fragment');

export const clientSchema = z
  .strictObject({
    clientId: z.string().regex(/^[A-Za-z0-9._~-]{1,64}$/, 'letters, digits and . _ ~ - only'),
    name: z.string().min(1).max(100),
    allowedOrigins: z.array(z.url().transform((u) => new URL(u).origin)).default([]),
    /** Only its hash is stored. */
    clientSecret: z.string().min(16).optional(),
    sequence: sequenceSchema.default([['password'], ['totp']]),
    /** Named sequences a flow picks with `acr`. */
    acrSequences: z.record(z.string().min(1).max(100), sequenceSchema).default({}),
    defaultAcr: z.string().min(1).max(100).default('mfa'),
    /** Lets a user with no phone register one (verified by code) inside a flow. */
    allowPhoneEnrollment: z.boolean().default(false),
    allowTotpEnrollment: z.boolean().default(true),
    /** OpenID Connect: where `/authorize` may send a code, compared exactly. */
    redirectUris: z.array(redirectUri).default([]),
    /** Where RP-initiated logout may return to, compared exactly. */
    postLogoutRedirectUris: z.array(redirectUri).default([]),
    /** A public client (a single-page or native app) has no secret: PKCE alone binds its codes. */
    public: z.boolean().default(false),
    /** Shown on the hosted login page; https (or http on localhost). */
    logoUri: z.url().optional(),
    /** A stylesheet the hosted login page links for this client (custom properties and ::part rules). */
    cssUri: z.url().optional(),
    /** Admin API scopes for the client_credentials grant; a client with any is a machine client and runs no sign-in. */
    scopes: z.array(z.enum(adminScopes)).default([]),
    /**
     * A user-verifying passkey alone satisfies the whole sequence (amr `hwk`/`swk` + `user` + `mfa`):
     * it is something the user has, unlocked by something they know or are. Without it a passkey
     * counts as one factor, like any other method.
     */
    passkeyAlone: z.boolean().default(false),
    /**
     * "Trust this device": after a complete login the element may register a key of this browser,
     * which then stands in for the second step of later logins (never the first, never a settings
     * step-up) for `days`.
     */
    trustDevice: z
      .strictObject({
        enabled: z.boolean().default(false),
        days: z.number().int().min(1).max(365).default(30),
      })
      .prefault({}),
  })
  .refine((c) => !(c.public && c.clientSecret), { message: 'a public client has no secret', path: ['public'] })
  .refine((c) => !(c.public && c.scopes.length > 0), { message: 'a public client cannot hold admin scopes', path: ['scopes'] });

/** A sequence with a one-step path through a passkey would let a passkey alone through: only with `passkeyAlone`. */
const passkeyAloneIssues = (c: { sequence: Sequence; acrSequences: Record<string, Sequence>; passkeyAlone: boolean }) =>
  !c.passkeyAlone && [c.sequence, ...Object.values(c.acrSequences)].some((s) => s.length === 1 && s[0]!.includes('passkey'));

export const clientConfigSchema = clientSchema.refine((c) => !passkeyAloneIssues(c), {
  message: 'a one-step sequence with passkey lets a passkey alone sign in: set passkeyAlone: true to mean it',
  path: ['passkeyAlone'],
});
export type ClientConfig = z.output<typeof clientSchema>;

const codeRules = {
  length: z.number().int().min(4).max(10).default(6),
  expirySeconds: z.number().int().min(30).max(3600).default(300),
  maxAttempts: z.number().int().min(1).max(10).default(3),
  resendAfterSeconds: z.number().int().min(0).max(3600).default(30),
};

const storeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('sqlite'), path: z.string().min(1).default('./data/mfa-login.db') }),
  z.strictObject({
    type: z.literal('postgres'),
    url: z.string().min(1),
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/)
      .default('public'),
    /** Named statements, parsed once per connection; off behind a pooler that cannot keep them (PgBouncer in transaction mode before 1.21). */
    preparedStatements: z.boolean().default(true),
  }),
]);

/** The e-mail most clients show: the code large and easy to copy, plain styles that survive webmail. */
const DEFAULT_EMAIL_HTML = [
  '<!doctype html><html><body style="margin:0;padding:24px;font-family:system-ui,-apple-system,\'Segoe UI\',Roboto,sans-serif;color:#111827;line-height:1.5">',
  '<p style="margin:0 0 8px">Your {app} code is</p>',
  '<p style="margin:0 0 16px;font-size:28px;font-weight:700;letter-spacing:4px;font-family:ui-monospace,Menlo,Consolas,monospace">{code}</p>',
  '<p style="margin:0 0 16px">It expires in {minutes} minutes.</p>',
  '<p style="margin:0;color:#4b5563;font-size:14px">If you did not try to sign in, you can ignore this message.</p>',
  '</body></html>',
].join('\n');

const seconds = z.number().min(0).max(60);

/**
 * Limits on the password step. The hard limit is per (username, client address), so nobody can
 * lock the owner out from elsewhere; across addresses a username only slows down, and never for
 * a device holding a device token of that user.
 */
const passwordSchema = z
  .strictObject({
    maxAttempts: z.number().int().min(1).max(20).default(5),
    /** Failed attempts per username (known or not) from one client address per window before `rate_limited`. */
    perUsernameAndIpLimit: z.number().int().min(1).optional(),
    /** Failed attempts per window with one device token: the device's own budget, in place of its address's. */
    perDeviceLimit: z.number().int().min(1).default(10),
    /** The old name of `perUsernameAndIpLimit`, from when the limit held for a username from any address. */
    perUsernameLimit: z.number().int().min(1).optional(),
    windowSeconds: z.number().int().min(60).default(900),
    /** After `afterFailures` failures for a username in the window, attempts without a device token wait min(baseSeconds × 2^k, maxSeconds). */
    slowDown: z
      .strictObject({
        afterFailures: z.number().int().min(0).default(5),
        baseSeconds: seconds.default(1),
        maxSeconds: seconds.default(16),
      })
      .prefault({}),
    /** How long a device token exempts its device from the slow-down. */
    deviceTokenTtlDays: z.number().int().min(1).max(3650).default(90),
    /**
     * The nice value of the threads that hash passwords. At 19 hashes take only the cycles nothing
     * else wants, so the event loop keeps its core under a burst of sign-ins; but other busy work on
     * the machine at normal priority (a database on the same host) then starves them: 946 ms a
     * check against two busy processes, measured, where 0 took 14 ms.
     */
    hashNice: z.number().int().min(0).max(19).default(19),
  })
  .refine((p) => p.perUsernameLimit === undefined || p.perUsernameAndIpLimit === undefined, {
    message: 'perUsernameLimit is the old name of perUsernameAndIpLimit: keep only perUsernameAndIpLimit',
    path: ['perUsernameLimit'],
  })
  .transform(({ perUsernameAndIpLimit, ...rest }) => ({ ...rest, perUsernameAndIpLimit: perUsernameAndIpLimit ?? rest.perUsernameLimit ?? 10 }));

export const configSchema = z.strictObject({
  port: z.number().int().min(0).max(65535).default(3000),
  host: z.string().default('127.0.0.1'),
  /** Public base URL; defaults to http://localhost:<port>. */
  issuer: z.url().optional(),
  appName: z.string().min(1).max(60).default('mfa-login'),
  store: storeSchema.default({ type: 'sqlite', path: './data/mfa-login.db' }),
  /** Where the master key lives when MFA_LOGIN_KEY is not set; created with mode 0600. */
  keyFile: z.string().default('./data/mfa-login.key'),
  devOutbox: z.boolean().default(false),
  /** Seeds the demo client and user and serves the demo page at /. */
  demo: z.boolean().default(false),
  trustProxy: z.union([z.boolean(), z.number().int(), z.string()]).default(false),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  flow: z
    .strictObject({
      ttlSeconds: z.number().int().min(60).max(86400).default(600),
      /** Flows one client address may start per minute: keeps one address from filling the flow table. */
      startsPerMinutePerIp: z.number().int().min(1).default(120),
    })
    .prefault({}),
  password: passwordSchema.prefault({}),
  totp: z
    .strictObject({
      issuer: z.string().min(1).max(60).optional(),
      digits: z.union([z.literal(6), z.literal(7), z.literal(8)]).default(6),
      period: z.number().int().min(15).max(120).default(30),
      algorithm: z.enum(['sha1', 'sha256', 'sha512']).default('sha1'),
      /** Steps accepted either side of now. */
      window: z.number().int().min(0).max(5).default(1),
      maxAttempts: z.number().int().min(1).max(20).default(5),
    })
    .prefault({}),
  sms: z
    .strictObject({
      provider: smsProviderConfig.default({ type: 'console' }),
      ...codeRules,
      template: z
        .string()
        .min(1)
        // The WebOTP line is for browsers and can be turned off: the text itself must carry the code.
        .refine((t) => t.includes('{code}'), 'must hold {code}, or the text would carry no code to type')
        .default('{code} is your {app} code. It expires in {minutes} minutes.'),
      /** Appends the WebOTP line `@host #code` so browsers can fill the code. */
      webOtp: z.boolean().default(true),
      /** ISO 3166 country for numbers typed without +, e.g. "US". */
      defaultCountry: z
        .string()
        .transform((c) => c.toUpperCase())
        .refine((c) => phoneNumbers().isSupportedCountry(c), 'not a country libphonenumber knows (ISO 3166 alpha-2, e.g. "US")')
        .transform((c) => c as CountryCode)
        .optional(),
      /** Country calling codes (without +) the server will text; empty = all. */
      allowedCallingCodes: z.array(z.string().regex(/^[0-9]{1,4}$/)).default([]),
      caps: z
        .strictObject({
          perPhonePerHour: z.number().int().min(1).default(5),
          perIpPerHour: z.number().int().min(1).default(20),
          perClientPerHour: z.number().int().min(1).default(1000),
          /** Codes that verify a number not yet the asker's own (phone registration, the token grant), per number, from all askers. */
          verifyPerPhonePerHour: z.number().int().min(1).default(3),
          /** Such codes one user account asks for, to any numbers (a token grant's client is held by perClientPerHour). */
          verifyPerAccountPerHour: z.number().int().min(1).default(5),
          /** Such codes asked for from one client address. */
          verifyPerIpPerHour: z.number().int().min(1).default(10),
        })
        .prefault({}),
    })
    .prefault({}),
  email: z
    .strictObject({
      provider: emailProviderConfig.default({ type: 'console' }),
      ...codeRules,
      maxAttempts: z.number().int().min(1).max(10).default(3),
      subject: z.string().min(1).default('{code} is your {app} code'),
      text: z
        .string()
        .min(1)
        .default('Your {app} code is {code}. It expires in {minutes} minutes.\n\nIf you did not try to sign in, you can ignore this message.'),
      /** Filled with HTML-escaped values; mail clients show it in place of `text`. */
      html: z.string().min(1).default(DEFAULT_EMAIL_HTML),
      caps: z
        .strictObject({
          perAddressPerHour: z.number().int().min(1).default(5),
          perIpPerHour: z.number().int().min(1).default(20),
        })
        .prefault({}),
    })
    .prefault({}),
  backupCodes: z.strictObject({ count: z.number().int().min(4).max(20).default(10) }).prefault({}),
  tokens: z
    .strictObject({
      idTokenTtlSeconds: z.number().int().min(60).max(86400).default(300),
      alg: z.enum(['ES256']).default('ES256'),
    })
    .prefault({}),
  passkeys: z
    .strictObject({
      /** The WebAuthn relying party id: a domain the pages' origins are on. Default: the issuer's host name. */
      rpId: z.string().min(1).max(253).optional(),
      /** Shown by the browser when a passkey is made. Default: `appName`. */
      rpName: z.string().min(1).max(64).optional(),
      /** Origins whose pages may use passkeys. Default: the issuer's origin and the client's allowed origins. */
      origins: z.array(z.url().transform((u) => new URL(u).origin)).optional(),
      /** Whether the authenticator must verify the user (PIN, biometrics) on every use. */
      userVerification: z.enum(['required', 'preferred']).default('preferred'),
      timeoutSeconds: z.number().int().min(30).max(600).default(120),
      maxAttempts: z.number().int().min(1).max(20).default(5),
    })
    .prefault({}),
  selfService: z
    .strictObject({
      /** A step-up for settings asks for the password again once the sign-in is older than this (seconds). */
      freshSeconds: z.number().int().min(30).max(3600).default(300),
      /** How long (seconds) a settings grant from a step-up authorises changes. */
      grantSeconds: z.number().int().min(30).max(3600).default(300),
    })
    .prefault({}),
  oidc: z
    .strictObject({
      /** How long the single sign-on session of the hosted login page lasts (seconds). */
      sessionSeconds: z
        .number()
        .int()
        .min(60)
        .max(30 * 86400)
        .default(8 * 3600),
      /** Lifetime of the access tokens the authorization code grant hands out (seconds). */
      accessTokenSeconds: z.number().int().min(30).max(3600).default(300),
    })
    .prefault({}),
  clients: z.array(clientConfigSchema).default([]),
  admin: z
    .strictObject({
      /** Lifetime of an admin API access token from the client_credentials grant (seconds). */
      accessTokenTtlSeconds: z.number().int().min(30).max(3600).default(300),
    })
    .prefault({}),
  metrics: metricsConfig.prefault({}),
  audit: auditConfig,
  shutdown: z
    .strictObject({
      /** How long SIGTERM waits for requests in flight before cutting them; then the store closes. */
      graceSeconds: z.number().int().min(0).max(600).default(10),
    })
    .prefault({}),
});

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema> & { issuer: string };

export { ConfigError };

/** Each unknown field on a line of its own, with the field meant when one is close. */
const unknownFieldsError: z.core.$ZodErrorMap = (issue) => {
  if (issue.code !== 'unrecognized_keys') return undefined;
  const shape = (issue.inst as z.ZodObject | undefined)?._zod.def.shape;
  return unknownFieldLines(issue.path ?? [], issue.keys, Object.keys(shape ?? {})).join('\n');
};

function formatIssues(error: z.ZodError, source: string): string {
  const lines = error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys' ? i.message.split('\n').map((line) => `  - ${line}`) : [`  - ${fieldPath(i.path) || '(root)'}: ${i.message}`],
  );
  return `Invalid configuration in ${source}:\n${lines.join('\n')}`;
}

/** Validates a config object; env overrides win over the file. */
export function parseConfig(input: unknown, env: NodeJS.ProcessEnv = {}, source = 'config'): Config {
  const result = configSchema.safeParse(input ?? {}, { error: unknownFieldsError });
  if (!result.success) throw new ConfigError(formatIssues(result.error, source));
  const config = result.data;
  if (env.PORT !== undefined) {
    const port = Number(env.PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
    config.port = port;
  }
  if (env.HOST) config.host = env.HOST;
  if (env.MFA_LOGIN_DB) config.store = { type: 'sqlite', path: env.MFA_LOGIN_DB };
  if (env.MFA_LOGIN_DATABASE_URL) {
    const preparedStatements = config.store.type === 'postgres' ? config.store.preparedStatements : true;
    config.store = { type: 'postgres', url: env.MFA_LOGIN_DATABASE_URL, schema: 'public', preparedStatements };
  }
  if (env.MFA_LOGIN_KEY_FILE) config.keyFile = env.MFA_LOGIN_KEY_FILE;
  if (env.MFA_LOGIN_ISSUER) config.issuer = env.MFA_LOGIN_ISSUER;
  if (env.LOG_LEVEL) config.logLevel = configSchema.shape.logLevel.parse(env.LOG_LEVEL);
  // The demo first: `start --demo` turns on both, and its reason is the one to read.
  if (config.demo && env.NODE_ENV === 'production') {
    throw new ConfigError('demo cannot be on when NODE_ENV=production: it creates user alice with a password printed at start-up.');
  }
  if (config.devOutbox && env.NODE_ENV === 'production') {
    throw new ConfigError('devOutbox cannot be on when NODE_ENV=production: it would expose every code sent.');
  }
  const issuer = (config.issuer ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
  return { ...config, issuer };
}

export const defaultConfigFile = 'mfa-login.config.json';

/** Reads `file` (or ./mfa-login.config.json when present) and validates it. */
export function loadConfig(file: string | undefined, env: NodeJS.ProcessEnv = process.env, overrides: Record<string, unknown> = {}): Config {
  const chosen = file ?? (existsSync(defaultConfigFile) ? defaultConfigFile : undefined);
  let raw: Record<string, unknown> = {};
  if (chosen) {
    let text: string;
    try {
      text = readFileSync(chosen, 'utf8');
    } catch (e) {
      throw new ConfigError(`Cannot read config file ${path.resolve(chosen)}: ${(e as Error).message}`);
    }
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new ConfigError(`Config file ${chosen} is not valid JSON: ${(e as Error).message}`);
    }
  }
  // A flag on the command line is the most specific word: it wins over the environment too.
  const rest = { ...env };
  if (overrides.port !== undefined) delete rest.PORT;
  if (overrides.host !== undefined) delete rest.HOST;
  return parseConfig({ ...raw, ...overrides }, rest, chosen ?? 'defaults');
}
