import type { SqlDriver } from '../driver.js';
import type { AuditEventRecord, AuditStore } from '../ports/audit.js';
import { chunkedInsert, valuesOf } from './chunked-insert.js';
import { json, str, strOrNull, type Row } from './rows.js';

function toEvent(r: Row): AuditEventRecord {
  return {
    id: str(r.id),
    at: str(r.at),
    type: str(r.type),
    userId: strOrNull(r.user_id),
    clientId: strOrNull(r.client_id),
    requestId: strOrNull(r.request_id),
    address: strOrNull(r.address),
    actor: r.actor === null || r.actor === undefined ? null : json(r.actor),
    details: json(r.details),
  };
}

const insertOf = (rows: number) =>
  `INSERT INTO audit_events (id, at, type, user_id, client_id, request_id, address, actor, details) VALUES ${valuesOf(rows, 9)} ON CONFLICT (id) DO NOTHING`;

const paramsOf = (e: AuditEventRecord) => [
  e.id,
  e.at,
  e.type,
  e.userId,
  e.clientId,
  e.requestId,
  e.address,
  e.actor ? JSON.stringify(e.actor) : null,
  JSON.stringify(e.details),
];

const insertEvents = chunkedInsert(insertOf, paramsOf);

export function sqlAudit(db: SqlDriver): AuditStore {
  return {
    /** Many rows to a statement (chunked-insert.ts); a batch written again after a failure adds nothing twice (ids are unique). */
    appendAuditEvents(events) {
      return insertEvents(db, events);
    },

    async listAuditEvents(q) {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: string, ...values: unknown[]) => {
        where.push(clause);
        params.push(...values);
      };
      if (q.userId !== undefined) add('user_id = ?', q.userId);
      if (q.clientId !== undefined) add('client_id = ?', q.clientId);
      if (q.types?.length) add(`type IN (${q.types.map(() => '?').join(', ')})`, ...q.types);
      if (q.from) add('at >= ?', q.from.toISOString());
      if (q.to) add('at < ?', q.to.toISOString());
      const cmp = q.order === 'asc' ? '>' : '<';
      if (q.after) add(`(at ${cmp} ? OR (at = ? AND id ${cmp} ?))`, q.after.at, q.after.at, q.after.id);
      const dir = q.order === 'asc' ? 'ASC' : 'DESC';
      const sql = `SELECT * FROM audit_events${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY at ${dir}, id ${dir} LIMIT ?`;
      return (await db.all(sql, [...params, q.limit])).map(toEvent);
    },

    sweepAuditEvents(before) {
      return db.run('DELETE FROM audit_events WHERE at < ?', [before.toISOString()]);
    },
  };
}
