/** The edge Redis and the checks that use it (idempotency fast path, rate limits, status cache). */
import { ConfigError } from '../errors.ts';
import { type Env, readBoolean, readNumber, readString } from './env.ts';

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
