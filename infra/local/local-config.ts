/**
 * Settings of the local runtime (`npm run local`, the e2e tests and the benchmark), read from the
 * environment with the same typed readers as the Lambda functions. Every value has a default that
 * works on a developer machine with PostgreSQL on localhost; see infra/local/README.md.
 */
import {
  type DbDriver,
  databaseConfig,
  type Priority,
  readBoolean,
  readNumber,
  readOptionalString,
  readString,
} from '../../shared/config.ts';

type Env = Record<string, string | undefined>;

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
}

export function localConfig(env: Env = process.env): LocalConfig {
  return {
    port: readNumber(env, 'PORT', 3000, { min: 0, max: 65_535 }),
    host: readString(env, 'HOST', '127.0.0.1'),
    databaseUrl: readString(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/taskforge'),
    dbDriver: databaseConfig(env).driver,
    dbPoolSize: readNumber(env, 'DB_POOL_SIZE', 20, { min: 2, max: 200 }),
    redisUrl: readString(env, 'REDIS_URL', 'redis://127.0.0.1:6379'),
    sqsEndpoint: readOptionalString(env, 'SQS_ENDPOINT'),
    sqsPort: readNumber(env, 'SQS_PORT', 0, { min: 0, max: 65_535 }),
    sqsDataDir: readBoolean(env, 'LOCAL_SQS_PERSIST', false)
      ? readString(env, 'LOCAL_SQS_DATA_DIR', '.cache/local-sqs')
      : undefined,
    queuePrefix: readString(env, 'QUEUE_PREFIX', 'taskforge-local'),
    region: readString(env, 'AWS_REGION', readString(env, 'AWS_DEFAULT_REGION', 'us-east-1')),
    apiKey: readOptionalString(env, 'LOCAL_API_KEY'),
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
    relayIdleWaitMs: readNumber(env, 'RELAY_IDLE_WAIT_MS', 100, { min: 0, max: 60_000 }),
    relayWakeOnSubmit: readBoolean(env, 'RELAY_WAKE_ON_SUBMIT', true),
    sweeperIntervalSeconds: readNumber(env, 'SWEEPER_INTERVAL_SECONDS', 10, { min: 1, max: 86_400 }),
    maxRequestBytes: readNumber(env, 'LOCAL_MAX_REQUEST_BYTES', 10 * 1024 * 1024, {
      min: 1024,
      max: 100 * 1024 * 1024,
    }),
  };
}
