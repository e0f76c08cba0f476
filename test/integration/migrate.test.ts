import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../shared/db/migrate.ts';
import { adminUrl, databaseUrl } from '../helpers/database-urls.ts';
import { openDatabase } from '../helpers/test-database.ts';

const name = `taskforge_m_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
const admin = new pg.Client({ connectionString: adminUrl() });

afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe('migrate', () => {
  it('applies every migration once when two runners start at the same time', async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const first = await openDatabase(databaseUrl(name), 2);
    const second = await openDatabase(databaseUrl(name), 2);
    const migrations = await loadMigrations();
    try {
      const [a, b] = await Promise.all([migrate(first, migrations), migrate(second, migrations)]);
      expect([...a, ...b].sort()).toEqual(migrations.map((m) => m.version));
      const { rows } = await first.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
      expect(await migrate(first, migrations)).toEqual([]);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
