/**
 * Throughput of the local runtime: `npx tsx bench/local-throughput.ts`.
 *
 * Starts the runtime in-process against a fresh database, submits `BENCH_TASKS` (2,000) `echo`
 * tasks over HTTP twice, first through `POST /v1/tasks/batch` (100 per request), then as single
 * `POST /v1/tasks` at a concurrency of `BENCH_CONCURRENCY` (50), and waits for every task to
 * complete. It reports, per variant:
 * - submitted/s: tasks accepted per second, client side (first request sent to last answer);
 * - completed/s: tasks per second from the first submission to the last completion, from the
 *   database's own timestamps (created_at, finished_at);
 * - latency percentiles of submit-to-start and submit-to-finish.
 * It prints a table, writes the figures as JSON to bench/results/, and drops its database.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const env = process.env;
// Set before the logger and metrics load: per-request INFO lines and EMF output would dominate.
env.POWERTOOLS_METRICS_DISABLED = 'true';
env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
env.AWS_REGION ??= 'us-east-1';

const TASKS = Number(env.BENCH_TASKS ?? 2000);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 50);
const BATCH_SIZE = 100;
/** Batch requests in flight at once. */
const BATCH_CONCURRENCY = 4;
const SERVER_URL = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/taskforge';
const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');

const { startLocalRuntime } = await import('../infra/local/runtime.ts');
const { setTenantRateLimits } = await import('../shared/tenants/tenant-store.ts');

interface VariantResult {
  variant: string;
  tasks: number;
  requests: number;
  submitSeconds: number;
  submittedPerSecond: number;
  completeSeconds: number;
  completedPerSecond: number;
  startLatencyMs: { p50: number; p95: number; p99: number };
  endToEndLatencyMs: { p50: number; p95: number; p99: number };
}

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function post(url: string, apiKey: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'x-client-id': 'bench' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 202) throw new Error(`POST ${url}: HTTP ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

async function main(): Promise<void> {
  const dbName = `taskforge_bench_${Date.now().toString(36)}`;
  const url = databaseUrl(dbName);
  const runtime = await startLocalRuntime({
    port: 0,
    databaseUrl: url,
    queuePrefix: dbName,
    sqsDataDir: undefined,
  });
  // This measures the pipeline, not the edge: lift the dev tenant's token bucket out of the way.
  await setTenantRateLimits(runtime.db, runtime.tenantId, { rateLimitPerSecond: 1e6, rateLimitBurst: 1e6 });
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= (async () => {
      await runtime.stop();
      const admin = new pg.Client({ connectionString: databaseUrl('postgres') });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(dbName)} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    })();
    return cleaning;
  };
  // Ctrl-C must not leave the database behind.
  process.once('SIGINT', () => {
    console.error('\ninterrupted: stopping the runtime and dropping the benchmark database');
    void cleanup().finally(() => process.exit(130));
  });
  const results: VariantResult[] = [];
  try {
    const ms = (value: unknown) => Math.round(Number(value));

    async function measure(variant: string, requests: number, submit: () => Promise<string[]>) {
      const started = performance.now();
      const ids = await submit();
      const submitSeconds = (performance.now() - started) / 1000;
      const deadline = Date.now() + 300_000;
      for (;;) {
        const { rows } = await runtime.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM tasks
            WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text(:ids::jsonb)) AND status = 'COMPLETED'`,
          { ids },
        );
        if (rows[0]!.n === ids.length) break;
        if (Date.now() > deadline)
          throw new Error(`${variant}: only ${rows[0]!.n}/${ids.length} completed in 300 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const { rows } = await runtime.db.query(
        `SELECT EXTRACT(EPOCH FROM max(finished_at) - min(created_at))::float8 AS span,
                percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM started_at - created_at) * 1000) AS start_ms,
                percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM finished_at - created_at) * 1000) AS end_ms
           FROM tasks WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text(:ids::jsonb))`,
        { ids },
      );
      const row = rows[0]!;
      const [s50, s95, s99] = row.start_ms as number[];
      const [e50, e95, e99] = row.end_ms as number[];
      const completeSeconds = Number(row.span);
      results.push({
        variant,
        tasks: ids.length,
        requests,
        submitSeconds: Number(submitSeconds.toFixed(3)),
        submittedPerSecond: Math.round(ids.length / submitSeconds),
        completeSeconds: Number(completeSeconds.toFixed(3)),
        completedPerSecond: Math.round(ids.length / completeSeconds),
        startLatencyMs: { p50: ms(s50), p95: ms(s95), p99: ms(s99) },
        endToEndLatencyMs: { p50: ms(e50), p95: ms(e95), p99: ms(e99) },
      });
    }

    const task = (i: number) => ({ type: 'echo', payload: { i, bench: true } });

    await measure(`batch (${BATCH_SIZE}/request)`, Math.ceil(TASKS / BATCH_SIZE), async () => {
      const batches = Array.from({ length: Math.ceil(TASKS / BATCH_SIZE) }, (_, b) =>
        Array.from({ length: Math.min(BATCH_SIZE, TASKS - b * BATCH_SIZE) }, (_, i) =>
          task(b * BATCH_SIZE + i),
        ),
      );
      const ids: string[] = [];
      await pool(batches, BATCH_CONCURRENCY, async (tasks) => {
        const body = (await post(`${runtime.url}/v1/tasks/batch`, runtime.apiKey, { tasks })) as {
          tasks: { id: string }[];
        };
        ids.push(...body.tasks.map((t) => t.id));
      });
      return ids;
    });

    await measure(`single (concurrency ${CONCURRENCY})`, TASKS, async () => {
      const ids: string[] = [];
      await pool(
        Array.from({ length: TASKS }, (_, i) => i),
        CONCURRENCY,
        async (i) => {
          const body = (await post(`${runtime.url}/v1/tasks`, runtime.apiKey, task(i))) as { id: string };
          ids.push(body.id);
        },
      );
      return ids;
    });
  } finally {
    await cleanup();
  }

  console.log(`\nLocal runtime throughput: ${TASKS} echo tasks per variant\n`);
  console.table(
    results.map((r) => ({
      variant: r.variant,
      requests: r.requests,
      'submitted/s': r.submittedPerSecond,
      'completed/s': r.completedPerSecond,
      'start p50/p95 ms': `${r.startLatencyMs.p50}/${r.startLatencyMs.p95}`,
      'end-to-end p50/p95 ms': `${r.endToEndLatencyMs.p50}/${r.endToEndLatencyMs.p95}`,
    })),
  );
  const report = {
    benchmark: 'local-throughput',
    at: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    config: {
      tasks: TASKS,
      singleConcurrency: CONCURRENCY,
      batchSize: BATCH_SIZE,
      batchConcurrency: BATCH_CONCURRENCY,
      workerConcurrency: runtime.config.concurrency,
      pollBatchSize: runtime.config.batchSize,
      relayIdleWaitMs: runtime.config.relayIdleWaitMs,
    },
    results,
  };
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `local-throughput-${report.at.replaceAll(':', '-')}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten to ${file}`);
}

try {
  await main();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
}
