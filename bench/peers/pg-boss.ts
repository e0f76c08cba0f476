/**
 * pg-boss on the same PostgreSQL server, in its own fresh database: `send()` (single submit),
 * `insert()` of 100 (batch submit), `work()` (drain and steady-rate latency).
 *
 * Latency settings for work(), from pg-boss 12's own options: LISTEN/NOTIFY on (`useListenNotify`
 * and the queue's `notify`), so a new job wakes the workers at once; the polling floor at its
 * minimum (0.5 s); `burstWhenBatchFull` so a worker keeps fetching while batches come back full.
 * Submit-only tests (send, insert) use a queue without `notify`, pg-boss's default and its fastest
 * insert path (no pg_notify per statement).
 */
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { type ClosedLoopResult, closedLoop, paced, pool, waitUntil } from '../lib/concurrency.ts';
import { type CountedSystem, submitAll } from '../lib/counted-system.ts';
import { createFreshDatabase, type FreshDatabase } from '../lib/fresh-db.ts';
import { type LatencySummary, summarize } from '../lib/stats.ts';

/** Same pool size as our runtime's (DB_POOL_SIZE default 20). */
const POOL_SIZE = 20;

export interface PgBossHandle {
  boss: PgBoss;
  database: FreshDatabase;
  stop(): Promise<void>;
}

export async function startPgBoss(
  label: string,
  listenNotify: boolean,
  server?: string,
): Promise<PgBossHandle> {
  const database = await createFreshDatabase(`pgboss_${label}`, server);
  const boss = new PgBoss({
    connectionString: database.url,
    max: POOL_SIZE,
    schedule: false,
    useListenNotify: listenNotify,
  });
  let stopped = false;
  // After stop(), dropping the database ends connections pg-boss may still hold; not worth a line.
  boss.on('error', (err: unknown) => {
    if (!stopped) console.error(`pg-boss error: ${(err as Error).message}`);
  });
  try {
    await boss.start();
  } catch (err) {
    await database.drop();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  return {
    boss,
    database,
    stop() {
      stopping ??= (async () => {
        stopped = true;
        await boss.stop({ graceful: false, close: true, timeout: 5000 }).catch(() => undefined);
        await database.drop();
      })();
      return stopping;
    },
  };
}

const job = (i: number) => ({ i, tag: 'bench' });

/** (a) `send()` from `callers` concurrent callers for `durationMs` (after a warm-up). */
export async function pgBossSingleSubmit(
  callers: number,
  durationMs: number,
  warmupMs: number,
): Promise<ClosedLoopResult> {
  const h = await startPgBoss('send', false);
  try {
    await h.boss.createQueue('bench');
    let i = 0;
    await closedLoop(callers, warmupMs, () => h.boss.send('bench', job(i++)));
    return await closedLoop(callers, durationMs, () => h.boss.send('bench', job(i++)));
  } finally {
    await h.stop();
  }
}

/** (b) `insert()` of `batchSize` jobs from `callers` concurrent callers. */
export async function pgBossBatchSubmit(
  callers: number,
  batchSize: number,
  durationMs: number,
  warmupMs: number,
): Promise<ClosedLoopResult> {
  const h = await startPgBoss('insert', false);
  try {
    await h.boss.createQueue('bench');
    let i = 0;
    const batch = () => Array.from({ length: batchSize }, () => ({ data: job(i++) }));
    await closedLoop(callers, warmupMs, () => h.boss.insert('bench', batch()));
    return await closedLoop(callers, durationMs, () => h.boss.insert('bench', batch()));
  } finally {
    await h.stop();
  }
}

export interface WorkSettings {
  localConcurrency: number;
  batchSize: number;
}

async function startWorkers(
  h: PgBossHandle,
  settings: WorkSettings,
  onBatch: (jobs: number) => void = () => undefined,
): Promise<void> {
  await h.boss.createQueue('bench', { notify: true });
  await h.boss.work(
    'bench',
    {
      localConcurrency: settings.localConcurrency,
      batchSize: settings.batchSize,
      pollingIntervalSeconds: 0.5,
      burstWhenBatchFull: true,
    },
    async (jobs) => {
      onBatch(jobs.length);
    },
  );
}

export interface DrainResult {
  tasks: number;
  seconds: number;
  perSecond: number;
  submitSeconds: number;
}

/** (c) `n` jobs inserted 100 at a time by 8 callers while work() runs; first insert to last completion. */
export async function pgBossDrain(n: number, settings: WorkSettings): Promise<DrainResult> {
  const h = await startPgBoss('drain', true);
  try {
    await startWorkers(h, settings);
    const db = h.boss.getDb();
    const batches = Array.from({ length: Math.ceil(n / 100) }, (_, b) =>
      Array.from({ length: Math.min(100, n - b * 100) }, (_, i) => ({ data: job(b * 100 + i) })),
    );
    const t0 = Date.now();
    await pool(batches, 8, async (jobs) => {
      await h.boss.insert('bench', jobs);
    });
    const submitSeconds = (Date.now() - t0) / 1000;
    await waitUntil(
      'pg-boss drain',
      async () => {
        const { rows } = await db.executeSql(
          `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'bench' AND state = 'completed'`,
        );
        return rows[0].n >= n;
      },
      600_000,
      100,
    );
    const { rows } = await db.executeSql(
      `SELECT (EXTRACT(EPOCH FROM max(completed_on)) * 1000)::float8 AS last FROM pgboss.job WHERE name = 'bench'`,
    );
    const seconds = (Number(rows[0].last) - t0) / 1000;
    return { tasks: n, seconds, perSecond: n / seconds, submitSeconds };
  } finally {
    await h.stop();
  }
}

export interface SteadyResult {
  rate: number;
  achievedRate: number;
  sent: number;
  errors: number;
  submitLatency: LatencySummary;
  startLatency: LatencySummary;
}

/** (d) `send()` at `rate` per second for `durationMs` while work() runs; created_on -> started_on. */
export async function pgBossSteady(
  rate: number,
  durationMs: number,
  settings: WorkSettings,
): Promise<SteadyResult> {
  const h = await startPgBoss('steady', true);
  try {
    await startWorkers(h, settings);
    const db = h.boss.getDb();
    // Warm-up jobs (connections, JIT, the queue cache) are left out of the figures.
    await paced(rate, 1000, (i) => h.boss.send('bench', { warmup: true, i }));
    const sent = await paced(rate, durationMs, (i) => h.boss.send('bench', job(i)));
    const expected = sent.sent - sent.errors;
    await waitUntil(
      'pg-boss steady jobs to start',
      async () => {
        const { rows } = await db.executeSql(
          `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'bench' AND started_on IS NOT NULL AND NOT (data ? 'warmup')`,
        );
        return rows[0].n >= expected;
      },
      120_000,
      100,
    );
    const { rows } = await db.executeSql(
      `SELECT (EXTRACT(EPOCH FROM started_on - created_on) * 1000)::float8 AS ms
         FROM pgboss.job WHERE name = 'bench' AND NOT (data ? 'warmup')`,
    );
    return {
      rate,
      achievedRate: sent.achievedRate,
      sent: sent.sent,
      errors: sent.errors,
      submitLatency: summarize(sent.latencies),
      startLatency: summarize(rows.map((r: { ms: number }) => Number(r.ms))),
    };
  } finally {
    await h.stop();
  }
}

/** (g) pg-boss on the counting cluster: `send()` or `insert()` while work() runs as in (c). */
export async function startPgBossCounted(
  server: string,
  monitorUrl: (db: string) => string,
  settings: WorkSettings,
) {
  const h = await startPgBoss('writes', true, server);
  let handled = 0;
  try {
    await startWorkers(h, settings, (jobs) => {
      handled += jobs;
    });
  } catch (err) {
    await h.stop();
    throw err;
  }
  const system: CountedSystem = {
    database: h.database,
    submit: (mode, payloads) =>
      submitAll(
        mode,
        payloads,
        (payload) => h.boss.send('bench', payload),
        (batch) =>
          h.boss.insert(
            'bench',
            batch.map((data) => ({ data })),
          ),
      ),
    async drained(tasks) {
      // The handler runs before pg-boss writes the completion: then wait for the rows.
      await waitUntil('pg-boss jobs to be handled', async () => handled >= tasks, 600_000, 20);
      const monitor = new pg.Client({ connectionString: monitorUrl(h.database.name) });
      await monitor.connect();
      try {
        await waitUntil(
          'pg-boss jobs to complete',
          async () => {
            const { rows } = await monitor.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'bench' AND state = 'completed'`,
            );
            return rows[0]!.n >= tasks;
          },
          60_000,
          50,
        );
      } finally {
        await monitor.end();
      }
    },
    async stop() {
      await h.boss.stop({ graceful: true, close: true, timeout: 10_000 });
    },
  };
  return { system, dropDatabase: () => h.stop() };
}
