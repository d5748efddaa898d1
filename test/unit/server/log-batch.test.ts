import { afterEach, describe, expect, it, vi } from 'vitest';
import { lineBatch } from '../../../server/log-batch.js';

/** A writer that records what it is handed and how it was asked to write it, and what went out synchronously. */
function recordingWriter() {
  const handed: string[] = [];
  const calls: string[] = [];
  const synced: string[] = [];
  return {
    handed,
    calls,
    synced,
    sync: (data: string) => {
      calls.push('sync');
      synced.push(data);
    },
    write: (data: string) => {
      handed.push(data);
      return true;
    },
    flush: (cb?: (err?: Error) => void) => {
      calls.push('flush');
      setImmediate(() => cb?.());
    },
    flushSync: () => calls.push('flushSync'),
  };
}

const line = (i: number) => `{"i":${i},"msg":"${'x'.repeat(90)}"}\n`;

describe('a batch of log lines', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands its lines over joined, in order, once a write’s worth has gathered: one write for many lines', () => {
    const writer = recordingWriter();
    const batch = lineBatch(writer, writer.sync, 1024, 100);
    for (let i = 0; i < 25; i++) batch.write(line(i));
    // 107 characters a line: the tenth passes 1,024.
    expect(writer.handed.map((data) => data.split('\n').length - 1)).toEqual([10, 10]);
    batch.flushSync();
    expect([...writer.handed, ...writer.synced].join('')).toBe(Array.from({ length: 25 }, (_, i) => line(i)).join(''));
  });

  it('writes synchronously when asked to: what the writer holds first, then its own lines, never through an asynchronous write', () => {
    const writer = recordingWriter();
    const batch = lineBatch(writer, writer.sync, 8192, 100);
    batch.write(line(0));
    batch.write(line(1));
    batch.flushSync();
    expect(writer.calls).toEqual(['flushSync', 'sync']);
    expect(writer.synced).toEqual([line(0) + line(1)]);
    expect(writer.handed).toEqual([]);
    // Nothing left: a second flush writes nothing twice.
    batch.flushSync();
    expect(writer.synced).toHaveLength(1);
  });

  it('hands a lone line over after the wait, without waiting for more', () => {
    vi.useFakeTimers();
    const writer = recordingWriter();
    const batch = lineBatch(writer, writer.sync, 8192, 100);
    batch.write(line(0));
    vi.advanceTimersByTime(99);
    expect(writer.handed).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writer.handed).toEqual([line(0)]);
    // Nothing left: the next wait hands nothing over twice.
    vi.advanceTimersByTime(500);
    expect(writer.handed).toEqual([line(0)]);
  });

  it('hands what it holds over when asked to flush, and passes the callback on', async () => {
    const writer = recordingWriter();
    const batch = lineBatch(writer, writer.sync, 8192, 100);
    batch.write(line(0));
    batch.write(line(1));
    await new Promise<void>((resolve, reject) => batch.flush((err) => (err ? reject(err) : resolve())));
    expect(writer.handed).toEqual([line(0) + line(1)]);
    expect(writer.calls).toEqual(['flush']);
  });
});
