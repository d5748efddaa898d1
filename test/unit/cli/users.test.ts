import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliHarness, type CliHarness } from './harness.js';

describe('mfa-login user …', () => {
  let cli: CliHarness;
  beforeEach(async () => {
    cli = await cliHarness('sqlite', { sms: { defaultCountry: 'US' } });
  });
  afterEach(() => cli.cleanup());

  const stored = async (username: string) => (await cli.services()).store.findUserByUsername(username);

  describe('add', () => {
    it('creates a user with the given password, phone in E.164 and e-mail', async () => {
      const res = await cli.run(
        'user',
        'add',
        'Alice',
        '--display-name',
        'Alice Liddell',
        '--password',
        'correct horse battery',
        '--phone',
        '(201) 555-0123',
        '--email',
        'alice@example.com',
      );
      expect(res.code).toBe(0);
      expect(res.out).toContain('Created user alice.');
      expect(res.out).not.toContain('correct horse battery');
      const user = await stored('alice');
      expect(user).toMatchObject({
        username: 'alice',
        displayName: 'Alice Liddell',
        phone: '+12015550123',
        email: 'alice@example.com',
        smsDisabled: false,
      });
      const { passwords } = await cli.services();
      expect(await passwords.verify(user!.passwordHash, 'correct horse battery')).toBe(true);
    });

    it('generates a password when none is given and prints it once', async () => {
      const res = await cli.run('user', 'add', 'bob', '--json');
      expect(res.code).toBe(0);
      const { user, password } = res.json();
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(user).toMatchObject({
        username: 'bob',
        displayName: 'bob',
        phone: null,
        email: null,
        totp: { enrolled: false },
        backupCodesRemaining: 0,
        mfaSince: null,
      });
      const { passwords } = await cli.services();
      expect(await passwords.verify((await stored('bob'))!.passwordHash, password)).toBe(true);
    });

    it('reads the password from standard input, without the final newline', async () => {
      const res = await cli.runWithStdin('s3cret from a pipe\n', 'user', 'add', 'carol', '--password-stdin', '--json');
      expect(res.code).toBe(0);
      expect(res.json().password).toBeUndefined();
      const { passwords } = await cli.services();
      expect(await passwords.verify((await stored('carol'))!.passwordHash, 's3cret from a pipe')).toBe(true);
    });

    it('refuses a username that is taken (exit 1)', async () => {
      await cli.run('user', 'add', 'alice', '--password', 'first password');
      const res = await cli.run('user', 'add', 'ALICE', '--password', 'second password');
      expect(res.code).toBe(1);
      expect(res.err).toBe('Error: A user named "alice" already exists.');
    });

    it.each([
      [['user', 'add', 'bad name'], '<username>: no spaces or control characters'],
      [['user', 'add'], '<username>: missing'],
      [['user', 'add', 'dave', '--password', 'short'], '--password: at least 8 characters'],
      [['user', 'add', 'dave', '--email', 'not-an-address'], '--email: not an e-mail address'],
      [['user', 'add', 'dave', '--phone', '555'], '--phone: not a phone number that can receive texts'],
      [['user', 'add', 'dave', '--password', 'long enough', '--password-stdin'], 'Use either --password or --password-stdin, not both.'],
      [['user', 'add', 'dave', '--nickname', 'D'], "Unknown option '--nickname'"],
      [['user', 'add', 'dave', 'extra'], 'Unexpected argument "extra".'],
    ])('refuses %j as a usage error (exit 2)', async (argv, message) => {
      const res = await cli.run(...argv);
      expect(res.code).toBe(2);
      expect(res.err).toContain(message);
      expect(res.err).toContain('Usage: mfa-login user add <username>');
      expect((await (await cli.services()).store.listUsers()).map((u) => u.username)).not.toContain('dave');
    });

    it('reports a usage error as JSON with --json', async () => {
      const res = await cli.run('--json', 'user', 'add', 'bad name');
      expect(res.code).toBe(2);
      expect(JSON.parse(res.err)).toEqual({ error: 'usage', message: '<username>: no spaces or control characters' });
      expect(res.out).toBe('');
    });
  });

  describe('list and show', () => {
    beforeEach(async () => {
      await cli.run('user', 'add', 'bob', '--password', 'bob password', '--phone', '+442079460018');
      await cli.run('user', 'add', 'alice', '--password', 'alice password', '--display-name', 'Alice', '--email', 'alice@example.com');
    });

    it('lists users by name with their factors', async () => {
      const res = await cli.run('user', 'list', '--json');
      expect(res.code).toBe(0);
      expect(res.json().users.map((u: { username: string }) => u.username)).toEqual(['alice', 'bob']);
      const human = await cli.run('user', 'list');
      expect(human.out.split('\n')[0]).toMatch(/^USERNAME\s+DISPLAY NAME\s+TOTP\s+PHONE\s+SMS\s+E-MAIL\s+BACKUP CODES$/);
      expect(human.out).toMatch(/bob\s+bob\s+no\s+\+442079460018\s+enabled\s+-\s+0/);
    });

    it("shows a user's factors: TOTP, phone, SMS, e-mail and backup codes left", async () => {
      const services = await cli.services();
      const bob = (await services.store.findUserByUsername('bob'))!;
      await services.store.setTotp(
        { userId: bob.id, sealedSecret: 'sealed', algorithm: 'sha1', digits: 6, period: 30 },
        new Date('2026-11-22T10:00:00Z'),
      );
      await services.store.replaceBackupCodes(bob.id, ['h1', 'h2', 'h3'], new Date('2026-11-22T10:01:00Z'));
      await services.store.updateUser(bob.id, { smsDisabled: true }, new Date());

      const res = await cli.run('user', 'show', 'bob', '--json');
      expect(res.code).toBe(0);
      expect(res.json().user).toEqual({
        id: bob.id,
        username: 'bob',
        displayName: 'bob',
        passwordSet: true,
        disabled: false,
        totp: { enrolled: true, enrolledAt: '2026-11-22T10:00:00.000Z', count: 1 },
        phone: '+442079460018',
        smsDisabled: true,
        email: null,
        backupCodesRemaining: 3,
        mfaSince: '2026-11-22T10:01:00.000Z',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const human = (await cli.run('user', 'show', 'bob')).out;
      expect(human).toMatch(/TOTP\s+enrolled 2026-11-22T10:00:00.000Z/);
      expect(human).toMatch(/SMS codes\s+disabled/);
      expect(human).toMatch(/backup codes\s+3 left/);
      expect(human).toMatch(/second factor\s+in use since 2026-11-22T10:01:00.000Z/);
    });

    it('fails for an unknown user (exit 1), in JSON too', async () => {
      const res = await cli.run('user', 'show', 'nobody');
      expect(res.code).toBe(1);
      expect(res.err).toBe('Error: No user named "nobody".');
      const json = await cli.run('user', 'show', 'nobody', '--json');
      expect(json.code).toBe(1);
      expect(JSON.parse(json.err)).toEqual({ error: 'not_found', message: 'No user named "nobody".' });
    });
  });

  describe('remove', () => {
    it('deletes the user with their authenticator and backup codes', async () => {
      await cli.run('user', 'add', 'alice', '--password', 'alice password');
      const services = await cli.services();
      const alice = (await services.store.findUserByUsername('alice'))!;
      await services.store.setTotp({ userId: alice.id, sealedSecret: 's', algorithm: 'sha1', digits: 6, period: 30 }, new Date());
      await services.store.replaceBackupCodes(alice.id, ['h1'], new Date());

      const res = await cli.run('user', 'remove', 'alice', '--json');
      expect(res.code).toBe(0);
      expect(res.json()).toEqual({ removed: 'alice' });
      expect(await services.store.getUser(alice.id)).toBeNull();
      expect(await services.store.getTotp(alice.id)).toBeNull();
      expect(await services.store.countBackupCodes(alice.id)).toBe(0);
      expect((await cli.run('user', 'remove', 'alice')).code).toBe(1);
    });
  });

  describe('factors', () => {
    beforeEach(async () => {
      await cli.run('user', 'add', 'alice', '--password', 'old password', '--phone', '+12015550123', '--email', 'alice@example.com');
    });

    it('sets a new password, from an option or standard input', async () => {
      const { passwords } = await cli.services();
      expect((await cli.run('user', 'set-password', 'alice', '--password', 'new password 1')).code).toBe(0);
      expect(await passwords.verify((await stored('alice'))!.passwordHash, 'new password 1')).toBe(true);
      expect((await cli.runWithStdin('new password 2\r\n', 'user', 'set-password', 'alice', '--password-stdin')).code).toBe(0);
      const hash = (await stored('alice'))!.passwordHash;
      expect(await passwords.verify(hash, 'new password 2')).toBe(true);
      expect(await passwords.verify(hash, 'old password')).toBe(false);
    });

    it('generates a new password when none is given', async () => {
      const res = await cli.run('user', 'set-password', 'alice', '--json');
      expect(res.code).toBe(0);
      const { passwords } = await cli.services();
      expect(await passwords.verify((await stored('alice'))!.passwordHash, res.json().password)).toBe(true);
    });

    it('refuses a too-short password from standard input', async () => {
      const res = await cli.runWithStdin('short\n', 'user', 'set-password', 'alice', '--password-stdin');
      expect(res.code).toBe(2);
      expect(res.err).toContain('--password-stdin: at least 8 characters');
    });

    it('sets the phone in E.164, national numbers read in the configured country, and clears it', async () => {
      const res = await cli.run('user', 'set-phone', 'alice', '201-555-0199', '--json');
      expect(res.code).toBe(0);
      expect(res.json().user.phone).toBe('+12015550199');
      expect((await stored('alice'))!.phone).toBe('+12015550199');
      expect((await cli.run('user', 'set-phone', 'alice', '--clear')).code).toBe(0);
      expect((await stored('alice'))!.phone).toBeNull();
    });

    it.each([
      [['user', 'set-phone', 'alice'], 'Give either <phone> or --clear.'],
      [['user', 'set-phone', 'alice', '+12015550199', '--clear'], 'Give either <phone> or --clear.'],
      [['user', 'set-phone', 'alice', '12'], '<phone>: not a phone number that can receive texts'],
      [['user', 'set-email', 'alice', 'nope'], '<address>: not an e-mail address'],
      [['user', 'set-email', 'alice'], 'Give either <address> or --clear.'],
    ])('refuses %j (exit 2) and changes nothing', async (argv, message) => {
      const res = await cli.run(...argv);
      expect(res.code).toBe(2);
      expect(res.err).toContain(message);
      expect(await stored('alice')).toMatchObject({ phone: '+12015550123', email: 'alice@example.com' });
    });

    it('sets and clears the e-mail address', async () => {
      expect((await cli.run('user', 'set-email', 'alice', 'liddell@example.org')).code).toBe(0);
      expect((await stored('alice'))!.email).toBe('liddell@example.org');
      expect((await cli.run('user', 'set-email', 'alice', '--clear')).code).toBe(0);
      expect((await stored('alice'))!.email).toBeNull();
    });

    it('disables SMS codes without forgetting the phone, and enables them again', async () => {
      const res = await cli.run('user', 'disable-sms', 'alice');
      expect(res.code).toBe(0);
      expect(res.out).toMatch(/SMS codes\s+disabled/);
      expect(await stored('alice')).toMatchObject({ smsDisabled: true, phone: '+12015550123' });
      expect((await cli.run('user', 'enable-sms', 'alice')).code).toBe(0);
      expect((await stored('alice'))!.smsDisabled).toBe(false);
    });

    it('enable-sms on a user without a phone says that no phone is set, and how to set one', async () => {
      expect((await cli.run('user', 'add', 'bob', '--password', 'bob password 1')).code).toBe(0);
      const res = await cli.run('user', 'enable-sms', 'bob');
      expect(res.code).toBe(0);
      expect(res.out).toContain('bob has no phone set, so no texts can be offered yet: set one with mfa-login user set-phone bob <phone>.');
      expect((await cli.run('user', 'enable-sms', 'bob', '--json')).json().warning).toMatch(/^bob has no phone set/);
      // With a phone, nothing to warn about.
      expect((await cli.run('user', 'set-phone', 'bob', '+12015550199')).code).toBe(0);
      const withPhone = await cli.run('user', 'enable-sms', 'bob', '--json');
      expect(withPhone.json().warning).toBeUndefined();
    });

    it('resets TOTP: the credential and the backup codes are gone, so the next login enrols again', async () => {
      const services = await cli.services();
      const alice = (await stored('alice'))!;
      await services.store.setTotp({ userId: alice.id, sealedSecret: 's', algorithm: 'sha1', digits: 6, period: 30 }, new Date());
      await services.store.replaceBackupCodes(alice.id, ['h1'], new Date());
      expect((await stored('alice'))!.mfaSince).not.toBeNull();

      const res = await cli.run('user', 'reset-totp', 'alice', '--json');
      expect(res.code).toBe(0);
      expect(res.json()).toEqual({ username: 'alice', removed: true, backupCodesRemoved: 1, devicesForgotten: 0, trustedDevicesRevoked: 0 });
      expect(await services.store.getTotp(alice.id)).toBeNull();
      expect(await services.store.countBackupCodes(alice.id)).toBe(0);
      expect((await stored('alice'))!.mfaSince).toBeNull();

      const again = await cli.run('user', 'reset-totp', 'alice');
      expect(again.code).toBe(0);
      expect(again.out).toBe('alice had no authenticator or unused backup codes; the next login can set up a second factor again.');
    });

    describe('signed-in devices', () => {
      /** Two browsers that completed a login as alice, one as bob: answers their tokens. */
      async function devices() {
        const services = await cli.services();
        const alice = (await stored('alice'))!;
        const bob = await services.store.createUser({ username: 'bob', displayName: 'Bob', passwordHash: 'h' }, services.now());
        const issue = (userId: string) => services.deviceTokens.issue(userId, services.now());
        const tokens = { alice: [issue(alice.id), issue(alice.id)], bob: issue(bob.id) };
        // In the store, as they are a moment after the logins that made them: the command runs as another process would.
        await services.deviceTokens.flush();
        const trusted = async (token: string, userId: string) => (await services.deviceTokens.trusted(token, userId, services.now())) !== null;
        return { alice, bob, tokens, trusted };
      }

      it.each([
        [['forget-devices', 'alice'], 'Forgot 2 signed-in devices of alice.'],
        [['set-password', 'alice', '--password', 'a new password'], 'Set a new password for alice. 2 signed-in devices are no longer trusted.'],
        [
          ['reset-totp', 'alice'],
          'alice had no authenticator or unused backup codes; the next login can set up a second factor again. 2 signed-in devices are no longer trusted.',
        ],
      ])('%j stops trusting every device that signed in as the user, and only theirs', async (argv, said) => {
        const { alice, bob, tokens, trusted } = await devices();
        expect(await trusted(tokens.alice[0]!, alice.id)).toBe(true);
        const res = await cli.run('user', ...argv);
        expect(res.code).toBe(0);
        expect(res.out.split('\n')[0]).toBe(said);
        for (const token of tokens.alice) expect(await trusted(token, alice.id)).toBe(false);
        expect(await trusted(tokens.bob, bob.id)).toBe(true);
      });

      it('says so when there was none, and counts them in --json', async () => {
        expect((await cli.run('user', 'forget-devices', 'alice')).out).toBe('alice had no signed-in devices.');
        await devices();
        expect((await cli.run('user', 'forget-devices', 'alice', '--json')).json()).toEqual({ username: 'alice', devicesForgotten: 2 });
      });
    });

    it.each(['set-password', 'set-phone', 'set-email', 'disable-sms', 'enable-sms', 'reset-totp', 'forget-devices'])(
      '%s fails for an unknown user (exit 1)',
      async (command) => {
        const extra = { 'set-password': ['--password', 'long enough'], 'set-phone': ['+12015550123'], 'set-email': ['a@example.com'] }[command] ?? [];
        const res = await cli.run('user', command, 'nobody', ...extra);
        expect(res.code).toBe(1);
        expect(res.err).toBe('Error: No user named "nobody".');
      },
    );
  });
});
