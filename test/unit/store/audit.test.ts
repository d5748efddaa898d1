import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAudit } from '../../../server/audit/audit.js';
import { listEvents } from '../../../server/audit/query.js';
import { sweepAuditEvents } from '../../../server/audit/retention.js';
import { createKeyring } from '../../../server/crypto/keyring.js';
import { openPostgresStore } from '../../../server/store/postgres.js';
import { openSqliteStore } from '../../../server/store/sqlite.js';
import type { AuditEventRecord, Store } from '../../../server/store/types.js';
import { testSchema } from '../../support/postgres.js';

const backends: { name: string; fresh(): Promise<{ store: Store; drop(): Promise<void> }> }[] = [
  {
    name: 'SQLite',
    async fresh() {
      const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-audit-'));
      return { store: openSqliteStore(path.join(dir, 'store.db')), drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'Postgres',
    async fresh() {
      const db = await testSchema();
      return { store: openPostgresStore(db.url, db.schema), drop: db.drop };
    },
  },
];

const t0 = Date.parse('2026-11-22T10:00:00.000Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();

function event(id: string, seconds: number, overrides: Partial<AuditEventRecord> = {}): AuditEventRecord {
  return {
    id,
    at: at(seconds),
    type: 'step.passed',
    userId: 'u1',
    clientId: 'app',
    requestId: null,
    address: null,
    actor: null,
    details: { method: 'password' },
    ...overrides,
  };
}

for (const backend of backends) {
  describe(`the audit port on ${backend.name}`, () => {
    let store: Store;
    let drop: () => Promise<void>;
    beforeEach(async () => {
      ({ store, drop } = await backend.fresh());
      await store.migrate();
    });
    afterEach(async () => {
      await store.close();
      await drop();
    });

    it('stores events with their actor and details and reads them back in time order, ties broken by id', async () => {
      await store.appendAuditEvents([
        event('b', 1),
        event('a', 1, { actor: { kind: 'admin', via: 'api', clientId: 'back-office', tokenId: 'jti-1' } }),
        event('c', 0, { type: 'flow.started', details: { acr: 'mfa', amr: ['pwd', 'otp'] } }),
      ]);
      const asc = await store.listAuditEvents({ order: 'asc', limit: 10 });
      expect(asc.map((e) => e.id)).toEqual(['c', 'a', 'b']);
      expect(asc[0]!.details).toEqual({ acr: 'mfa', amr: ['pwd', 'otp'] });
      expect(asc[1]!.actor).toEqual({ kind: 'admin', via: 'api', clientId: 'back-office', tokenId: 'jti-1' });
      expect((await store.listAuditEvents({ order: 'desc', limit: 10 })).map((e) => e.id)).toEqual(['b', 'a', 'c']);
    });

    it('skips an event id already stored, so a retried batch adds no duplicate', async () => {
      await store.appendAuditEvents([event('a', 0)]);
      await store.appendAuditEvents([event('a', 0), event('b', 1)]);
      expect((await store.listAuditEvents({ order: 'asc', limit: 10 })).map((e) => e.id)).toEqual(['a', 'b']);
    });

    it('filters by user, client, type and time range', async () => {
      await store.appendAuditEvents([
        event('1', 0, { userId: 'u1', clientId: 'app', type: 'step.failed' }),
        event('2', 10, { userId: 'u2', clientId: 'app', type: 'step.passed' }),
        event('3', 20, { userId: 'u1', clientId: 'other', type: 'token.issued' }),
        event('4', 30, { userId: null, clientId: 'other', type: 'token.issued' }),
      ]);
      const ids = async (q: Parameters<Store['listAuditEvents']>[0]) => (await store.listAuditEvents(q)).map((e) => e.id);
      expect(await ids({ userId: 'u1', order: 'asc', limit: 10 })).toEqual(['1', '3']);
      expect(await ids({ clientId: 'other', order: 'asc', limit: 10 })).toEqual(['3', '4']);
      expect(await ids({ types: ['token.issued', 'step.failed'], order: 'asc', limit: 10 })).toEqual(['1', '3', '4']);
      expect(await ids({ from: new Date(at(10)), to: new Date(at(30)), order: 'asc', limit: 10 })).toEqual(['2', '3']);
    });

    it('pages with an opaque cursor through events sharing one time, in both orders, each event once', async () => {
      const events = Array.from({ length: 7 }, (_, i) => event(`e${i}`, i < 4 ? 5 : i + 2));
      await store.appendAuditEvents(events);
      for (const order of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await listEvents(store, { order, limit: 3 }, cursor);
          seen.push(...page.events.map((e) => e.id));
          cursor = page.nextCursor ?? undefined;
          pages += 1;
        } while (cursor);
        expect(pages).toBe(3);
        const expected = ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6'];
        expect(seen).toEqual(order === 'asc' ? expected : expected.reverse());
      }
      await expect(listEvents(store, { order: 'asc', limit: 3 }, 'not-a-cursor')).rejects.toMatchObject({ code: 'invalid_request' });
      const { nextCursor } = await listEvents(store, { order: 'asc', limit: 3 });
      await expect(listEvents(store, { order: 'desc', limit: 3 }, nextCursor!)).rejects.toMatchObject({ code: 'invalid_request' });
    });

    it('sweeps the events older than the retention period and keeps the rest', async () => {
      await store.appendAuditEvents([event('old', -91 * 86_400), event('edge', -89 * 86_400), event('new', 0)]);
      const deleted = await sweepAuditEvents({ store, now: () => new Date(t0), config: { audit: { retentionDays: 90 } } });
      expect(deleted).toBe(1);
      expect((await store.listAuditEvents({ order: 'asc', limit: 10 })).map((e) => e.id)).toEqual(['edge', 'new']);
    });

    it('records through the audit module: the address as a keyed hash, and a store failure thrown nowhere', async () => {
      const keyring = createKeyring(Buffer.alloc(32, 7));
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(l) });
      const audit = createAudit({ config: { retentionDays: 90, address: 'hash' }, store, logger, keyring, now: () => new Date(t0) });
      audit.record({ type: 'flow.started', clientId: 'app', address: '203.0.113.9', details: { acr: 'mfa', code: '123456' } });
      await audit.flush();
      const [stored] = await store.listAuditEvents({ order: 'asc', limit: 10 });
      expect(stored).toMatchObject({ type: 'flow.started', clientId: 'app', at: at(0), details: { acr: 'mfa', code: '[redacted]' } });
      expect(stored!.address).toMatch(/^h:[A-Za-z0-9_-]{22}$/);
      expect(JSON.stringify(stored)).not.toContain('203.0.113.9');
      expect(lines.join('')).toContain('"type":"flow.started"');

      const broken = createAudit({
        config: { retentionDays: 90, address: 'full' },
        store: { ...store, appendAuditEvents: () => Promise.reject(new Error('disk full')) },
        logger,
        keyring,
        now: () => new Date(t0),
      });
      expect(() => broken.record({ type: 'step.passed', userId: 'u1' })).not.toThrow();
      await broken.flush();
      expect(lines.join('')).toContain('audit events not stored');
    });

    it('stores a batch of any size, many rows to a statement', async () => {
      // 87 = 64 + 16 + 4 + 1 + 1 + 1: every chunk size, and a remainder.
      const events = Array.from({ length: 87 }, (_, i) => event(`e${String(i).padStart(3, '0')}`, i));
      await store.appendAuditEvents(events);
      await store.appendAuditEvents([]);
      const stored = await store.listAuditEvents({ order: 'asc', limit: 100 });
      expect(stored.map((e) => e.id)).toEqual(events.map((e) => e.id));
      expect(stored[86]).toEqual(events[86]);
    });

    it('writes a burst of events in one batch, a moment later, without being asked to', async () => {
      const keyring = createKeyring(Buffer.alloc(32, 7));
      const batches: number[] = [];
      const counting = {
        ...store,
        appendAuditEvents(events: AuditEventRecord[]) {
          batches.push(events.length);
          return store.appendAuditEvents(events);
        },
      };
      let tick = 0;
      const now = () => new Date(t0 + tick++);
      const audit = createAudit({ config: { retentionDays: 90, address: 'none' }, store: counting, logger: pino({ level: 'silent' }), keyring, now });
      for (let i = 0; i < 30; i++) audit.record({ type: 'step.passed', userId: `u${i}` });
      expect(batches).toEqual([]);
      const deadline = Date.now() + 2000;
      while ((await store.listAuditEvents({ order: 'asc', limit: 100 })).length < 30 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      expect(batches).toEqual([30]);
      // Ids sort as their events happened (the clock here moves 1 ms an event): each lands at the end of the id index.
      const ids = (await store.listAuditEvents({ order: 'asc', limit: 100 })).map((e) => e.id);
      expect(ids).toHaveLength(30);
      expect([...ids].sort()).toEqual(ids);
      expect(new Set(ids).size).toBe(30);
      // A query through the audit module sees an event recorded just before it.
      audit.record({ type: 'flow.started', clientId: 'app' });
      const page = await audit.listEvents({ order: 'desc', limit: 1 });
      expect(page.events[0]).toMatchObject({ type: 'flow.started', clientId: 'app' });
      await audit.close();
    });
  });
}
