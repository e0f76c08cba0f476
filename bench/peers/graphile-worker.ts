/**
 * Graphile Worker on the same PostgreSQL server, in its own fresh database: `addJob()` (single
 * submit), `addJobs()` of 100 (batch submit), a runner with a no-op task list (drain, steady-rate
 * latency, and the writes of (g)).
 *
 * Runner settings for throughput, from Graphile Worker 0.18's own options: 40 concurrent jobs
 * (our 4 pollers x 10, pg-boss's 4 workers x 10), the local queue fetching and locking 40 jobs
 * per query, completions batched (`completeJobBatchDelay` 0: those finished in the same tick
 * share one statement), LISTEN/NOTIFY for new jobs (always on) and a 0.5 s polling floor as
 * pg-boss's. Submits use a pool of 20 connections, like ours and pg-boss's; the runner's pool has
 * 42, what Graphile Worker asks for (`concurrentJobs + 2`).
 */
import { EventEmitter } from 'node:events';
import {
  Logger,
  makeWorkerUtils,
  type Runner,
  run,
  type WorkerEvents,
  type WorkerUtils,
} from 'graphile-worker';
import pg from 'pg';
import { type ClosedLoopResult, closedLoop, paced, pool, waitUntil } from '../lib/concurrency.ts';
import { type CountedSystem, submitAll } from '../lib/counted-system.ts';
import { createFreshDatabase, type FreshDatabase } from '../lib/fresh-db.ts';
import { type LatencySummary, summarize } from '../lib/stats.ts';

const POOL_SIZE = 20;
export const GRAPHILE_CONCURRENCY = 40;

/** Warnings and errors only: at `info` the runner logs a line per job. */
const quietLogger = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') console.error(`graphile-worker ${level}: ${message}`);
});

const job = (i: number) => ({ i, tag: 'bench' });

export interface GraphileHandle {
  utils: WorkerUtils;
  database: FreshDatabase;
  /** Present once `startRunner` was called. */
  runner?: Runner;
  /** Jobs whose outcome the runner has written back. */
  completed(): number;
  startRunner(task: (payload: unknown, createdAt: Date) => Promise<void>): Promise<Runner>;
  /** Stops the runner and closes every connection, then drops the database unless told not to. */
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

export async function startGraphile(label: string, server?: string): Promise<GraphileHandle> {
  const database = await createFreshDatabase(`graphile_${label}`, server);
  // Pools of our own, so that their connections are closed before the database is dropped (and
  // an error on an idle connection is not an unhandled event).
  const pools: pg.Pool[] = [];
  const newPool = (max: number) => {
    const created = new pg.Pool({ connectionString: database.url, max });
    created.on('error', () => undefined);
    created.on('connect', (client) => client.on('error', () => undefined));
    pools.push(created);
    return created;
  };
  const endPools = () => Promise.all(pools.map((p) => p.end().catch(() => undefined)));
  let utils: WorkerUtils;
  try {
    utils = await makeWorkerUtils({ pgPool: newPool(POOL_SIZE), logger: quietLogger });
    await utils.migrate();
  } catch (err) {
    await endPools();
    await database.drop();
    throw err;
  }
  let runner: Runner | undefined;
  let completed = 0;
  let stopping: Promise<void> | undefined;
  const handle: GraphileHandle = {
    utils,
    database,
    completed: () => completed,
    async startRunner(task) {
      const events: WorkerEvents = new EventEmitter();
      events.on('job:complete', () => {
        completed += 1;
      });
      runner = await run({
        noHandleSignals: true,
        pgPool: newPool(GRAPHILE_CONCURRENCY + 2),
        taskList: { echo: async (payload, helpers) => task(payload, helpers.job.created_at) },
        preset: {
          worker: {
            logger: quietLogger,
            events,
            concurrentJobs: GRAPHILE_CONCURRENCY,
            pollInterval: 500,
            localQueue: { size: GRAPHILE_CONCURRENCY },
            completeJobBatchDelay: 0,
          },
        },
      });
      handle.runner = runner;
      return runner;
    },
    async stop(options = {}) {
      stopping ??= (async () => {
        await runner?.stop().catch(() => undefined);
        await Promise.resolve(utils.release()).catch(() => undefined);
        await endPools();
      })();
      await stopping;
      if (!options.keepDatabase) await database.drop();
    },
  };
  return handle;
}

/** (a) `addJob()` from `callers` concurrent callers for `durationMs` (after a warm-up). */
export async function graphileSingleSubmit(
  callers: number,
  durationMs: number,
  warmupMs: number,
): Promise<ClosedLoopResult> {
  const h = await startGraphile('add');
  try {
    let i = 0;
    await closedLoop(callers, warmupMs, () => h.utils.addJob('echo', job(i++)));
    return await closedLoop(callers, durationMs, () => h.utils.addJob('echo', job(i++)));
  } finally {
    await h.stop();
  }
}

/** (b) `addJobs()` of `batchSize` jobs from `callers` concurrent callers. */
export async function graphileBatchSubmit(
  callers: number,
  batchSize: number,
  durationMs: number,
  warmupMs: number,
): Promise<ClosedLoopResult> {
  const h = await startGraphile('addjobs');
  try {
    let i = 0;
    const batch = () => Array.from({ length: batchSize }, () => ({ identifier: 'echo', payload: job(i++) }));
    await closedLoop(callers, warmupMs, () => h.utils.addJobs(batch()));
    return await closedLoop(callers, durationMs, () => h.utils.addJobs(batch()));
  } finally {
    await h.stop();
  }
}

export interface DrainResult {
  tasks: number;
  seconds: number;
  perSecond: number;
  submitSeconds: number;
}

/** (c) `n` jobs added 100 at a time by 8 callers while the runner works; first add to last completion. */
export async function graphileDrain(n: number): Promise<DrainResult> {
  const h = await startGraphile('drain');
  try {
    await h.startRunner(async () => undefined);
    const batches = Array.from({ length: Math.ceil(n / 100) }, (_, b) =>
      Array.from({ length: Math.min(100, n - b * 100) }, (_, i) => ({
        identifier: 'echo',
        payload: job(b * 100 + i),
      })),
    );
    let last = 0;
    h.runner!.events.on('job:complete', () => {
      last = Date.now();
    });
    const t0 = Date.now();
    await pool(batches, 8, async (jobs) => {
      await h.utils.addJobs(jobs);
    });
    const submitSeconds = (Date.now() - t0) / 1000;
    await waitUntil('Graphile Worker drain', async () => h.completed() >= n, 600_000, 20);
    const seconds = (last - t0) / 1000;
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

/**
 * (d) `addJob()` at `rate` per second while the runner works; the job's created_at (PostgreSQL's
 * clock, the same machine's) to the task function's start (Graphile deletes finished jobs, so
 * the start is taken in the task).
 */
export async function graphileSteady(rate: number, durationMs: number): Promise<SteadyResult> {
  const h = await startGraphile('steady');
  try {
    const startLatencies: number[] = [];
    let started = 0;
    await h.startRunner(async (payload, createdAt) => {
      started += 1;
      if (!(payload as { warmup?: boolean }).warmup) startLatencies.push(Date.now() - createdAt.getTime());
    });
    const warm = await paced(rate, 1000, (i) => h.utils.addJob('echo', { warmup: true, i }));
    const sent = await paced(rate, durationMs, (i) => h.utils.addJob('echo', job(i)));
    const expected = warm.sent - warm.errors + sent.sent - sent.errors;
    await waitUntil('Graphile Worker steady jobs to start', async () => started >= expected, 120_000, 20);
    return {
      rate,
      achievedRate: sent.achievedRate,
      sent: sent.sent,
      errors: sent.errors,
      submitLatency: summarize(sent.latencies),
      startLatency: summarize(startLatencies),
    };
  } finally {
    await h.stop();
  }
}

/** (g) Graphile Worker on the counting cluster: `addJob()` or `addJobs()` while the runner works. */
export async function startGraphileCounted(server: string, monitorUrl: (db: string) => string) {
  const h = await startGraphile('writes', server);
  try {
    await h.startRunner(async () => undefined);
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
        async (payload) => {
          await h.utils.addJob('echo', payload);
        },
        async (batch) => {
          await h.utils.addJobs(batch.map((payload) => ({ identifier: 'echo', payload })));
        },
      ),
    async drained(tasks) {
      await waitUntil('Graphile Worker jobs to complete', async () => h.completed() >= tasks, 600_000, 20);
      // Completed jobs are deleted: none may be left.
      const monitor = new pg.Client({ connectionString: monitorUrl(h.database.name) });
      await monitor.connect();
      try {
        await waitUntil(
          'Graphile Worker jobs to be deleted',
          async () => {
            const { rows } = await monitor.query<{ n: number }>(
              'SELECT count(*)::int AS n FROM graphile_worker._private_jobs',
            );
            return rows[0]!.n === 0;
          },
          60_000,
          50,
        );
      } finally {
        await monitor.end();
      }
    },
    stop: () => h.stop({ keepDatabase: true }),
  };
  return { system, dropDatabase: () => h.stop() };
}
