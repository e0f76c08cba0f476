import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

/** Where the numbered `.sql` files live; overridable for bundled functions. */
export const DEFAULT_MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_KEY = 7_220_431_001;

/** Splits a migration file into statements: a statement ends with `;` at the end of a line. */
export function splitStatements(sql: string): string[] {
  const withoutComments = sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n');
  return withoutComments
    .split(/;[ \t]*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

export async function loadMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => /^\d{3}-[\w-]+\.sql$/.test(file)).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    if (migrations.some((m) => m.version === version)) throw new Error(`two migrations numbered ${version}`);
    migrations.push({
      version,
      name: file.replace(/\.sql$/, ''),
      statements: splitStatements(await readFile(join(dir, file), 'utf8')),
    });
  }
  return migrations;
}

/**
 * Applies pending migrations in order, each in its own transaction, recording it in
 * `schema_migrations`. A transaction-scoped advisory lock serializes concurrent runners (two
 * processes starting at once): the second waits, then sees the version applied and skips it.
 * Statements run one by one, so the same runner works through the RDS Data API.
 *
 * @returns the versions this call applied.
 */
export async function migrate(db: Database, migrations: Migration[]): Promise<number[]> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(:key::bigint)', { key: MIGRATION_LOCK_KEY });
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(:key::bigint)', { key: MIGRATION_LOCK_KEY });
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = :version', {
        version: migration.version,
      });
      if (done.rowCount > 0) return false;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES (:version, :name)', {
        version: migration.version,
        name: migration.name,
      });
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}
