import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordStep } from '../support/login.js';
import { startCountingServer, type TestServer } from '../support/server.js';

const OUTBOX = '/api/v1/dev/outbox?to=%2B12015550123';

describe('SMS codes', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startCountingServer({ sms: { caps: { perPhonePerHour: 100, perIpPerHour: 100 } } });
  });
  afterEach(() => server.stop());

  /** Texts a code in `flow` and reads it from the development outbox. */
  async function sendCode(flow: string): Promise<string> {
    const sent = await server.post('/api/v1/flows/sms/send', { flow });
    expect(sent.status).toBe(200);
    const [latest] = (await server.get(OUTBOX)).body.messages;
    return /^(\d{6}) is your/.exec(latest.body)![1]!;
  }
  const verify = (flow: string, code: string) => server.post('/api/v1/flows/sms/verify', { flow, code });
  /** Same length, surely not `code`. */
  const other = (code: string) => code.slice(0, -1) + ((Number(code.at(-1)) + 1) % 10);
  const smsOption = (state: { step: { options: { method: string }[] } }) =>
    state.step.options.find((o) => o.method === 'sms') as Record<string, unknown>;

  it('accepts a code once: not again in its flow, not in another flow', async () => {
    const a = await passwordStep(server);
    const code = await sendCode(a.flow);
    expect((await verify(a.flow, code)).body.status).toBe('complete');
    const again = await verify(a.flow, code);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('method_not_allowed');

    const b = await passwordStep(server);
    let codeB = await sendCode(b.flow);
    while (codeB === code) {
      server.advance(30);
      codeB = await sendCode(b.flow);
    }
    expect((await verify(b.flow, code)).body.error).toBe('invalid_code');
  });

  it('lets only one of two parallel uses of the right code through', async () => {
    const { flow } = await passwordStep(server);
    const code = await sendCode(flow);
    const results = await Promise.all([verify(flow, code), verify(flow, code)]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.every((r) => r.status < 500)).toBe(true);
  });

  it('kills a code after three wrong tries: then the right one is refused too', async () => {
    const { flow } = await passwordStep(server);
    const code = await sendCode(flow);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await verify(flow, other(code))).body);
    expect(answers.map((a) => [a.error, a.attemptsRemaining])).toEqual([
      ['invalid_code', 2],
      ['invalid_code', 1],
      ['too_many_attempts', undefined],
    ]);
    const right = await verify(flow, code);
    expect(right.status).toBe(429);
    expect(right.body.error).toBe('too_many_attempts');
    const state = await server.post('/api/v1/flows/introspect', { flow });
    expect(smsOption(state.body)).toMatchObject({ sent: false, attemptsRemaining: 0 });
  });

  it('throttles resends, and a resent code replaces the old one', async () => {
    const { flow } = await passwordStep(server);
    const first = await sendCode(flow);
    const early = await server.post('/api/v1/flows/sms/send', { flow });
    expect(early.status).toBe(429);
    expect(early.body.error).toBe('rate_limited');
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(0);

    server.advance(30);
    let second = await sendCode(flow);
    while (second === first) {
      server.advance(30);
      second = await sendCode(flow);
    }
    expect((await verify(flow, first)).body.error).toBe('invalid_code');
    expect((await verify(flow, second)).body.status).toBe('complete');
  });

  it('refuses a code after it expired', async () => {
    const { flow } = await passwordStep(server);
    const code = await sendCode(flow);
    server.advance(300);
    const late = await verify(flow, code);
    expect(late.status).toBe(410);
    expect(late.body.error).toBe('code_expired');
  });
});
