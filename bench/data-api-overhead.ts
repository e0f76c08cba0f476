/**
 * What the Data API path costs per statement, locally: the same statements N times, one at a
 * time, through the pg adapter and through the Data API adapter (real SDK client, HTTP, the
 * emulator, then the same PostgreSQL). Prints median and p99 and writes them as JSON under
 * bench/results/.
 *
 *   npx tsx bench/data-api-overhead.ts            # N=2000
 *   BENCH_N=500 TEST_DATABASE_URL=postgres://... npx tsx bench/data-api-overhead.ts
 *
 * The emulator adds what the real service adds on the client side (SigV4 signing, HTTP, JSON,
 * Field records) and a DISCARD ALL per autocommit call, but not the network to AWS or the
 * service's own work: in AWS expect the network round trip on top.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startDataApiEmulator } from '../infra/local/data-api/server.ts';
import { DataApiDatabase } from '../shared/db/data-api-database.ts';
import type { Database } from '../shared/db/database.ts';
import { loadMigrations, migrate } from '../shared/db/migrate.ts';
import { PgDatabase } from '../shared/db/pg-database.ts';
import { uuidv7 } from '../shared/ids.ts';
import { getTask } from '../shared/tasks/store/api-sql.ts';
import { insertTask } from '../shared/tasks/store/submit-sql.ts';
import { createTenant } from '../shared/tenants/tenant-store.ts';

process.env.AWS_REGION ??= 'us-east-1';
process.env.AWS_ACCESS_KEY_ID ??= 'bench';
process.env.AWS_SECRET_ACCESS_KEY ??= 'bench';

const N = Number(process.env.BENCH_N ?? 2000);
const WARMUP = Math.min(200, N);
const server = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');

function urlFor(name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

async function measure(run: () => Promise<unknown>): Promise<{ median: number; p99: number; mean: number }> {
  for (let i = 0; i < WARMUP; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    median: round(percentile(samples, 50)),
    p99: round(percentile(samples, 99)),
    mean: round(samples.reduce((a, b) => a + b, 0) / samples.length),
  };
}

async function main(): Promise<void> {
  const name = `taskforge_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: urlFor('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const pgDb = new PgDatabase(urlFor(name), 4);
  const emulator = await startDataApiEmulator({ databaseUrl: urlFor(name) });
  const dataApi = new DataApiDatabase({
    resourceArn: emulator.resourceArn,
    secretArn: emulator.secretArn,
    database: name,
    clientConfig: { endpoint: emulator.endpoint },
  });
  try {
    await migrate(pgDb, await loadMigrations());
    const tenant = await createTenant(pgDb, 'bench');
    const taskId = uuidv7();
    await insertTask(pgDb, {
      id: taskId,
      tenantId: tenant.id,
      type: 'echo',
      payload: { message: 'hello', n: 42 },
      priority: 'medium',
      runAt: new Date(),
      maxAttempts: 3,
      maxInterruptions: 3,
      backoffBaseSeconds: 2,
      backoffCapSeconds: 900,
      timeoutSeconds: 30,
      idempotencyKey: null,
      requestFingerprint: null,
      clientId: null,
      correlationId: 'bench',
    });

    const statements: { name: string; run: (db: Database) => Promise<unknown> }[] = [
      { name: 'SELECT 1', run: (db) => db.query('SELECT 1 AS one') },
      { name: 'getTask (one row by id)', run: (db) => getTask(db, tenant.id, taskId) },
    ];
    const results = [];
    for (const statement of statements) {
      const viaPg = await measure(() => statement.run(pgDb));
      const viaDataApi = await measure(() => statement.run(dataApi));
      results.push({
        statement: statement.name,
        pg: viaPg,
        dataApi: viaDataApi,
        overhead: {
          median: Math.round((viaDataApi.median - viaPg.median) * 1000) / 1000,
          p99: Math.round((viaDataApi.p99 - viaPg.p99) * 1000) / 1000,
        },
      });
    }

    console.log(
      `\nPer-statement latency in ms, N=${N} sequential calls each (after ${WARMUP} warm-up calls)\n`,
    );
    console.log(
      '| statement | pg median | pg p99 | data-api median | data-api p99 | overhead median | overhead p99 |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of results) {
      console.log(
        `| ${r.statement} | ${r.pg.median} | ${r.pg.p99} | ${r.dataApi.median} | ${r.dataApi.p99} | ${r.overhead.median} | ${r.overhead.p99} |`,
      );
    }

    const dir = join(dirname(fileURLToPath(import.meta.url)), 'results');
    await mkdir(dir, { recursive: true });
    const file = join(dir, `data-api-overhead-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(
      file,
      `${JSON.stringify(
        {
          measuredAt: new Date().toISOString(),
          node: process.version,
          n: N,
          warmup: WARMUP,
          unit: 'ms',
          note: 'local loopback: pg adapter vs Data API adapter -> emulator -> same PostgreSQL; excludes the network to AWS',
          results,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`\nwritten to bench/results/${file.split('/').pop()}`);
  } finally {
    await dataApi.close();
    await emulator.stop();
    await pgDb.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
