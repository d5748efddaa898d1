import type { SqlDriver } from './driver.js';
import { migrations } from './migrations.js';
import type { StoreLifecycle } from './ports/lifecycle.js';
import { sqlAudit } from './sql/audit.js';
import { sqlClients } from './sql/clients.js';
import { sqlCounters } from './sql/counters.js';
import { sqlCredentials } from './sql/credentials.js';
import { sqlFlows } from './sql/flows.js';
import { sqlKeys } from './sql/keys.js';
import { sqlOidc } from './sql/oidc.js';
import { sqlPasskeys } from './sql/passkeys.js';
import { sqlTrustedDevices } from './sql/trusted-devices.js';
import { sqlUsers } from './sql/users.js';
import type { Store } from './types.js';

function sqlLifecycle(db: SqlDriver): StoreLifecycle {
  return {
    kind: db.kind,

    async migrate() {
      // One locked transaction: instances starting together see each other's work, never half of it.
      const apply = () =>
        db.transaction(async (tx) => {
          await tx.lockForMigration();
          await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
          const done = new Set((await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
          for (const m of migrations) {
            if (done.has(m.version)) continue;
            await tx.exec(m.sql);
            await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
          }
        });
      await (db.forMigrations ? db.forMigrations(apply) : apply());
    },

    close: () => db.close(),

    async ping() {
      await db.all('SELECT 1 FROM schema_migrations LIMIT 1');
    },
  };
}

/** One SQL provider for SQLite and Postgres, a file per port; the drivers differ only in how they talk. */
export function sqlStore(db: SqlDriver): Store {
  return {
    ...sqlLifecycle(db),
    ...sqlUsers(db),
    ...sqlCredentials(db),
    ...sqlPasskeys(db),
    ...sqlClients(db),
    ...sqlKeys(db),
    ...sqlFlows(db),
    ...sqlCounters(db),
    ...sqlAudit(db),
    ...sqlOidc(db),
    ...sqlTrustedDevices(db),
  };
}
