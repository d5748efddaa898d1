import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../server/cli.js';
import type { AuditEventRecord } from '../../../server/store/types.js';
import { cliHarness, type CliHarness } from './harness.js';

const parse = (out: string[]) => out.map((l) => JSON.parse(l) as AuditEventRecord);

describe('mfa-login events tail', () => {
  let cli: CliHarness;
  beforeEach(async () => {
    cli = await cliHarness();
  });
  afterEach(() => cli.cleanup());

  it('prints the newest events as JSON lines, oldest first, filtered by user and type', async () => {
    expect((await cli.run('user', 'add', 'bob', '--password', 'correct-horse-battery')).code).toBe(0);
    expect((await cli.run('user', 'add', 'carol', '--password', 'correct-horse-battery')).code).toBe(0);
    expect((await cli.run('user', 'set-email', 'bob', 'bob@example.com')).code).toBe(0);
    expect((await cli.run('user', 'disable-sms', 'carol')).code).toBe(0);

    const all = await cli.run('events', 'tail');
    expect(all.code).toBe(0);
    const events = parse(all.out.split('\n'));
    expect(events.map((e) => [e.type, e.details.action ?? e.details.change])).toEqual([
      ['admin.action', 'user.create'],
      ['admin.action', 'user.create'],
      ['factor.changed', 'email-set'],
      ['factor.changed', 'sms-disabled'],
    ]);
    expect(events[2]).toMatchObject({ actor: { kind: 'admin', via: 'cli' }, clientId: null });
    expect(all.out).not.toContain('bob@example.com');

    const bob = parse((await cli.run('events', 'tail', '--user', 'bob')).out.split('\n'));
    expect(bob.map((e) => e.details.action ?? e.details.change)).toEqual(['user.create', 'email-set']);
    const changes = parse((await cli.run('events', 'tail', '--type', 'factor.changed', '--limit', '1')).out.split('\n'));
    expect(changes.map((e) => e.details.change)).toEqual(['sms-disabled']);
    expect((await cli.run('events', 'tail', '--type', 'nonsense')).code).toBe(2);
  });

  it('--follow prints events stored after it started, until interrupted', async () => {
    expect((await cli.run('user', 'add', 'bob', '--password', 'correct-horse-battery')).code).toBe(0);
    const out: string[] = [];
    const stop = new AbortController();
    const running = runCli(
      ['-c', cli.configFile, 'events', 'tail', '--follow'],
      {},
      { out: (l) => out.push(l), err: () => undefined, signal: stop.signal },
    );
    await vi.waitFor(() => expect(out).toHaveLength(1), { timeout: 5000 });

    expect((await cli.run('user', 'set-email', 'bob', 'bob@example.com')).code).toBe(0);
    expect((await cli.run('user', 'remove', 'bob')).code).toBe(0);
    await vi.waitFor(() => expect(out).toHaveLength(3), { timeout: 10_000 });
    stop.abort();
    expect(await running).toBe(0);
    expect(parse(out).map((e) => e.details.action ?? e.details.change)).toEqual(['user.create', 'email-set', 'user.delete']);
  });
});
