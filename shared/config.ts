/**
 * Typed configuration readers. Each function reads one concern from the environment, fails fast
 * naming the variable that is wrong, and is called at cold start by the function that needs it.
 * Nothing deeper in the domain reads `process.env`.
 */
import { ConfigError } from './errors.ts';

type Env = Record<string, string | undefined>;

export function readString(env: Env, name: string, fallback?: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    if (fallback !== undefined) return fallback;
    throw new ConfigError(`${name} is required`);
  }
  return value;
}

export function readOptionalString(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function readNumber(
  env: Env,
  name: string,
  fallback: number,
  range?: { min?: number; max?: number },
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new ConfigError(`${name} must be a number, got "${raw}"`);
  if (range?.min !== undefined && value < range.min) throw new ConfigError(`${name} must be >= ${range.min}`);
  if (range?.max !== undefined && value > range.max) throw new ConfigError(`${name} must be <= ${range.max}`);
  return value;
}

export function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export type DbDriver = 'pg' | 'data-api';

export interface DatabaseConfig {
  driver: DbDriver;
  /** PostgreSQL connection string, used by the `pg` driver. */
  url: string;
  /** Pool size of the `pg` driver. */
  poolSize: number;
  /** Aurora cluster and secret, used by the `data-api` driver. */
  resourceArn?: string;
  secretArn?: string;
  databaseName?: string;
  /**
   * How long an adapter keeps retrying failures that mean the database cannot be reached (no
   * connection, resuming from 0 ACU, unavailable) before it throws DatabaseUnavailableError.
   * Long enough for Aurora to resume, short enough that the API answers 503 within its timeout.
   */
  unavailableRetryBudgetMs: number;
}

/** `DB_UNAVAILABLE_RETRY_BUDGET_MS`, the default of both adapters when the caller does not say. */
export function dbUnavailableRetryBudgetMs(env: Env = process.env): number {
  return readNumber(env, 'DB_UNAVAILABLE_RETRY_BUDGET_MS', 25_000, { min: 0, max: 900_000 });
}

export function databaseConfig(env: Env = process.env): DatabaseConfig {
  const driver = readString(env, 'DB_DRIVER', 'pg');
  if (driver !== 'pg' && driver !== 'data-api') throw new ConfigError('DB_DRIVER must be "pg" or "data-api"');
  return {
    driver,
    url: readString(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/taskforge'),
    poolSize: readNumber(env, 'DB_POOL_SIZE', 10, { min: 1, max: 200 }),
    resourceArn: readOptionalString(env, 'DB_CLUSTER_ARN'),
    secretArn: readOptionalString(env, 'DB_SECRET_ARN'),
    databaseName: readOptionalString(env, 'DB_NAME'),
    unavailableRetryBudgetMs: dbUnavailableRetryBudgetMs(env),
  };
}

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface QueueConfig {
  /** Queue URL per priority. */
  urls: Record<Priority, string>;
  /** Dead-letter queue URL per priority. */
  dlqUrls: Record<Priority, string>;
}

export function queueConfig(env: Env = process.env): QueueConfig {
  return {
    urls: {
      high: readString(env, 'QUEUE_URL_HIGH'),
      medium: readString(env, 'QUEUE_URL_MEDIUM'),
      low: readString(env, 'QUEUE_URL_LOW'),
    },
    dlqUrls: {
      high: readString(env, 'DLQ_URL_HIGH'),
      medium: readString(env, 'DLQ_URL_MEDIUM'),
      low: readString(env, 'DLQ_URL_LOW'),
    },
  };
}

export interface TaskDefaults {
  maxAttempts: number;
  /** Upper bound a client may ask for; the queues' maxReceiveCount sits above it. */
  maxAttemptsLimit: number;
  /** Interruptions (the worker vanished mid-attempt) a task survives before it fails. */
  maxInterruptions: number;
  /** Upper bound a client may ask for. */
  maxInterruptionsLimit: number;
  backoffBaseSeconds: number;
  backoffCapSeconds: number;
  timeoutSeconds: number;
  /** Longest task timeout a client may ask for: must fit in the worker function's timeout. */
  maxTimeoutSeconds: number;
  /** Largest serialized payload accepted, in bytes. */
  maxPayloadBytes: number;
}

export function taskDefaults(env: Env = process.env): TaskDefaults {
  return {
    maxAttempts: readNumber(env, 'TASK_DEFAULT_MAX_ATTEMPTS', 4, { min: 1, max: 20 }),
    maxAttemptsLimit: 20,
    maxInterruptions: readNumber(env, 'TASK_DEFAULT_MAX_INTERRUPTIONS', 3, { min: 0, max: 20 }),
    maxInterruptionsLimit: 20,
    backoffBaseSeconds: readNumber(env, 'TASK_DEFAULT_BACKOFF_BASE_SECONDS', 2, { min: 0, max: 3600 }),
    backoffCapSeconds: readNumber(env, 'TASK_DEFAULT_BACKOFF_CAP_SECONDS', 900, { min: 0, max: 43_200 }),
    timeoutSeconds: readNumber(env, 'TASK_DEFAULT_TIMEOUT_SECONDS', 60, { min: 1, max: 900 }),
    maxTimeoutSeconds: readNumber(env, 'TASK_MAX_TIMEOUT_SECONDS', 840, { min: 1, max: 900 }),
    maxPayloadBytes: readNumber(env, 'MAX_PAYLOAD_BYTES', 256 * 1024, { min: 1024, max: 1024 * 1024 }),
  };
}

/**
 * The queues' visibility timeout. The CDK stack sets it from the worker's timeout
 * (`visibilityTimeoutFor`); the default is that value for a 15-minute worker.
 */
function queueVisibilityTimeoutSeconds(env: Env): number {
  return readNumber(env, 'QUEUE_VISIBILITY_TIMEOUT_SECONDS', 5400, { min: 1, max: 43_200 });
}

export interface RelayConfig {
  /** Outbox rows claimed per queue per poll; a full batch in any queue makes the relay poll again at once. */
  batchSize: number;
  /** How long a claimed outbox row stays invisible to other relays before it may be sent again. */
  claimLeaseSeconds: number;
  /** Pause after a poll that found less than a full batch. */
  idleWaitMs: number;
  /** How long one scheduled invocation keeps polling (EventBridge starts one every minute). */
  loopSeconds: number;
  /** Stop polling when the invocation has less than this left. */
  stopMarginMs: number;
  /** Send `MessageGroupId` = tenant id on the standard queues (SQS fair queues). */
  fairQueues: boolean;
}

export function relayConfig(env: Env = process.env): RelayConfig {
  return {
    batchSize: readNumber(env, 'RELAY_BATCH_SIZE', 100, { min: 1, max: 1000 }),
    claimLeaseSeconds: readNumber(env, 'RELAY_CLAIM_LEASE_SECONDS', 30, { min: 1, max: 900 }),
    idleWaitMs: readNumber(env, 'RELAY_IDLE_WAIT_MS', 1000, { min: 0, max: 60_000 }),
    loopSeconds: readNumber(env, 'RELAY_LOOP_SECONDS', 55, { min: 1, max: 900 }),
    stopMarginMs: readNumber(env, 'RELAY_STOP_MARGIN_MS', 3000, { min: 0, max: 60_000 }),
    fairQueues: readBoolean(env, 'RELAY_FAIR_QUEUES', true),
  };
}

export interface WorkerConfig {
  /**
   * Added to a task's timeout to form its lease, covering the time to record the outcome. The
   * claimed message stays hidden exactly that long, so it also bounds how late a task whose
   * worker died runs again: timeout + this margin.
   */
  leaseMarginSeconds: number;
  /**
   * How long after the claim the batch's messages are hidden until their leases end. Until then
   * they keep the queue's visibility timeout; a batch that finishes sooner (most do) needs no
   * SQS call for it.
   */
  claimVisibilityDelayMs: number;
  /** Kept free at the end of an invocation for the completion statement and SQS calls. */
  safetyMarginMs: number;
  /** Below this remaining time a batch is not claimed at all; every record goes back to the queue. */
  minRemainingMs: number;
  /** How often a running task extends its message's visibility and its lease. */
  heartbeatSeconds: number;
}

export function workerConfig(env: Env = process.env): WorkerConfig {
  // A third of the visibility timeout leaves two missed heartbeats before the message reappears.
  const visibility = queueVisibilityTimeoutSeconds(env);
  return {
    leaseMarginSeconds: readNumber(env, 'WORKER_LEASE_MARGIN_SECONDS', 15, { min: 0, max: 3600 }),
    claimVisibilityDelayMs: readNumber(env, 'WORKER_CLAIM_VISIBILITY_DELAY_MS', 1000, {
      min: 0,
      max: 60_000,
    }),
    safetyMarginMs: readNumber(env, 'WORKER_SAFETY_MARGIN_MS', 5000, { min: 0, max: 120_000 }),
    minRemainingMs: readNumber(env, 'WORKER_MIN_REMAINING_MS', 10_000, { min: 0, max: 900_000 }),
    heartbeatSeconds: readNumber(
      env,
      'WORKER_HEARTBEAT_SECONDS',
      Math.max(1, Math.min(30, Math.floor(visibility / 3))),
      { min: 1, max: 3600 },
    ),
  };
}

export interface SweeperConfig {
  /**
   * How long after a lease expired the sweeper runs the task again itself. The task's message is
   * hidden until the lease ends and then brings it back to a worker; the sweeper is for messages
   * that are gone or still hidden (the worker died before it could shorten their visibility).
   */
  leaseGraceSeconds: number;
  /**
   * A QUEUED or RETRYING task due this long without a worker claiming it is published again (its
   * message was lost: purged, expired, or hidden by a worker that died before claiming it).
   */
  republishAfterSeconds: number;
  /** Rows changed or deleted per statement. */
  batchSize: number;
  /**
   * Visibility timeout of dead-letter messages read for reconciliation: long enough that one run
   * does not read the same message twice, short enough that operators and redrive see them again soon.
   */
  dlqVisibilityTimeoutSeconds: number;
  /** ReceiveMessage calls (10 messages each) per dead-letter queue per run. */
  dlqReceiveCalls: number;
  /** Terminal tasks are deleted this long after they finished. */
  retentionDays: number;
  /** Upper bound on one run's work; the handler also stops before the invocation's own timeout. */
  timeBudgetMs: number;
}

export function sweeperConfig(env: Env = process.env): SweeperConfig {
  return {
    leaseGraceSeconds: readNumber(env, 'SWEEPER_LEASE_GRACE_SECONDS', 5, { min: 0, max: 86_400 }),
    republishAfterSeconds: readNumber(env, 'SWEEPER_REPUBLISH_AFTER_SECONDS', 60, { min: 1, max: 86_400 }),
    batchSize: readNumber(env, 'SWEEPER_BATCH_SIZE', 500, { min: 1, max: 10_000 }),
    dlqVisibilityTimeoutSeconds: readNumber(env, 'SWEEPER_DLQ_VISIBILITY_TIMEOUT_SECONDS', 30, {
      min: 0,
      max: 43_200,
    }),
    dlqReceiveCalls: readNumber(env, 'SWEEPER_DLQ_RECEIVE_CALLS', 5, { min: 0, max: 100 }),
    retentionDays: readNumber(env, 'TASK_RETENTION_DAYS', 30, { min: 0, max: 3650 }),
    timeBudgetMs: readNumber(env, 'SWEEPER_TIME_BUDGET_MS', 45_000, { min: 1000, max: 900_000 }),
  };
}

export interface WebhookConfig {
  /** Let webhooks reach loopback and private addresses (local development and tests only). */
  allowPrivateNetworks: boolean;
}

export function webhookConfig(env: Env = process.env): WebhookConfig {
  return { allowPrivateNetworks: readBoolean(env, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS', false) };
}

export interface ApiConfig {
  /** How long a successful API key lookup is cached in-process; 0 disables the cache. */
  authCacheTtlSeconds: number;
  /** Largest request body accepted, in bytes (checked before parsing). */
  maxBodyBytes: number;
  /** Time budget of each `GET /healthz` check. */
  healthCheckTimeoutMs: number;
}

export function apiConfig(env: Env = process.env): ApiConfig {
  return {
    authCacheTtlSeconds: readNumber(env, 'AUTH_CACHE_TTL_SECONDS', 30, { min: 0, max: 3600 }),
    maxBodyBytes: readNumber(env, 'API_MAX_BODY_BYTES', 1024 * 1024, { min: 1024, max: 10 * 1024 * 1024 }),
    healthCheckTimeoutMs: readNumber(env, 'HEALTH_CHECK_TIMEOUT_MS', 2000, { min: 50, max: 30_000 }),
  };
}

export interface RedisConfig {
  /** `redis://` or `rediss://` (TLS) URL of the edge Redis (ElastiCache in AWS). */
  url: string;
  /** TLS on the connection: forced by `rediss://`, or REDIS_TLS=true (ElastiCache in-transit encryption). */
  tls: boolean;
  /** Prefix of every key this service writes (see `redisKey`), so environments and tests can share a server. */
  keyPrefix: string;
  /** Budget of one command, and of the wait for a connection that is still being set up. */
  commandTimeoutMs: number;
  /** Socket connect timeout of a (re)connection attempt, which runs in the background. */
  connectTimeoutMs: number;
  /** After a connection error or timeout, Redis is skipped (degraded) this long before it is tried again. */
  breakerCooldownMs: number;
}

export function redisConfig(env: Env = process.env): RedisConfig {
  const url = readString(env, 'REDIS_URL', 'redis://127.0.0.1:6379');
  if (!/^rediss?:\/\//.test(url)) throw new ConfigError('REDIS_URL must start with redis:// or rediss://');
  return {
    url,
    tls: url.startsWith('rediss://') || readBoolean(env, 'REDIS_TLS', false),
    keyPrefix: readString(env, 'REDIS_KEY_PREFIX', 'tf'),
    commandTimeoutMs: readNumber(env, 'REDIS_COMMAND_TIMEOUT_MS', 50, { min: 5, max: 10_000 }),
    connectTimeoutMs: readNumber(env, 'REDIS_CONNECT_TIMEOUT_MS', 1000, { min: 10, max: 30_000 }),
    breakerCooldownMs: readNumber(env, 'REDIS_BREAKER_COOLDOWN_MS', 1000, { min: 0, max: 60_000 }),
  };
}

export type RateLimitFailMode = 'open' | 'closed';

export interface EdgeConfig {
  /** Master switch of the Redis edge checks (idempotency fast path, rate limits, status cache). */
  enabled: boolean;
  /** How long a completed Idempotency-Key record (status, headers, body) is replayed. */
  idempotencyTtlSeconds: number;
  /** Lifetime of an in-flight record: a request that crashed releases its key after this long. */
  idempotencyLockSeconds: number;
  /** Token-bucket defaults for tenants whose rate_limit_per_second / rate_limit_burst are NULL. */
  defaultRatePerSecond: number;
  defaultBurst: number;
  /** Failed authentications allowed per source IP: refill rate and bucket size. */
  authFailureRatePerSecond: number;
  authFailureBurst: number;
  /** Redis unreachable: `open` lets requests through (logged, counted), `closed` answers 503. */
  rateLimitFailMode: RateLimitFailMode;
  /** How long a terminal task's representation is cached; 0 turns the status cache off. */
  statusCacheTtlSeconds: number;
}

export function edgeConfig(env: Env = process.env): EdgeConfig {
  const failMode = readString(env, 'RATE_LIMIT_FAIL_MODE', 'open');
  if (failMode !== 'open' && failMode !== 'closed') {
    throw new ConfigError('RATE_LIMIT_FAIL_MODE must be "open" or "closed"');
  }
  return {
    enabled: readBoolean(env, 'EDGE_PROTECTION', true),
    idempotencyTtlSeconds: readNumber(env, 'IDEMPOTENCY_TTL_SECONDS', 86_400, { min: 1, max: 30 * 86_400 }),
    idempotencyLockSeconds: readNumber(env, 'IDEMPOTENCY_LOCK_SECONDS', 30, { min: 1, max: 900 }),
    defaultRatePerSecond: readNumber(env, 'DEFAULT_RATE_LIMIT_PER_SECOND', 50, {
      min: 0.001,
      max: 1_000_000,
    }),
    defaultBurst: readNumber(env, 'DEFAULT_RATE_LIMIT_BURST', 100, { min: 1, max: 1_000_000 }),
    authFailureRatePerSecond: readNumber(env, 'AUTH_FAILURE_RATE_LIMIT_PER_SECOND', 1, {
      min: 0.001,
      max: 1_000_000,
    }),
    authFailureBurst: readNumber(env, 'AUTH_FAILURE_RATE_LIMIT_BURST', 20, { min: 1, max: 1_000_000 }),
    rateLimitFailMode: failMode,
    statusCacheTtlSeconds: readNumber(env, 'STATUS_CACHE_TTL_SECONDS', 300, { min: 0, max: 86_400 }),
  };
}
