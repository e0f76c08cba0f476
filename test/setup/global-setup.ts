import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadMigrations, migrate } from '../../shared/db/migrate.ts';
import { PgDatabase } from '../../shared/db/pg-database.ts';
import { adminUrl, databaseUrl, TEST_SERVER_URL } from '../helpers/database-urls.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/**
 * Creates one freshly migrated template database for this run; each test file clones it
 * (CREATE DATABASE ... TEMPLATE) so no two files share state. Dropped at the end of the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = `taskforge_tpl_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_SERVER_URL} (set TEST_DATABASE_URL). ` +
        `Start it, e.g. pg_ctlcluster <version> main start. Cause: ${(err as Error).message}`,
    );
  }
  await admin.query(`CREATE DATABASE ${template}`);
  const db = new PgDatabase(databaseUrl(template), 2);
  try {
    await migrate(db, await loadMigrations());
  } finally {
    await db.close();
  }
  project.provide('templateDatabase', template);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  };
}
