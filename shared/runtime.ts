/**
 * Process-wide dependencies of the Lambda handlers, created on first use from the environment
 * (as a Lambda cold start does) and replaceable by the local runtime and tests.
 */
import type { Redis } from 'ioredis';
import {
  databaseConfig,
  type EdgeConfig,
  edgeConfig,
  type QueueConfig,
  queueConfig,
  redisConfig,
  type TaskDefaults,
  taskDefaults,
} from './config.ts';
import { createDatabase } from './db/connect.ts';
import type { Database } from './db/database.ts';
import { connectEarly, createRedisClient, setRedisKeyPrefix } from './redis/redis-client.ts';

let database: Database | undefined;
let queues: QueueConfig | undefined;
let defaults: TaskDefaults | undefined;
let edge: EdgeConfig | undefined;
/** undefined: not created yet; null: edge protection is off. */
let redis: Redis | null | undefined;
let edgeClock: (() => number) | undefined;

export function getDatabase(): Database {
  database ??= createDatabase(databaseConfig());
  return database;
}

export function getQueueConfig(): QueueConfig {
  queues ??= queueConfig();
  return queues;
}

export function getTaskDefaults(): TaskDefaults {
  defaults ??= taskDefaults();
  return defaults;
}

export function getEdgeConfig(): EdgeConfig {
  edge ??= edgeConfig();
  return edge;
}

/**
 * The edge Redis client (idempotency fast path, rate limits, status cache), created on first use
 * and connecting lazily; null when EDGE_PROTECTION is off. See `shared/redis/redis-client.ts`.
 */
export function getRedis(): Redis | null {
  if (redis === undefined) {
    if (getEdgeConfig().enabled) {
      const config = redisConfig();
      setRedisKeyPrefix(config.keyPrefix);
      redis = createRedisClient(config);
      connectEarly(redis);
    } else {
      redis = null;
    }
  }
  return redis;
}

/** Milliseconds clock of the rate limiter; undefined means Redis's own `TIME` (tests inject one). */
export function getEdgeClock(): (() => number) | undefined {
  return edgeClock;
}

/** Overrides for the local runtime and tests; anything not given is read from the environment. */
export function configureRuntime(overrides: {
  database?: Database;
  queues?: QueueConfig;
  taskDefaults?: TaskDefaults;
  edgeConfig?: EdgeConfig;
  /** A client from `createRedisClient`, or null to run without edge protection. */
  redis?: Redis | null;
  /** Key prefix of `redisKey`, e.g. one per test file. */
  redisKeyPrefix?: string;
  /** Clock of the rate limiter (ms); null goes back to Redis `TIME`. */
  edgeClock?: (() => number) | null;
}): void {
  if (overrides.database) database = overrides.database;
  if (overrides.queues) queues = overrides.queues;
  if (overrides.taskDefaults) defaults = overrides.taskDefaults;
  if (overrides.edgeConfig) edge = overrides.edgeConfig;
  if (overrides.redis !== undefined) redis = overrides.redis;
  if (overrides.redisKeyPrefix !== undefined) setRedisKeyPrefix(overrides.redisKeyPrefix);
  if (overrides.edgeClock !== undefined) edgeClock = overrides.edgeClock ?? undefined;
}

/** Closes and forgets everything (tests, graceful shutdown). */
export async function resetRuntime(): Promise<void> {
  const db = database;
  const client = redis;
  database = undefined;
  queues = undefined;
  defaults = undefined;
  edge = undefined;
  redis = undefined;
  edgeClock = undefined;
  client?.disconnect();
  await db?.close();
}
