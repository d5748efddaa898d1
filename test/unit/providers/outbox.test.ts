import { describe, expect, it } from 'vitest';
import { Outbox } from '../../../server/providers/outbox.js';
import type { OutboxMessage } from '../../../server/providers/types.js';

const sms = (to: string, body: string, n: number): OutboxMessage => ({
  channel: 'sms',
  to,
  body,
  sentAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
});

describe('Outbox', () => {
  it('lists messages newest first', () => {
    const outbox = new Outbox();
    outbox.add(sms('+12015550123', 'first', 1));
    outbox.add(sms('+12015550123', 'second', 2));
    expect(outbox.list().map((m) => m.body)).toEqual(['second', 'first']);
  });

  it('filters by recipient, e-mail addresses case-insensitively', () => {
    const outbox = new Outbox();
    outbox.add(sms('+12015550123', 'for alice', 1));
    outbox.add(sms('+12015550199', 'for bob', 2));
    outbox.add({ channel: 'email', to: 'Alice@Example.com', subject: 'Code', body: 'mail', sentAt: '2026-01-01T00:00:03.000Z' });
    expect(outbox.list('+12015550123').map((m) => m.body)).toEqual(['for alice']);
    expect(outbox.list('alice@example.com').map((m) => m.body)).toEqual(['mail']);
    expect(outbox.list('+10000000000')).toEqual([]);
  });

  it('drops the oldest message once the limit is reached', () => {
    const outbox = new Outbox(3);
    for (let n = 1; n <= 5; n++) outbox.add(sms('+12015550123', `m${n}`, n));
    expect(outbox.list().map((m) => m.body)).toEqual(['m5', 'm4', 'm3']);
  });

  it('keeps 200 messages by default', () => {
    const outbox = new Outbox();
    for (let n = 0; n < 250; n++) outbox.add(sms('+12015550123', `m${n}`, n));
    expect(outbox.list()).toHaveLength(200);
    expect(outbox.list()[199]?.body).toBe('m50');
  });

  it('clears', () => {
    const outbox = new Outbox();
    outbox.add(sms('+12015550123', 'x', 1));
    outbox.clear();
    expect(outbox.list()).toEqual([]);
  });

  it('hands out copies, so callers cannot edit what was sent', () => {
    const outbox = new Outbox();
    outbox.add(sms('+12015550123', 'original', 1));
    const [listed] = outbox.list();
    if (listed) listed.body = 'edited';
    expect(outbox.list()[0]?.body).toBe('original');
  });

  it('refuses a limit below one', () => {
    expect(() => new Outbox(0)).toThrow(RangeError);
  });
});
