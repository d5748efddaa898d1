import type { Config } from '../config.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export function openStore(config: Config['store']): Store {
  return config.type === 'sqlite'
    ? openSqliteStore(config.path)
    : openPostgresStore(config.url, config.schema, { preparedStatements: config.preparedStatements });
}
