import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashClientSecret } from '../../../server/clients.js';
import { cliHarness, type CliHarness } from './harness.js';

describe('mfa-login client …', () => {
  let cli: CliHarness;
  beforeEach(async () => {
    cli = await cliHarness('sqlite', {
      clients: [{ clientId: 'from-config', name: 'Configured app', allowedOrigins: ['https://configured.example'] }],
    });
  });
  afterEach(() => cli.cleanup());

  const stored = async (clientId: string) => (await cli.services()).store.getClient(clientId);

  describe('add', () => {
    it('registers a client with origins, sequences and options', async () => {
      const res = await cli.run(
        'client',
        'add',
        'shop',
        '--name',
        'The Shop',
        '--origin',
        'https://shop.example/',
        '--origin',
        'http://localhost:8080/login',
        '--sequence',
        '[["password"],["totp","sms","backup_code"]]',
        '--acr',
        'pwd=[["password"]]',
        '--acr',
        'strong=[["password"],["totp"]]',
        '--default-acr',
        'mfa',
        '--allow-phone-enrollment',
      );
      expect(res.code).toBe(0);
      expect(res.out).toContain('Added client shop.');
      expect(await stored('shop')).toMatchObject({
        clientId: 'shop',
        name: 'The Shop',
        allowedOrigins: ['https://shop.example', 'http://localhost:8080'],
        clientSecretHash: null,
        sequence: [['password'], ['totp', 'sms', 'backup_code']],
        acrSequences: { pwd: [['password']], strong: [['password'], ['totp']] },
        defaultAcr: 'mfa',
        allowPhoneEnrollment: true,
        allowTotpEnrollment: true,
        passkeyAlone: false,
      });
    });

    it("takes the config schema's defaults: password then TOTP, acr mfa, no origins", async () => {
      expect((await cli.run('client', 'add', 'api', '--name', 'API')).code).toBe(0);
      expect(await stored('api')).toMatchObject({
        allowedOrigins: [],
        sequence: [['password'], ['totp']],
        acrSequences: {},
        defaultAcr: 'mfa',
        allowPhoneEnrollment: false,
      });
    });

    it('says which sequence it chose when none is given, and how to offer every second factor', async () => {
      const res = await cli.run('client', 'add', 'web', '--name', 'Web');
      expect(res.out).toContain(
        `No --sequence given: the default, password → totp. To offer every second factor, as the README's example does: --sequence '[["password"],["totp","sms","backup_code","email"]]'`,
      );
      const readme = (await import('node:fs')).readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
      expect(readme).toContain('"sequence": [["password"], ["totp", "sms", "backup_code", "email"]]');
      const given = await cli.run('client', 'add', 'web2', '--name', 'Web', '--sequence', '[["password"],["totp","sms"]]');
      expect(given.out).not.toContain('No --sequence given');
    });

    it('prints a generated secret once and stores only its hash', async () => {
      const res = await cli.run('client', 'add', 'backend', '--name', 'Backend', '--generate-secret', '--json');
      expect(res.code).toBe(0);
      const { client, clientSecret } = res.json();
      expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(client).toMatchObject({ clientId: 'backend', hasSecret: true, source: 'store' });
      expect(JSON.stringify(client)).not.toContain(clientSecret);
      const { keyring } = await cli.services();
      expect((await stored('backend'))!.clientSecretHash).toBe(hashClientSecret(keyring, 'backend', clientSecret));
    });

    it('stores a given secret as a hash and does not print it', async () => {
      const secret = 'a-secret-of-at-least-16-chars';
      const res = await cli.run('client', 'add', 'backend', '--name', 'Backend', '--secret', secret);
      expect(res.code).toBe(0);
      expect(res.out).not.toContain(secret);
      const { keyring } = await cli.services();
      expect((await stored('backend'))!.clientSecretHash).toBe(hashClientSecret(keyring, 'backend', secret));
    });

    it('registers an OpenID Connect client: exact redirect and logout return URIs, public without a secret, theming', async () => {
      const res = await cli.run(
        'client',
        'add',
        'spa',
        '--name',
        'SPA',
        '--redirect-uri',
        'https://spa.example/callback',
        '--redirect-uri',
        'http://localhost:5173/callback?x=1',
        '--post-logout-redirect-uri',
        'https://spa.example/',
        '--public',
        '--logo-uri',
        'https://spa.example/logo.svg',
        '--css-uri',
        'https://spa.example/login.css',
      );
      expect(res.code).toBe(0);
      expect(res.out).toContain('public client');
      expect(await stored('spa')).toMatchObject({
        redirectUris: ['https://spa.example/callback', 'http://localhost:5173/callback?x=1'],
        postLogoutRedirectUris: ['https://spa.example/'],
        public: true,
        clientSecretHash: null,
        logoUri: 'https://spa.example/logo.svg',
        cssUri: 'https://spa.example/login.css',
      });
    });

    it.each([
      [['client', 'add', 'shop'], '--name: missing'],
      [
        ['client', 'add', 'shop', '--name', 'X', '--redirect-uri', 'https://shop.example/cb#frag'],
        '--redirect-uri #1: an http(s) URL without a fragment',
      ],
      [['client', 'add', 'shop', '--name', 'X', '--redirect-uri', 'javascript:alert(1)'], '--redirect-uri #1:'],
      [['client', 'add', 'shop', '--name', 'X', '--public', '--generate-secret'], 'A --public client has no secret.'],
      [['client', 'add', 'bad id!', '--name', 'X'], '<clientId>: letters, digits and . _ ~ - only'],
      [['client', 'add', 'shop', '--name', 'X', '--origin', 'not a url'], '--origin #1:'],
      [['client', 'add', 'shop', '--name', 'X', '--sequence', '[["password"'], '--sequence: not JSON; write a sequence like'],
      [['client', 'add', 'shop', '--name', 'X', '--sequence', '[["password"],["fingerprint"]]'], '--sequence #2 #1:'],
      [['client', 'add', 'shop', '--name', 'X', '--sequence', '[["sms","sms"]]'], 'a method appears twice in one step'],
      [['client', 'add', 'shop', '--name', 'X', '--acr', 'pwd'], '--acr: "pwd" is not NAME=SEQUENCE'],
      [['client', 'add', 'shop', '--name', 'X', '--acr', 'pwd=[]'], '--acr: pwd:'],
      [['client', 'add', 'shop', '--name', 'X', '--secret', 'too-short'], '--secret:'],
      [
        ['client', 'add', 'shop', '--name', 'X', '--secret', 'a-secret-of-at-least-16-chars', '--generate-secret'],
        'Use either --secret or --generate-secret, not both.',
      ],
    ])('refuses %j (exit 2) and stores nothing', async (argv, message) => {
      const res = await cli.run(...argv);
      expect(res.code).toBe(2);
      expect(res.err).toContain(message);
      expect((await (await cli.services()).store.listClients()).map((c) => c.clientId)).not.toContain('shop');
    });

    it('refuses a client id that exists (exit 1)', async () => {
      await cli.run('client', 'add', 'shop', '--name', 'Shop');
      const res = await cli.run('client', 'add', 'shop', '--name', 'Other shop', '--json');
      expect(res.code).toBe(1);
      expect(JSON.parse(res.err)).toEqual({ error: 'conflict', message: 'A client "shop" already exists.' });
      expect((await stored('shop'))!.name).toBe('Shop');
    });

    it('refuses a client id the config file defines: the file wins at every start (exit 1)', async () => {
      const res = await cli.run('client', 'add', 'from-config', '--name', 'Shadow');
      expect(res.code).toBe(1);
      expect(res.err).toBe('Error: Client "from-config" is defined in the config file; change it there.');
    });
  });

  describe('list', () => {
    it('lists store and config clients by id, without secrets', async () => {
      await cli.run('client', 'add', 'shop', '--name', 'Shop', '--origin', 'https://shop.example', '--generate-secret');
      const res = await cli.run('client', 'list', '--json');
      expect(res.code).toBe(0);
      const { clients } = res.json();
      expect(clients.map((c: { clientId: string; source: string }) => [c.clientId, c.source])).toEqual([
        ['from-config', 'config'],
        ['shop', 'store'],
      ]);
      expect(clients[1]).toEqual({
        clientId: 'shop',
        name: 'Shop',
        allowedOrigins: ['https://shop.example'],
        hasSecret: true,
        sequence: [['password'], ['totp']],
        acrSequences: {},
        defaultAcr: 'mfa',
        allowPhoneEnrollment: false,
        allowTotpEnrollment: true,
        scopes: [],
        redirectUris: [],
        postLogoutRedirectUris: [],
        public: false,
        logoUri: null,
        cssUri: null,
        passkeyAlone: false,
        trustDevice: { enabled: false, days: 30 },
        source: 'store',
      });
      expect(res.out).not.toMatch(/clientSecretHash/);
      const human = await cli.run('client', 'list');
      expect(human.out).toMatch(/shop\s+Shop\s+https:\/\/shop\.example\s+password → totp\s+yes\s+store/);
    });
  });

  describe('remove', () => {
    it('deletes a client', async () => {
      await cli.run('client', 'add', 'shop', '--name', 'Shop');
      const res = await cli.run('client', 'remove', 'shop', '--json');
      expect(res.code).toBe(0);
      expect(res.json()).toEqual({ removed: 'shop' });
      expect(await stored('shop')).toBeNull();
    });

    it('fails for an unknown client and for one the config file defines (exit 1)', async () => {
      expect((await cli.run('client', 'remove', 'nothing')).err).toBe('Error: No client "nothing".');
      const res = await cli.run('client', 'remove', 'from-config');
      expect(res.code).toBe(1);
      expect(res.err).toContain('defined in the config file');
    });
  });
});
