import { randomUUID } from 'node:crypto';
import type { SqlDriver } from '../driver.js';
import type { NewTotpCredential, TotpCredential, TotpStore } from '../ports/credentials.js';
import { one, str, type Row } from './rows.js';

function toTotp(r: Row): TotpCredential {
  return {
    id: str(r.id),
    userId: str(r.user_id),
    sealedSecret: str(r.sealed_secret),
    algorithm: str(r.algorithm) as TotpCredential['algorithm'],
    digits: Number(r.digits),
    period: Number(r.period),
    lastTimeStep: r.last_time_step === null ? null : Number(r.last_time_step),
    createdAt: str(r.created_at),
  };
}

export function sqlTotp(db: SqlDriver): TotpStore {
  const getTotp = (userId: string) => one(db, 'SELECT * FROM totp_credentials WHERE user_id = ?', [userId], toTotp);
  /** One credential per user (unique index): a second insert changes nothing. */
  const insertTotp = (c: NewTotpCredential, now: Date): Promise<number> =>
    db.run(
      'INSERT INTO totp_credentials (id, user_id, sealed_secret, algorithm, digits, period, last_time_step, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO NOTHING',
      [randomUUID(), c.userId, c.sealedSecret, c.algorithm, c.digits, c.period, c.lastTimeStep ?? null, now.toISOString()],
    );
  return {
    getTotp,

    async setTotp(c, now) {
      await db.transaction(async () => {
        await db.run('DELETE FROM totp_credentials WHERE user_id = ?', [c.userId]);
        await insertTotp(c, now);
      });
      return (await getTotp(c.userId))!;
    },

    async createTotp(c, now) {
      return (await insertTotp(c, now)) === 1 ? getTotp(c.userId) : null;
    },

    async deleteTotp(userId) {
      return (await db.run('DELETE FROM totp_credentials WHERE user_id = ?', [userId])) > 0;
    },

    async useTotpStep(credentialId, timeStep) {
      const changed = await db.run('UPDATE totp_credentials SET last_time_step = ? WHERE id = ? AND (last_time_step IS NULL OR last_time_step < ?)', [
        timeStep,
        credentialId,
        timeStep,
      ]);
      return changed === 1;
    },
  };
}
