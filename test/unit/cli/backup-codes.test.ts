import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashBackupCode } from '../../../server/auth/backup-codes.js';
import type { Services } from '../../../server/services.js';
import type { UserRecord } from '../../../server/store/types.js';
import { cliHarness, type CliHarness } from './harness.js';

describe('mfa-login user backup-codes …', () => {
  let cli: CliHarness;
  let services: Services;
  let alice: UserRecord;

  /** What the backup-code step does with a typed code. */
  const useCode = (code: string) => services.store.consumeBackupCode(alice.id, hashBackupCode(services.keyring, alice.id, code), new Date());

  beforeEach(async () => {
    cli = await cliHarness('sqlite', { backupCodes: { count: 8 } });
    await cli.run('user', 'add', 'alice', '--password', 'alice password');
    services = await cli.services();
    alice = (await services.store.findUserByUsername('alice'))!;
  });
  afterEach(() => cli.cleanup());

  describe('generate', () => {
    it('prints the configured number of new codes, each good for one login', async () => {
      const res = await cli.run('user', 'backup-codes', 'generate', 'alice', '--json');
      expect(res.code).toBe(0);
      const { username, codes } = res.json();
      expect(username).toBe('alice');
      expect(codes).toHaveLength(8);
      for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect(await services.store.countBackupCodes(alice.id)).toBe(8);
      expect(await useCode(codes[0])).toBe(true);
      expect(await useCode(codes[0])).toBe(false);
    });

    it('replaces the codes made before', async () => {
      const first = (await cli.run('user', 'backup-codes', 'generate', 'alice', '--json')).json().codes;
      const human = await cli.run('user', 'backup-codes', 'generate', 'alice');
      expect(human.out).toContain('the old ones no longer work');
      expect(await useCode(first[1])).toBe(false);
      expect(await services.store.countBackupCodes(alice.id)).toBe(8);
    });

    it('fails for an unknown user (exit 1)', async () => {
      expect((await cli.run('user', 'backup-codes', 'generate', 'nobody')).code).toBe(1);
    });
  });

  describe('import', () => {
    it('stores codes chosen elsewhere as hashes; each is consumed once, typed in any case or spacing', async () => {
      const res = await cli.run('user', 'backup-codes', 'import', 'alice', 'recovery-code-1, 12345678 ,ABCDE-FGHJK', '--json');
      expect(res.code).toBe(0);
      expect(res.json()).toEqual({ username: 'alice', imported: 3, skipped: 0, replaced: false, remaining: 3 });
      expect(await useCode('recovery-code-1')).toBe(true);
      expect(await useCode('recovery-code-1')).toBe(false);
      expect(await useCode('1234 5678')).toBe(true);
      expect(await useCode('abcdefghjk')).toBe(true);
      expect(await services.store.countBackupCodes(alice.id)).toBe(0);
    });

    it('adds to the codes the user has', async () => {
      const generated = (await cli.run('user', 'backup-codes', 'generate', 'alice', '--json')).json().codes;
      expect((await cli.run('user', 'backup-codes', 'import', 'alice', 'imported-code-1')).code).toBe(0);
      expect(await services.store.countBackupCodes(alice.id)).toBe(9);
      expect(await useCode(generated[0])).toBe(true);
      expect(await useCode('imported-code-1')).toBe(true);
    });

    it('does not make a used code usable again when it is imported again, and says so', async () => {
      expect((await cli.run('user', 'backup-codes', 'import', 'alice', 'imported-code-1,imported-code-2')).code).toBe(0);
      expect(await useCode('imported-code-1')).toBe(true);
      const res = await cli.run('user', 'backup-codes', 'import', 'alice', 'imported-code-1,imported-code-2,imported-code-3');
      expect(res.code).toBe(0);
      expect(res.out).toBe('Added backup codes for alice: 1 imported, 2 skipped (already issued; a used code stays used), 2 usable now.');
      expect(await useCode('imported-code-1')).toBe(false);
    });

    it('replaces every other code with --replace', async () => {
      const generated = (await cli.run('user', 'backup-codes', 'generate', 'alice', '--json')).json().codes;
      const res = await cli.run('user', 'backup-codes', 'import', 'alice', 'imported-code-1,imported-code-2', '--replace');
      expect(res.code).toBe(0);
      expect(res.out).toBe('Replaced the backup codes of alice: 2 imported, 2 usable now.');
      expect(await useCode(generated[0])).toBe(false);
      expect(await useCode('imported-code-2')).toBe(true);
    });

    it.each([
      ['short12', '<codes> #1: at least 8 letters or digits'],
      ['abcd-efgh,has_underscore', '<codes> #2: only letters, digits and dashes'],
      ['abcdefgh,ABCD-EFGH', '<codes>: a code appears twice'],
      [' , ', '<codes>: no codes given'],
      ['x'.repeat(65), '<codes> #1: at most 64 characters'],
      [Array.from({ length: 101 }, (_, i) => `code-${String(i).padStart(4, '0')}`).join(','), '<codes>: at most 100 codes at once'],
    ])('refuses %j (exit 2) and stores nothing', async (codes, message) => {
      const res = await cli.run('user', 'backup-codes', 'import', 'alice', codes);
      expect(res.code).toBe(2);
      expect(res.err).toContain(message);
      expect(await services.store.countBackupCodes(alice.id)).toBe(0);
    });

    it('asks for the codes when they are missing (exit 2)', async () => {
      const res = await cli.run('user', 'backup-codes', 'import', 'alice');
      expect(res.code).toBe(2);
      expect(res.err).toContain('<codes>: missing');
    });
  });
});
