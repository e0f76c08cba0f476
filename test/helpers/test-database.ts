import pg from 'pg';
import { inject } from 'vitest';
import type { Database } from '../../shared/db/database.ts';
import { PgDatabase } from '../../shared/db/pg-database.ts';
import { adminUrl, databaseUrl } from './database-urls.ts';

export interface TestDatabase {
  db: Database;
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A new database cloned from this run's migrated template: call in beforeAll, drop in afterAll. */
export async function createTestDatabase(poolSize = 10): Promise<TestDatabase> {
  const template = inject('templateDatabase');
  const name = `taskforge_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    // CREATE DATABASE ... TEMPLATE fails while another session is connected to the template;
    // the template is only touched by global setup, so a short retry covers a racing clone.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  const db = new PgDatabase(url, poolSize);
  return {
    db,
    url,
    name,
    async drop() {
      await db.close();
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
