import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onStdoutGone } from '../../../server/cli/stdout-gone.js';
import { cliHarness, type CliHarness } from './harness.js';

const epipe = () => Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });

describe('a CLI whose stdout reader has gone', () => {
  let cli: CliHarness;
  beforeAll(async () => {
    cli = await cliHarness('sqlite');
  });
  afterAll(() => cli.cleanup());

  it('stops a command that runs until interrupted on EPIPE', () => {
    const stdout = new EventEmitter();
    let stops = 0;
    onStdoutGone(stdout as NodeJS.WriteStream, () => stops++);
    stdout.emit('error', epipe());
    expect(stops).toBe(1);
  });

  it('does not hide any other error on stdout', () => {
    const stdout = new EventEmitter();
    onStdoutGone(stdout as NodeJS.WriteStream, () => undefined);
    expect(() => stdout.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' }))).toThrow('EIO');
  });

  it('lets a command finish its work, its audit event stored, when its output has nowhere to go', async () => {
    const res = await cli.spawn(['user', 'add', 'carol', '--password', 'correct-horse-battery'], { stdoutClosed: true, timeoutMs: 15_000 });
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    const events = (await cli.run('events', 'tail', '--user', 'carol')).out
      .split('\n')
      .map((line) => JSON.parse(line) as { details: { action?: string } });
    expect(events.map((e) => e.details.action)).toEqual(['user.create']);
  });

  it('ends `events tail --follow` with 0 and nothing on stderr once its reader is gone (as `| head -0`)', async () => {
    expect((await cli.run('user', 'add', 'bob', '--password', 'correct-horse-battery')).code).toBe(0);
    // The stored event is printed at once: that write answers EPIPE.
    const res = await cli.spawn(['events', 'tail', '--follow'], { stdoutClosed: true, timeoutMs: 15_000 });
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
  });
});
