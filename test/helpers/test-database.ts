import pg from 'pg';
import { inject } from 'vitest';
import { type DataApiEmulator, startDataApiEmulator } from '../../infra/local/data-api/server.ts';
import { DataApiDatabase } from '../../shared/db/data-api-database.ts';
import type { Database } from '../../shared/db/database.ts';
import { PgDatabase } from '../../shared/db/pg-database.ts';
import { adminUrl, databaseUrl, TEST_SERVER_URL } from './database-urls.ts';

export type TestDriver = 'pg' | 'data-api';

/** The adapter the tests run through: `DB_DRIVER=data-api` sends everything through the Data API emulator. */
export function testDriver(): TestDriver {
  return process.env.DB_DRIVER === 'data-api' ? 'data-api' : 'pg';
}

export interface TestDatabase {
  db: Database;
  /** PostgreSQL URL of the database, whichever adapter `db` is. */
  url: string;
  name: string;
  driver: TestDriver;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Pool size of the pg adapter. */
  poolSize?: number;
  /** Overrides DB_DRIVER (the contract suite runs both). */
  driver?: TestDriver;
}

// One emulator per test process (a test file), shared by every database it opens: like the real
// service, it routes each call to the request's `database`. Stopped when the last user closes.
let emulator: Promise<DataApiEmulator> | undefined;
let emulatorUsers = 0;

async function acquireEmulator(): Promise<DataApiEmulator> {
  emulatorUsers += 1;
  emulator ??= startDataApiEmulator({ databaseUrl: TEST_SERVER_URL });
  return emulator;
}

async function releaseEmulator(): Promise<void> {
  emulatorUsers -= 1;
  if (emulatorUsers > 0 || !emulator) return;
  const running = emulator;
  emulator = undefined;
  await (await running).stop();
}

/**
 * A Database on `url` through the adapter the tests run with (or `driver`). Tests that race
 * several "processes" open one each; close them when done.
 */
export async function openDatabase(url: string, poolSize = 10, driver = testDriver()): Promise<Database> {
  if (driver === 'pg') return new PgDatabase(url, poolSize);
  const running = await acquireEmulator();
  return new EmulatedDatabase({
    resourceArn: running.resourceArn,
    secretArn: running.secretArn,
    database: decodeURIComponent(new URL(url).pathname.slice(1)),
    clientConfig: { endpoint: running.endpoint },
  });
}

/** A DataApiDatabase that lets go of the shared emulator when closed. */
class EmulatedDatabase extends DataApiDatabase {
  private closed = false;

  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await super.close();
    await releaseEmulator();
  }
}

/** A new database cloned from this run's migrated template: call in beforeAll, drop in afterAll. */
export async function createTestDatabase(options: number | TestDatabaseOptions = {}): Promise<TestDatabase> {
  const { poolSize = 10, driver = testDriver() } =
    typeof options === 'number' ? { poolSize: options } : options;
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
  const db = await openDatabase(url, poolSize, driver);
  return {
    db,
    url,
    name,
    driver,
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
