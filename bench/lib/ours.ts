/**
 * Our system under test: the local runtime (HTTP API, relay, SQS emulator, workers) in this
 * process, on a fresh database and fresh queue names, with the bench tenant's rate limit raised
 * (the edge protection reads tenants.rate_limit_per_second / rate_limit_burst) and its own Redis
 * key prefix. The runtime's database can be wrapped in a statement counter.
 */
import pg from 'pg';
import type { LocalRuntime, LocalRuntimeOptions } from '../../infra/local/runtime.ts';
import { waitUntil } from './concurrency.ts';
import { type CountedSystem, submitAll } from './counted-system.ts';
import { CountingDatabase } from './counting-database.ts';
import { createFreshDatabase, type FreshDatabase, REDIS_URL, redisPrefix } from './fresh-db.ts';
import { takeLogVolume } from './log-capture.ts';
import { countSqsRequests } from './sqs-counter.ts';

/** Far above anything one machine can submit: the bench measures the system, not the limiter. */
export const BENCH_RATE_LIMIT = { perSecond: 1_000_000, burst: 1_000_000 };

export interface OursHandle {
  runtime: LocalRuntime;
  /** Present when started with `countStatements`. */
  counter?: CountingDatabase;
  /** A separate connection for the harness's own queries (not counted, not from the runtime's pool). */
  monitor: pg.Client;
  database: FreshDatabase;
  stop(): Promise<void>;
}

export interface StartOursOptions {
  label: string;
  /** A URL of any database on the PostgreSQL server to use (the shared server by default). */
  server?: string;
  /** Wraps the runtime's database in a statement counter; `'with-bytes'` also sizes each payload. */
  countStatements?: boolean | 'with-bytes';
  /** Runtime overrides (e.g. a relay idle wait long enough to keep the relay out of a submit-only test). */
  runtime?: Partial<LocalRuntimeOptions>;
}

let keyPrefix: string | undefined;

export async function startOurs(options: StartOursOptions): Promise<OursHandle> {
  const database = await createFreshDatabase(`ours_${options.label}`, options.server);
  // Read by the edge protection (idempotency and rate-limit keys); deleted at the end of the run.
  keyPrefix ??= redisPrefix('ours');
  process.env.REDIS_KEY_PREFIX = keyPrefix;
  const { startLocalRuntime } = await import('../../infra/local/runtime.ts');
  let counter: CountingDatabase | undefined;
  let runtime: LocalRuntime;
  try {
    runtime = await startLocalRuntime({
      port: 0,
      databaseUrl: database.url,
      redisUrl: REDIS_URL,
      queuePrefix: database.name.replaceAll('_', '-'),
      sqsDataDir: undefined,
      sqsEndpoint: undefined,
      tenantName: 'bench',
      apiKey: undefined,
      ...(options.countStatements
        ? {
            wrapDatabase: (db) => {
              counter = new CountingDatabase(db, { bytes: options.countStatements === 'with-bytes' });
              return counter;
            },
          }
        : {}),
      ...options.runtime,
    });
  } catch (err) {
    await database.drop();
    throw err;
  }
  const monitor = new pg.Client({ connectionString: database.url });
  await monitor.connect();
  await monitor.query(
    'UPDATE tenants SET rate_limit_per_second = $2, rate_limit_burst = $3 WHERE id = $1::uuid',
    [runtime.tenantId, BENCH_RATE_LIMIT.perSecond, BENCH_RATE_LIMIT.burst],
  );
  let stopping: Promise<void> | undefined;
  return {
    runtime,
    counter,
    monitor,
    database,
    stop() {
      stopping ??= (async () => {
        await monitor.end().catch(() => undefined);
        await runtime.stop();
        await database.drop();
      })();
      return stopping;
    },
  };
}

/**
 * Keeps the relay asleep through a submit-only test: its first round finds nothing, then it waits
 * a minute, and submissions do not wake it.
 */
export const RELAY_PAUSED = { relayIdleWaitMs: 60_000, relayWakeOnSubmit: false };

export function taskBody(i: number, clientTag = 'bench'): { type: string; payload: Record<string, unknown> } {
  return { type: 'echo', payload: { i, tag: clientTag } };
}

export async function postJson(
  url: string,
  apiKey: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey, ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 202) throw new Error(`POST ${url}: HTTP ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/**
 * (g) Ours on the counting cluster, as a user runs it: the local runtime with its defaults (HTTP
 * API, relay, SQS emulator, workers), single submits to POST /v1/tasks and batches to
 * POST /v1/tasks/batch. Also counts what the cost model needs: statements by component (with
 * Data API payload sizes), SQS requests by action, worker invocations, HTTP requests and bytes,
 * and the log lines the runtime writes at the deployed level (INFO) while the tasks go through.
 */
export async function startOursCounted(server: string, monitorUrl: (db: string) => string) {
  const ours = await startOurs({ label: 'writes', server, countStatements: 'with-bytes' });
  const { logger } = await import('../../shared/observability.ts');
  const benchLevel = logger.getLevelName();
  let logs = { lines: 0, bytes: 0 };
  const { runtime } = ours;
  const sqs = countSqsRequests(runtime.sqs);
  const http = { requests: 0, bodyBytes: 0 };
  const post = async (path: string, body: unknown) => {
    const text = JSON.stringify(body);
    http.requests += 1;
    http.bodyBytes += Buffer.byteLength(text);
    const response = await fetch(`${runtime.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': runtime.apiKey },
      body: text,
    });
    const answer = await response.text();
    if (response.status !== 202)
      throw new Error(`POST ${path}: HTTP ${response.status}: ${answer.slice(0, 300)}`);
  };
  const deleted = () => Object.values(runtime.pollerStats()).reduce((n, s) => n + s.deleted, 0);
  const invocations = () => Object.values(runtime.pollerStats()).reduce((n, s) => n + s.invocations, 0);
  let invocationsBefore = 0;
  let deletedBefore = 0;
  const system: CountedSystem = {
    database: ours.database,
    async submit(mode, payloads) {
      ours.counter?.reset();
      sqs.reset();
      invocationsBefore = invocations();
      deletedBefore = deleted();
      takeLogVolume();
      logger.setLogLevel('INFO');
      await submitAll(
        mode,
        payloads,
        (payload) => post('/v1/tasks', { type: 'echo', payload }),
        (batch) => post('/v1/tasks/batch', { tasks: batch.map((payload) => ({ type: 'echo', payload })) }),
      );
    },
    async drained(tasks) {
      await waitUntil('our tasks to finish', async () => deleted() - deletedBefore >= tasks, 600_000, 20);
      const monitor = new pg.Client({ connectionString: monitorUrl(ours.database.name) });
      await monitor.connect();
      try {
        const { rows } = await monitor.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM tasks WHERE status = 'COMPLETED'`,
        );
        if (rows[0]!.n < tasks) throw new Error(`only ${rows[0]!.n} of ${tasks} tasks COMPLETED`);
      } finally {
        await monitor.end();
      }
      logs = takeLogVolume();
      logger.setLogLevel(benchLevel);
    },
    details: () => ({
      statements: ours.counter?.snapshot(),
      sqs: sqs.snapshot(),
      workerInvocations: invocations() - invocationsBefore,
      http: { ...http },
      logs,
    }),
    async stop() {
      logger.setLogLevel(benchLevel);
      await monitorless(ours);
    },
  };
  return { system, dropDatabase: () => ours.stop() };
}

/** Stops the runtime and the harness's connection, keeping the database for the counts. */
async function monitorless(ours: OursHandle): Promise<void> {
  await ours.monitor.end().catch(() => undefined);
  await ours.runtime.stop();
}
