import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../server/config.js';
import { closestField } from '../../../server/unknown-fields.js';

/** The start-up message for `input`, which must be refused. */
function refusal(input: unknown): string {
  try {
    parseConfig(input, {}, 'mfa-login.config.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('the configuration was accepted');
}

const twilio = { type: 'twilio', accountSid: 'AC1', authToken: 't', from: '+15005550006' };
const smtp = { type: 'smtp', host: 'smtp.example.com', from: 'login@example.com' };

describe('unknown fields anywhere in the configuration', () => {
  it.each([
    ['sms.maxAttempt', { sms: { maxAttempt: 3 } }, 'sms.maxAttempt: unknown; did you mean maxAttempts?'],
    ['sms.caps.foo', { sms: { caps: { foo: 1 } } }, 'sms.caps.foo: unknown; expected one of perPhonePerHour, perIpPerHour, perClientPerHour'],
    ['totp.foo', { totp: { foo: 1 } }, 'totp.foo: unknown; expected one of issuer, digits, period, algorithm, window, maxAttempts'],
    ['email.foo', { email: { foo: 1 } }, 'email.foo: unknown; expected one of provider, length,'],
    [
      'email.provider.foo',
      { email: { provider: { ...smtp, foo: 1 } } },
      'email.provider.foo: unknown; expected one of type, host, port, secure, requireTLS, auth, from, timeoutMs, tls',
    ],
    [
      'sms.provider.foo',
      { sms: { provider: { ...twilio, foo: 1 } } },
      'sms.provider.foo: unknown; expected one of type, accountSid, authToken, from, messagingServiceSid, baseUrl, timeoutMs',
    ],
    ['store.foo', { store: { type: 'sqlite', path: 'x.db', foo: 1 } }, 'store.foo: unknown; expected one of type, path'],
    ['clients[0].foo', { clients: [{ clientId: 'shop', name: 'Shop', foo: true }] }, 'clients[0].foo: unknown; expected one of clientId, name,'],
  ])('refuses %s, naming its path', (_name, input, line) => {
    const message = refusal(input);
    expect(message).toMatch(/^Invalid configuration in mfa-login\.config\.json:\n/);
    expect(message).toContain(`\n  - ${line}`);
  });

  it('suggests the field meant for a slip in a nested object, a provider and a client', () => {
    expect(refusal({ sms: { caps: { perPhonePerHr: 3 } } })).toContain('sms.caps.perPhonePerHr: unknown; did you mean perPhonePerHour?');
    expect(refusal({ email: { provider: { ...smtp, auth: { user: 'u', password: 'p' } } } })).toContain(
      'email.provider.auth.password: unknown; did you mean pass?',
    );
    expect(refusal({ sms: { provider: { type: 'http', url: 'https://sms.example', sucessCodes: [200] } } })).toContain(
      'sms.provider.sucessCodes: unknown; did you mean successCodes?',
    );
    expect(
      refusal({
        clients: [
          { clientId: 'a', name: 'A' },
          { clientId: 'b', name: 'B', allowedOrigin: [] },
        ],
      }),
    ).toContain('clients[1].allowedOrigin: unknown; did you mean allowedOrigins?');
    expect(refusal({ store: { type: 'postgres', uri: 'postgres://db/login' } })).toContain('store.uri: unknown; did you mean url?');
  });

  it('lists every unknown field on a line of its own, beside the other mistakes', () => {
    const message = refusal({ port: 'eighty', totp: { digit: 6, perod: 30 } });
    expect(message.split('\n').slice(1).sort()).toEqual(
      [
        '  - port: Invalid input: expected number, received string',
        '  - totp.digit: unknown; did you mean digits?',
        '  - totp.perod: unknown; did you mean period?',
      ].sort(),
    );
  });

  it('still accepts the README example and the defaults', () => {
    expect(() =>
      parseConfig({
        sms: { provider: twilio, length: 6, maxAttempts: 3, caps: { perPhonePerHour: 5 } },
        email: { provider: { ...smtp, auth: { user: 'u', pass: 'p' } } },
        totp: { digits: 6, window: 1 },
        store: { type: 'postgres', url: 'postgres://login@db/login' },
        clients: [{ clientId: 'shop', name: 'Shop', sequence: [['password'], ['totp']], acrSequences: { pwd: [['password']] } }],
      }),
    ).not.toThrow();
    expect(() => parseConfig({})).not.toThrow();
  });
});

describe('closestField', () => {
  it('finds a slip of a letter or two, a swap and a case mistake, and nothing for an unrelated word', () => {
    expect(closestField('maxAttempt', ['length', 'maxAttempts'])).toBe('maxAttempts');
    expect(closestField('exipryseconds', ['expirySeconds', 'length'])).toBe('expirySeconds');
    expect(closestField('foo', ['from', 'port', 'host'])).toBeUndefined();
    expect(closestField('colour', ['length'])).toBeUndefined();
    expect(closestField('password', ['user', 'pass'])).toBe('pass');
    expect(closestField('perPhone', ['perIpPerHour', 'perPhonePerHour'])).toBe('perPhonePerHour');
  });
});

describe('the Postgres store', () => {
  it('prepares statements unless told not to, and MFA_LOGIN_DATABASE_URL keeps that choice', () => {
    expect(parseConfig({ store: { type: 'postgres', url: 'postgres://db/login' } }).store).toEqual({
      type: 'postgres',
      url: 'postgres://db/login',
      schema: 'public',
      preparedStatements: true,
    });
    const behindPooler = { store: { type: 'postgres', url: 'postgres://db/login', preparedStatements: false } };
    expect(parseConfig(behindPooler, { MFA_LOGIN_DATABASE_URL: 'postgres://pooler/login' }).store).toEqual({
      type: 'postgres',
      url: 'postgres://pooler/login',
      schema: 'public',
      preparedStatements: false,
    });
    expect(parseConfig({}, { MFA_LOGIN_DATABASE_URL: 'postgres://db/login' }).store).toMatchObject({ preparedStatements: true });
  });
});
