import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CapturedLogs, captureLogs, realLogs } from '../../support/logs.js';
import { startTestServer } from '../../support/server.js';

/** Past this a writer is taken to hang: it is killed (its code then null). */
const HUNG_MS = 15_000;

/** Runs test/support/log-writer.ts in a process of its own; answers its exit code and output. */
function writer(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/support/log-writer.ts', ...args], {
    stdio: 'pipe',
    env: { ...process.env, UV_THREADPOOL_SIZE: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const hung = setTimeout(() => child.kill('SIGKILL'), HUNG_MS);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(hung);
      resolve({ code, stdout, stderr });
    }),
  );
}

const linesOf = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { i: number; msg: string });

describe('the server log (written off the event loop)', () => {
  it('still holds every line queued before an uncaught exception ended the process', async () => {
    const { code, stdout, stderr } = await writer(['crash', '5000']);
    expect(code).toBe(1);
    expect(stderr).toContain('crashed on purpose');
    expect(linesOf(stdout).map((l) => l.i)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('still holds every line queued before process.exit', async () => {
    const { code, stdout } = await writer(['exit', '5000']);
    expect(code).toBe(3);
    expect(linesOf(stdout)).toHaveLength(5000);
  });

  it('still holds every line when the event loop simply runs dry', async () => {
    const { code, stdout } = await writer(['end', '5000']);
    expect(code).toBe(0);
    expect(linesOf(stdout)).toHaveLength(5000);
  });

  it('still holds the lines of a logger let go and collected before the process ended (a server after its shutdown)', async () => {
    const { code, stdout } = await writer(['dropped', '3']);
    expect(code).toBe(0);
    expect(linesOf(stdout).map((l) => l.i)).toEqual([0, 1, 2]);
  });

  it("writes every line, a fatal one's included, before pino's fatal returns: the process may be killed right after", async () => {
    const { code, stdout } = await writer(['fatal', '3']);
    expect(code).toBeNull();
    expect(linesOf(stdout).map((l) => l.i)).toEqual([0, 1, 2, 3]);
  });

  it('calls back from logger.flush once the lines are written', async () => {
    const { stdout } = await writer(['flushed', '3']);
    expect(linesOf(stdout).map((l) => l.i)).toEqual([0, 1, 2]);
  });

  it('drops whole lines past its bounded buffer and says so on stderr, instead of growing', async () => {
    // ~150 bytes a line: 5,000 lines are ~750 KB, the buffer takes 64 KiB.
    const { code, stdout, stderr } = await writer(['end', '5000', String(64 * 1024)]);
    expect(code).toBe(0);
    // Lines go in batches of ~8 KiB, and a batch is dropped whole: the count is of lines, not of batches.
    const said = Number(/(\d+) line\(s\) dropped/.exec(stderr)?.[1]);
    expect(said).toBeGreaterThan(1);
    const lines = linesOf(stdout);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(1000);
    expect(lines.every((l) => l.msg === 'line')).toBe(true);
  });

  describe('a log reader that stalls or goes (a FIFO written non-blocking, as a pipe shared with another program may be)', () => {
    let dir: string;
    let fifo: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-log-'));
      fifo = path.join(dir, 'log');
      execFileSync('mkfifo', [fifo]);
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('gives up on a stalled reader at exit, says so on stderr and ends with its own code, instead of hanging', {
      timeout: HUNG_MS + 5_000,
    }, async () => {
      // ~900 KB: the pipe takes 64 KiB, the rest waits in the destination's buffer.
      const { code, stderr } = await writer(['stalled', '5000', '', fifo]);
      expect(code).toBe(3);
      expect(stderr).toMatch(/^mfa-login: \d+ bytes of log lines could not be written \(its reader took nothing for ~1 s\)\n$/);
    });

    /**
     * Runs the writer with `args` into the FIFO, read as a slow reader: `chunk` bytes every
     * `everyMs` for `slowMs`; once the writer has ended, the rest at once.
     */
    async function slowReader(
      args: string[],
      { chunk, everyMs, slowMs }: { chunk: number; everyMs: number; slowMs: number },
    ): Promise<{ out: Buffer; result: Awaited<ReturnType<typeof writer>> }> {
      // The reader opens the FIFO before the writer does: a non-blocking writer needs one.
      const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
      const done = writer(args);
      const chunks: Buffer[] = [];
      let finished = false;
      const started = Date.now();
      const drain = (async () => {
        const buffer = Buffer.alloc(65_536);
        for (;;) {
          const slow = !finished && Date.now() - started < slowMs;
          let n = -1;
          try {
            n = readSync(reader, buffer, 0, slow ? chunk : buffer.length, null);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
          }
          if (n > 0) chunks.push(Buffer.from(buffer.subarray(0, n)));
          // 0 is the end of the file once the writer has gone (before it came, there was none yet).
          else if (n === 0 && finished) break;
          await new Promise((resolve) => setTimeout(resolve, slow ? everyMs : 5));
        }
      })();
      let result: Awaited<ReturnType<typeof writer>>;
      try {
        result = await done;
      } finally {
        finished = true;
        await drain;
        closeSync(reader);
      }
      return { result, out: Buffer.concat(chunks) };
    }

    it('waits for a slow reader in a fatal line while the process runs: every line once, in order, the fatal one last', {
      timeout: HUNG_MS + 5_000,
    }, async () => {
      const { result, out } = await slowReader(['slow', '2000', '', fifo], { chunk: 4096, everyMs: 200, slowMs: 2_500 });
      expect(result.code).toBe(3);
      expect(linesOf(out.toString()).map((l) => l.i)).toEqual(Array.from({ length: 2001 }, (_, i) => i));
    });

    it('at exit, keeps writing to a reader that is slow but takes what it is given', { timeout: HUNG_MS + 5_000 }, async () => {
      // ~900 KB at ~320 KB/s: ~3 s, many a busy answer, none ~1 s long.
      const { result, out } = await slowReader(['slow-exit', '5000', '', fifo], { chunk: 16_384, everyMs: 50, slowMs: 60_000 });
      expect(result.code).toBe(3);
      expect(result.stderr).toBe('');
      expect(
        linesOf(out.toString())
          .map((l) => l.i)
          .sort((a, b) => a - b),
      ).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    });

    it('gives up at exit on a reader gone before any write, once, instead of hanging', { timeout: HUNG_MS + 5_000 }, async () => {
      const { code, stderr } = await writer(['gone', '5000', '', fifo]);
      expect(code).toBe(3);
      expect(stderr).toBe('mfa-login: log lines could not be written (its reader is gone)\n');
    });

    it('ends the log when its reader goes while the process runs, says so once, and the process goes on', { timeout: HUNG_MS + 5_000 }, async () => {
      const { code, stderr } = await writer(['gone-later', '5000', '', fifo]);
      expect(code).toBe(3);
      expect(stderr).toBe('mfa-login: the log could not be written, and is given up (its reader is gone)\n');
    });
  });

  it('keeps the process running when every write fails (a full disk), says so once on stderr, and gives up at exit', async () => {
    const { code, stderr } = await writer(['full', '5000']);
    expect(code).toBe(3);
    expect(stderr.split('\n')).toEqual([
      'mfa-login: the log could not be written (Error: ENOSPC: no space left on device, write): its lines wait (8388608 bytes at most) and are tried again with the next',
      'mfa-login: log lines could not be written (Error: ENOSPC: no space left on device, write)',
      '',
    ]);
  });

  // Lines are written in batches of ~8 KiB: fewer than a batch must not be left in the buffer.
  for (const [how, code] of [
    ['crash', 1],
    ['exit', 3],
    ['end', 0],
  ] as const) {
    it(`still holds the last few lines, less than one write's worth, when it ends (${how})`, async () => {
      const result = await writer([how, '3']);
      expect(result.code).toBe(code);
      expect(linesOf(result.stdout).map((l) => l.i)).toEqual([0, 1, 2]);
    });
  }

  it('writes a lone line while the process keeps running, without waiting for more to fill a write', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/log-writer.ts', 'stay', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let stdout = '';
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
          if (stdout.includes('\n')) resolve(stdout);
        });
        child.once('exit', (exitCode) => reject(new Error(`the writer ended (${exitCode}) before its line was written`)));
      });
      expect(child.exitCode).toBeNull();
      expect(linesOf(line)).toEqual([expect.objectContaining({ i: 0, msg: 'line' })]);
    } finally {
      child.kill();
    }
  });
});

describe('the access log', () => {
  const requestLines = (logs: CapturedLogs) => logs.lines().filter((l) => l.msg === 'request' && l.path === '/api/v1/flows');

  it('writes the fixed fields of each request with the server’s own logger', async () => {
    const logs = realLogs();
    const server = await startTestServer({}, { logger: logs.logger });
    try {
      await server.post('/api/v1/flows', { clientId: 'demo' });
      expect(requestLines(logs)).toEqual([expect.objectContaining({ method: 'POST', status: 201, ip: '127.0.0.1', requestId: expect.any(String) })]);
    } finally {
      await server.stop();
    }
  });

  it('keeps the redaction of a logger an integrator hands in (here: of the client address)', async () => {
    const logs = captureLogs((stream) => pino({ level: 'info', redact: ['ip'] }, stream));
    const server = await startTestServer({}, { logger: logs.logger });
    try {
      await server.post('/api/v1/flows', { clientId: 'demo' });
      expect(requestLines(logs)).toEqual([expect.objectContaining({ method: 'POST', status: 201, ip: '[Redacted]' })]);
    } finally {
      await server.stop();
    }
  });
});
