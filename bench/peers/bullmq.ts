/**
 * BullMQ on the same Redis, under its own key prefix: `queue.add()` (single submit), `addBulk()` of
 * 100 (batch submit), `Worker` (drain and steady-rate latency). Keys are deleted afterwards.
 */
import { Queue, Worker } from 'bullmq';
import { type ClosedLoopResult, closedLoop, paced, pool, waitUntil } from '../lib/concurrency.ts';
import { deleteRedisKeys, REDIS_URL, redisPrefix } from '../lib/fresh-db.ts';
import { type LatencySummary, summarize } from '../lib/stats.ts';

function connection() {
  const url = new URL(REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    // Required by BullMQ for the worker's blocking connection.
    maxRetriesPerRequest: null,
  };
}

const job = (i: number) => ({ i, tag: 'bench' });

async function withQueue<T>(label: string, work: (queue: Queue, prefix: string) => Promise<T>): Promise<T> {
  const prefix = redisPrefix(`bullmq-${label}`);
  const queue = new Queue('bench', { connection: connection(), prefix });
  try {
    await queue.waitUntilReady();
    return await work(queue, prefix);
  } finally {
    await queue.close();
    await deleteRedisKeys(prefix);
  }
}

/** (a) `queue.add()` from `callers` concurrent callers. */
export function bullmqSingleSubmit(
  callers: number,
  durationMs: number,
  warmupMs: number,
): Promise<ClosedLoopResult> {
  return withQueue('add', async (queue) => {
    let i = 0;
    await closedLoop(callers, warmupMs, () => queue.add('echo', job(i++)));
    return closedLoop(callers, durationMs, () => queue.add('echo', job(i++)));
  });
}

/** (b) `queue.addBulk()` of `batchSize` from `callers` concurrent callers. */
export function bullmqBatchSubmit(
  callers: number,
  batchSize: number,
  durationMs: number,
  warmupMs: number,
): Promise<ClosedLoopResult> {
  return withQueue('addbulk', async (queue) => {
    let i = 0;
    const batch = () => Array.from({ length: batchSize }, () => ({ name: 'echo', data: job(i++) }));
    await closedLoop(callers, warmupMs, () => queue.addBulk(batch()));
    return closedLoop(callers, durationMs, () => queue.addBulk(batch()));
  });
}

export interface DrainResult {
  tasks: number;
  seconds: number;
  perSecond: number;
  submitSeconds: number;
}

/** (c) `n` jobs added 100 at a time by 8 callers while a Worker runs; first add to last completion. */
export function bullmqDrain(n: number, concurrency: number): Promise<DrainResult> {
  return withQueue('drain', async (queue, prefix) => {
    let completed = 0;
    let last = 0;
    const worker = new Worker('bench', async () => undefined, {
      connection: connection(),
      prefix,
      concurrency,
    });
    worker.on('completed', () => {
      completed += 1;
      last = Date.now();
    });
    worker.on('error', (err) => console.error(`BullMQ worker error: ${err.message}`));
    try {
      await worker.waitUntilReady();
      const batches = Array.from({ length: Math.ceil(n / 100) }, (_, b) =>
        Array.from({ length: Math.min(100, n - b * 100) }, (_, i) => ({
          name: 'echo',
          data: job(b * 100 + i),
        })),
      );
      const t0 = Date.now();
      await pool(batches, 8, async (jobs) => {
        await queue.addBulk(jobs);
      });
      const submitSeconds = (Date.now() - t0) / 1000;
      await waitUntil('BullMQ drain', async () => completed >= n, 600_000, 20);
      const seconds = (last - t0) / 1000;
      return { tasks: n, seconds, perSecond: n / seconds, submitSeconds };
    } finally {
      await worker.close();
    }
  });
}

export interface SteadyResult {
  rate: number;
  achievedRate: number;
  sent: number;
  errors: number;
  submitLatency: LatencySummary;
  startLatency: LatencySummary;
}

/** (d) `add()` at `rate` per second while a Worker runs; job.timestamp (add) -> processor start. */
export function bullmqSteady(rate: number, durationMs: number, concurrency: number): Promise<SteadyResult> {
  return withQueue('steady', async (queue, prefix) => {
    const startLatencies: number[] = [];
    let started = 0;
    const worker = new Worker(
      'bench',
      async (j) => {
        started += 1;
        if (!(j.data as { warmup?: boolean }).warmup) startLatencies.push(Date.now() - j.timestamp);
      },
      { connection: connection(), prefix, concurrency },
    );
    worker.on('error', (err) => console.error(`BullMQ worker error: ${err.message}`));
    try {
      await worker.waitUntilReady();
      const warm = await paced(rate, 1000, (i) => queue.add('echo', { warmup: true, i }));
      const sent = await paced(rate, durationMs, (i) => queue.add('echo', job(i)));
      const expected = warm.sent - warm.errors + sent.sent - sent.errors;
      await waitUntil('BullMQ steady jobs to start', async () => started >= expected, 120_000, 20);
      return {
        rate,
        achievedRate: sent.achievedRate,
        sent: sent.sent,
        errors: sent.errors,
        submitLatency: summarize(sent.latencies),
        startLatency: summarize(startLatencies),
      };
    } finally {
      await worker.close();
    }
  });
}
