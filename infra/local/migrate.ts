/**
 * `npm run migrate`: applies pending migrations to the local runtime's database, chosen as
 * `npm run local` chooses it (DATABASE_URL; else this checkout's own database on 127.0.0.1:5432,
 * or on the embedded PostgreSQL, started for the run and stopped after it).
 */
import { loadMigrations, migrate } from '../../shared/db/migrate.ts';
import { PgDatabase } from '../../shared/db/pg-database.ts';
import { ConfigError } from '../../shared/errors.ts';
import { logger } from '../../shared/observability.ts';
import { localConfig } from './local-config.ts';
import { chooseLocalDatabase, ensureDatabase, LocalRuntimeError, redactUrl } from './local-database.ts';

let stopEmbedded: (() => Promise<void>) | undefined;
try {
  const config = localConfig();
  const database = await chooseLocalDatabase(config, logger);
  stopEmbedded = database.embedded?.stop;
  logger.info(database.description, { database: redactUrl(database.url), source: database.source });
  await ensureDatabase(database.url, logger, { create: config.createDatabase });
  const db = new PgDatabase(database.url, 2);
  try {
    const migrations = await loadMigrations();
    const applied = await migrate(db, migrations);
    logger.info(applied.length > 0 ? 'applied migrations' : 'database is up to date', {
      database: redactUrl(database.url),
      applied,
      latest: migrations.at(-1)?.version ?? 0,
    });
  } finally {
    await db.close();
  }
} catch (err) {
  if (err instanceof LocalRuntimeError || err instanceof ConfigError) {
    process.stderr.write(`\nmigrate: ${err.message}\n\n`);
  } else logger.error('migration failed', { error: err as Error });
  process.exitCode = 1;
} finally {
  await stopEmbedded?.();
}
