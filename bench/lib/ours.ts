/**
 * Our system under test: the local runtime (HTTP API, relay, SQS emulator, workers) in this
 * process, on a fresh database and fresh queue names, with the bench tenant's rate limit raised
 * (the edge protection reads tenants.rate_limit_per_second / rate_limit_burst) and its own Redis
 * key prefix. The runtime's database can be wrapped in a statement counter.
 */
import pg from 'pg';
import type { LocalRuntime, LocalRuntimeOptions } from '../../infra/local/runtime.ts';
import { CountingDatabase } from './counting-database.ts';
import { createFreshDatabase, type FreshDatabase, REDIS_URL, redisPrefix } from './fresh-db.ts';

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
  countStatements?: boolean;
  /** Runtime overrides (e.g. a relay idle wait long enough to keep the relay out of a submit-only test). */
  runtime?: Partial<LocalRuntimeOptions>;
}

let keyPrefix: string | undefined;

export async function startOurs(options: StartOursOptions): Promise<OursHandle> {
  const database = await createFreshDatabase(`ours_${options.label}`);
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
              counter = new CountingDatabase(db);
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
