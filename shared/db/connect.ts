import type { DatabaseConfig } from '../config.ts';
import type { Database } from './database.ts';
import { PgDatabase } from './pg-database.ts';

/** Creates the adapter the configuration names. */
export function createDatabase(config: DatabaseConfig): Database {
  if (config.driver === 'pg') return new PgDatabase(config.url, config.poolSize);
  throw new Error('DB_DRIVER=data-api is not available yet');
}
