import type { SqlDriver } from '../driver.js';
import type { Counter } from '../ports/counters.js';
import type { FlowRecord, FlowStartStore, FlowStore } from '../ports/flows.js';
import { HIT, hitOn, hitParams } from './counters.js';
import { json, one, str, strOrNull, type Row } from './rows.js';

function toFlow(r: Row): FlowRecord {
  return {
    id: str(r.id),
    kind: str(r.kind) as FlowRecord['kind'],
    clientId: str(r.client_id),
    sequence: json(r.sequence),
    acr: str(r.acr),
    stepIndex: Number(r.step_index),
    status: str(r.status) as FlowRecord['status'],
    userId: strOrNull(r.user_id),
    methods: json(r.methods),
    nonce: strOrNull(r.nonce),
    loginHint: strOrNull(r.login_hint),
    ip: strOrNull(r.ip),
    createdAt: str(r.created_at),
    expiresAt: str(r.expires_at),
    authTime: strOrNull(r.auth_time),
    data: json(r.data),
    result: r.result === null ? null : json(r.result),
    version: Number(r.version),
  };
}

const resultJson = (f: FlowRecord) => (f.result === null ? null : JSON.stringify(f.result));

/** A row's columns but its id and version, in the order `rowOf` gives them between those two. */
const COLUMNS = [
  'kind',
  'client_id',
  'sequence',
  'acr',
  'step_index',
  'status',
  'user_id',
  'methods',
  'nonce',
  'login_hint',
  'ip',
  'created_at',
  'expires_at',
  'auth_time',
  'data',
  'result',
];

const INSERT = `INSERT INTO flows (id, ${COLUMNS.join(', ')}, version) VALUES (${COLUMNS.map(() => '?, ').join('')}?, ?)`;

/**
 * Postgres: a start counted and its flow made in one statement, whose parts are one transaction:
 * a transaction of two would take a connection and two more round trips (BEGIN, COMMIT). The row's
 * values come as text but for the two integers; the flow is made only when the count is within
 * the last parameter.
 */
const INSERT_WITHIN_POSTGRES = `WITH counted AS (${HIT}), made AS (INSERT INTO flows (id, ${COLUMNS.join(', ')}, version) SELECT ${[
  'id',
  ...COLUMNS,
  'version',
]
  .map((c) => (c === 'step_index' || c === 'version' ? '?::integer' : '?'))
  .join(', ')} FROM counted WHERE counted.count <= ? RETURNING 1) SELECT count FROM counted`;

/** A flow's values in `INSERT`'s order: its id, `COLUMNS`, its version. */
const rowOf = (f: FlowRecord): unknown[] => [
  f.id,
  f.kind,
  f.clientId,
  JSON.stringify(f.sequence),
  f.acr,
  f.stepIndex,
  f.status,
  f.userId,
  JSON.stringify(f.methods),
  f.nonce,
  f.loginHint,
  f.ip,
  f.createdAt,
  f.expiresAt,
  f.authTime,
  JSON.stringify(f.data),
  resultJson(f),
  f.version,
];

const SAVE_SET = 'step_index = ?, status = ?, user_id = ?, methods = ?, auth_time = ?, data = ?, result = ?';
const SAVE = `UPDATE flows SET ${SAVE_SET}, version = version + 1 WHERE id = ? AND version = ?`;
const SAVE_WITH_EXPIRY = `UPDATE flows SET ${SAVE_SET}, expires_at = ?, version = version + 1 WHERE id = ? AND version = ?`;

/** Flows whose stored expiry this instance knows; past this many it forgets them all and starts again. */
const KNOWN_EXPIRIES = 10_000;

/**
 * The expiry of each flow as this instance last read or wrote it: a save with the same expiry
 * leaves the column out. The compare-and-set on the version makes "the same" exact for the row
 * that was read; a row deleted and created again under the same id starts its versions over, which
 * that compare-and-set cannot tell from the old row either. SQLite rewrites an index entry whose
 * column is set, even to the value it holds: one more page in the WAL on every save (22 against
 * 18 KiB a TOTP verify's save, 49 against 42 µs, measured). A flow this instance does not know is
 * saved with its expiry.
 */
function knownExpiries() {
  const known = new Map<string, string>();
  return {
    get: (id: string) => known.get(id),
    set(id: string, expiresAt: string) {
      if (known.size >= KNOWN_EXPIRIES && !known.has(id)) known.clear();
      known.set(id, expiresAt);
    },
  };
}

export function sqlFlows(db: SqlDriver): FlowStore & FlowStartStore {
  const expiries = knownExpiries();
  return {
    async createFlow(f) {
      await db.run(INSERT, rowOf(f));
      expiries.set(f.id, f.expiresAt);
    },

    async createFlowWithin(f, limit, now) {
      const row = rowOf(f);
      let counted: Counter;
      if (db.kind === 'postgres') {
        const { params, counterOf } = hitParams(limit.key, limit.windowSeconds, now);
        const [answer] = await db.all<{ count: number }>(INSERT_WITHIN_POSTGRES, [...params, ...row, limit.max]);
        counted = counterOf(answer?.count);
      }
      // On SQLite a transaction is a savepoint in the next shared commit: no round trip to save.
      else
        counted = await db.transaction(async (tx) => {
          const counter = await hitOn(tx, limit.key, limit.windowSeconds, now);
          if (counter.count <= limit.max) await tx.run(INSERT, row);
          return counter;
        });
      if (counted.count <= limit.max) expiries.set(f.id, f.expiresAt);
      return counted;
    },

    async getFlow(id) {
      const flow = await one(db, 'SELECT * FROM flows WHERE id = ?', [id], toFlow);
      if (flow) expiries.set(id, flow.expiresAt);
      return flow;
    },

    async saveFlow(f) {
      const unmoved = expiries.get(f.id) === f.expiresAt;
      const changed = await db.run(unmoved ? SAVE : SAVE_WITH_EXPIRY, [
        f.stepIndex,
        f.status,
        f.userId,
        JSON.stringify(f.methods),
        f.authTime,
        JSON.stringify(f.data),
        resultJson(f),
        ...(unmoved ? [] : [f.expiresAt]),
        f.id,
        f.version,
      ]);
      if (changed !== 1) return false;
      f.version += 1;
      expiries.set(f.id, f.expiresAt);
      return true;
    },

    async sweepFlows(before) {
      // Several instances may sweep at once: each deleted row is answered to one of them only.
      const gone = await db.all<{ client_id: string; acr: string; kind: string; status: string }>(
        'DELETE FROM flows WHERE expires_at < ? RETURNING client_id, acr, kind, status',
        [before.toISOString()],
      );
      return gone
        .filter((row) => (row.kind === 'login' || row.kind === 'step-up') && row.status === 'pending')
        .map((row) => ({ clientId: row.client_id, acr: row.acr }));
    },
  };
}
