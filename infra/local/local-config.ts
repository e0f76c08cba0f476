/**
 * Settings of the local runtime (`npm run local`, the e2e tests and the benchmark). Variables the
 * functions also use (DATABASE_URL, DB_DRIVER, DB_POOL_SIZE, REDIS_URL, RELAY_IDLE_WAIT_MS) are
 * read by the functions' own readers in `shared/config/`, with the local fallbacks below; the rest
 * are the runtime's own. Every value has a default that works on a developer machine with
 * PostgreSQL on localhost; see infra/local/README.md.
 */
import { opsConfig } from '../../shared/config/api.ts';
import { type DbDriver, databaseConfig } from '../../shared/config/database.ts';
import { redisConfig } from '../../shared/config/edge.ts';
import {
  type Env,
  readBoolean,
  readNumber,
  readOptionalString,
  readString,
} from '../../shared/config/env.ts';
import { relayConfig } from '../../shared/config/relay.ts';
import { ConfigError } from '../../shared/errors.ts';
import type { Priority } from '../../shared/tasks/priority.ts';

/**
 * Where the local runtime's defaults differ from a function's, on purpose. One pool serves the
 * API, the relay, every worker and the sweeper at once (a function has a pool of its own), and
 * the relay waits less between polls because a developer watches the tasks go through (it also
 * wakes on submit, see RELAY_WAKE_ON_SUBMIT).
 */
export const LOCAL_FALLBACKS = { dbPoolSize: 20, relayIdleWaitMs: 100 } as const;

export interface LocalConfig {
  /** HTTP port of the API; 0 picks a free port. */
  port: number;
  /** Interface the HTTP server listens on. */
  host: string;
  /** PostgreSQL database; created when missing. */
  databaseUrl: string;
  /** `pg` (direct) or `data-api` (the same SQL through the in-process RDS Data API emulator). */
  dbDriver: DbDriver;
  /** Connections in the runtime's pool (API, relay, workers and sweeper share it). */
  dbPoolSize: number;
  /** Redis for the edge checks (idempotency fast path, rate limits, status cache); optional. */
  redisUrl: string;
  /** Credentials the SDK signs emulator requests with (the emulators accept any). */
  awsCredentials: { accessKeyId: string; secretAccessKey: string };
  /** An external SQS endpoint (LocalStack); unset runs the in-process emulator. */
  sqsEndpoint: string | undefined;
  /** Port of the in-process emulator; 0 picks a free port. */
  sqsPort: number;
  /** Directory where the in-process emulator persists queues and messages; undefined keeps them in memory. */
  sqsDataDir: string | undefined;
  /** Queue names are `<prefix>-<priority>` and `<prefix>-<priority>-dlq`. */
  queuePrefix: string;
  region: string;
  /** The dev tenant's API key; undefined generates one. */
  apiKey: string | undefined;
  /** The local operator token (scope admin, stored hashed like any other); undefined generates one. */
  adminToken: string | undefined;
  tenantName: string;
  /** Timeout of one local worker "invocation"; the queues' visibility timeout is 6 times this. */
  workerTimeoutSeconds: number;
  /** Timeout of one API "invocation" (API Gateway's integration timeout is 30 s). */
  apiTimeoutSeconds: number;
  /** Concurrent worker invocations per queue, like an event source mapping's maximumConcurrency. */
  concurrency: Record<Priority, number>;
  /** Messages per ReceiveMessage and per SQS event (SQS allows 1 to 10). */
  batchSize: number;
  /** Long-poll wait of each ReceiveMessage. */
  pollWaitSeconds: number;
  /** Relay pause after a poll that found no full batch. */
  relayIdleWaitMs: number;
  /** Cut the relay's pause short when the API (same process) commits new tasks. */
  relayWakeOnSubmit: boolean;
  /** Pause between sweeper runs. */
  sweeperIntervalSeconds: number;
  /** Largest request body the HTTP server accepts (API Gateway's limit is 10 MiB). */
  maxRequestBytes: number;
  /** Print EMF metrics to stdout (they would flood the console, so off unless asked for). */
  metrics: boolean;
}

/**
 * @param fallbacks defaults of the caller for variables that are not set: `npm run local` keeps
 *   SQS messages across restarts, as PostgreSQL keeps the tasks; tests and benchmarks do not
 */
export function localConfig(env: Env = process.env, fallbacks: { sqsPersist?: boolean } = {}): LocalConfig {
  const database = databaseConfig(env, { poolSize: LOCAL_FALLBACKS.dbPoolSize });
  // The API, relay, workers and sweeper must be able to hold connections at the same time.
  if (database.poolSize < 2) throw new ConfigError('DB_POOL_SIZE must be >= 2 for the local runtime');
  return {
    port: readNumber(env, 'PORT', 3000, { min: 0, max: 65_535 }),
    host: readString(env, 'HOST', '127.0.0.1'),
    databaseUrl: database.url,
    dbDriver: database.driver,
    dbPoolSize: database.poolSize,
    redisUrl: redisConfig(env).url,
    awsCredentials: {
      accessKeyId: readString(env, 'AWS_ACCESS_KEY_ID', 'test'),
      secretAccessKey: readString(env, 'AWS_SECRET_ACCESS_KEY', 'test'),
    },
    sqsEndpoint: readOptionalString(env, 'SQS_ENDPOINT'),
    sqsPort: readNumber(env, 'SQS_PORT', 0, { min: 0, max: 65_535 }),
    sqsDataDir: readBoolean(env, 'LOCAL_SQS_PERSIST', fallbacks.sqsPersist ?? false)
      ? readString(env, 'LOCAL_SQS_DATA_DIR', '.cache/local-sqs')
      : undefined,
    queuePrefix: readString(env, 'QUEUE_PREFIX', 'taskforge-local'),
    region: readString(env, 'AWS_REGION', readString(env, 'AWS_DEFAULT_REGION', 'us-east-1')),
    apiKey: readOptionalString(env, 'LOCAL_API_KEY'),
    // ADMIN_TOKEN is the functions' own variable: read by their reader.
    adminToken: opsConfig(env).adminToken,
    tenantName: readString(env, 'LOCAL_TENANT_NAME', 'local-dev'),
    workerTimeoutSeconds: readNumber(env, 'WORKER_TIMEOUT_SECONDS', 120, { min: 20, max: 900 }),
    apiTimeoutSeconds: readNumber(env, 'API_TIMEOUT_SECONDS', 29, { min: 1, max: 900 }),
    concurrency: {
      high: readNumber(env, 'LOCAL_CONCURRENCY_HIGH', 8, { min: 1, max: 1000 }),
      medium: readNumber(env, 'LOCAL_CONCURRENCY_MEDIUM', 4, { min: 1, max: 1000 }),
      low: readNumber(env, 'LOCAL_CONCURRENCY_LOW', 2, { min: 1, max: 1000 }),
    },
    batchSize: readNumber(env, 'LOCAL_BATCH_SIZE', 10, { min: 1, max: 10 }),
    pollWaitSeconds: readNumber(env, 'LOCAL_POLL_WAIT_SECONDS', 1, { min: 0, max: 20 }),
    relayIdleWaitMs: relayConfig(env, { idleWaitMs: LOCAL_FALLBACKS.relayIdleWaitMs }).idleWaitMs,
    relayWakeOnSubmit: readBoolean(env, 'RELAY_WAKE_ON_SUBMIT', true),
    sweeperIntervalSeconds: readNumber(env, 'SWEEPER_INTERVAL_SECONDS', 10, { min: 1, max: 86_400 }),
    maxRequestBytes: readNumber(env, 'LOCAL_MAX_REQUEST_BYTES', 10 * 1024 * 1024, {
      min: 1024,
      max: 100 * 1024 * 1024,
    }),
    metrics: readBoolean(env, 'LOCAL_METRICS', false),
  };
}
