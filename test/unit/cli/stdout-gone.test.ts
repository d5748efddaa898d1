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

  it('ends a command quietly on EPIPE, with the exit code it has so far', () => {
    const stdout = new EventEmitter();
    const exits: number[] = [];
    onStdoutGone(stdout as NodeJS.WriteStream, (code) => exits.push(code));
    stdout.emit('error', epipe());
    expect(exits).toEqual([0]);
  });

  it('does not hide any other error on stdout', () => {
    const stdout = new EventEmitter();
    onStdoutGone(stdout as NodeJS.WriteStream, () => undefined);
    expect(() => stdout.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' }))).toThrow('EIO');
  });

  it('ends `events tail --follow` with 0 and nothing on stderr once its reader is gone (as `| head -0`)', async () => {
    expect((await cli.run('user', 'add', 'bob', '--password', 'correct-horse-battery')).code).toBe(0);
    // The stored event is printed at once: that write answers EPIPE.
    const res = await cli.spawn(['events', 'tail', '--follow'], { stdoutClosed: true, timeoutMs: 15_000 });
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
  });
});
