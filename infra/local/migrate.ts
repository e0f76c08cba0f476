/**
 * `npm run migrate`: applies pending migrations to DATABASE_URL (default: the local runtime's
 * database), creating the database first when the server has none of that name.
 */
import { databaseConfig } from '../../shared/config/database.ts';
import { loadMigrations, migrate } from '../../shared/db/migrate.ts';
import { PgDatabase } from '../../shared/db/pg-database.ts';
import { logger } from '../../shared/observability.ts';
import { ensureDatabase, LocalRuntimeError, redactUrl } from './local-database.ts';

const { url } = databaseConfig();
try {
  await ensureDatabase(url, logger);
  const db = new PgDatabase(url, 2);
  try {
    const migrations = await loadMigrations();
    const applied = await migrate(db, migrations);
    logger.info(applied.length > 0 ? 'applied migrations' : 'database is up to date', {
      database: redactUrl(url),
      applied,
      latest: migrations.at(-1)?.version ?? 0,
    });
  } finally {
    await db.close();
  }
} catch (err) {
  if (err instanceof LocalRuntimeError) process.stderr.write(`\nmigrate: ${err.message}\n\n`);
  else logger.error('migration failed', { error: err as Error });
  process.exitCode = 1;
}
