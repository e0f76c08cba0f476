/**
 * A connection that breaks while its statement runs (the backend terminated, as a PostgreSQL
 * restart does to every session): a read is answered by sending it again on a new connection
 * (pg adapter), a write is never sent twice (both adapters), and what is left is a
 * DatabaseUnavailableError saying the outcome is unknown.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, DatabaseUnavailableError } from '../../shared/db/database.ts';
import { PgDatabase } from '../../shared/db/pg-database.ts';
import { adminUrl } from '../helpers/database-urls.ts';
import { useTestDatabase } from '../helpers/fixtures.ts';
import { openDatabase } from '../helpers/test-database.ts';

const testDb = useTestDatabase({ driver: 'pg' });
let admin: pg.Client;

beforeAll(async () => {
  await testDb.db.query('CREATE TABLE probe (n integer)');
  admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
});

afterAll(async () => {
  await admin?.end();
});

/** Terminates the backend running a statement that contains `marker`, once it runs. */
async function terminateWhenRunning(marker: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await admin.query<{ terminated: boolean }>(
      `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
        WHERE datname = $1 AND state = 'active' AND query LIKE $2 AND pid <> pg_backend_pid()`,
      [testDb.name, `%${marker}%`],
    );
    if (rows.some((r) => r.terminated)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no running statement contains ${marker}`);
}

async function probeRows(): Promise<number> {
  const { rows } = await testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM probe');
  return rows[0]!.n;
}

describe.each(['pg', 'data-api'] as const)('a broken connection through the %s adapter', (driver) => {
  let db: Database;

  beforeAll(async () => {
    db = driver === 'pg' ? new PgDatabase(testDb.url, 2) : await openDatabase(testDb.url, 2, 'data-api');
  });

  afterAll(async () => {
    await db?.close();
  });

  it('never sends a write again: the client learns the outcome is unknown', async () => {
    await testDb.db.query('TRUNCATE probe');
    const marker = `write_${driver.replace('-', '_')}`;

    const write = db
      .query(`INSERT INTO probe SELECT 1 FROM pg_sleep(1) AS ${marker}`)
      .catch((err: unknown) => err);
    await terminateWhenRunning(marker);
    const err = await write;

    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as DatabaseUnavailableError).outcome).toBe('unknown');
    // The terminated INSERT rolled back; a repeat would have left a row.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await probeRows()).toBe(0);
    // The adapter serves again on a new connection.
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  if (driver === 'pg') {
    it('sends a read again once, on a new connection, and answers it', async () => {
      const marker = 'read_once';
      const read = db.query<{ n: number }>(`SELECT 7 AS n FROM pg_sleep(0.5) AS ${marker}`);
      await terminateWhenRunning(marker);

      expect((await read).rows).toEqual([{ n: 7 }]);
    });
  }
});
