import type { SqlDriver } from '../driver.js';
import type { FlowRecord, FlowStore } from '../ports/flows.js';
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

export function sqlFlows(db: SqlDriver): FlowStore {
  return {
    async createFlow(f) {
      await db.run(
        `INSERT INTO flows (id, kind, client_id, sequence, acr, step_index, status, user_id, methods, nonce, login_hint, ip, created_at, expires_at, auth_time, data, result, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
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
        ],
      );
    },

    getFlow(id) {
      return one(db, 'SELECT * FROM flows WHERE id = ?', [id], toFlow);
    },

    async saveFlow(f) {
      // Not expires_at: SQLite rewrites an index entry whose column is SET even to the value it
      // holds, one more page written per save (measured).
      const changed = await db.run(
        `UPDATE flows SET step_index = ?, status = ?, user_id = ?, methods = ?, auth_time = ?, data = ?, result = ?, version = version + 1
         WHERE id = ? AND version = ?`,
        [f.stepIndex, f.status, f.userId, JSON.stringify(f.methods), f.authTime, JSON.stringify(f.data), resultJson(f), f.id, f.version],
      );
      if (changed === 1) f.version += 1;
      return changed === 1;
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
