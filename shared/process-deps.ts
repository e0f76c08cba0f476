/**
 * The process-wide dependencies of the functions, in one holder: the database, the SQS and Redis
 * clients and every setting read from the environment. Each is created on first use from the
 * environment, as a Lambda cold start does; the local runtime and tests set values instead
 * (`configureProcessDeps`), and `resetProcessDeps` forgets them all.
 *
 * Per-request state never lives here: the local runtime serves requests concurrently in one
 * process (see `http/request.ts`).
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Redis } from 'ioredis';
import { type ApiConfig, apiConfig, type OpsConfig, opsConfig } from './config/api.ts';
import { databaseConfig } from './config/database.ts';
import { type EdgeConfig, edgeConfig, type RedisConfig, redisConfig } from './config/edge.ts';
import { type QueueConfig, queueConfig, sqsEndpoint } from './config/queues.ts';
import { type RelayConfig, relayConfig } from './config/relay.ts';
import { type SweeperConfig, sweeperConfig } from './config/sweeper.ts';
import { type TaskDefaults, taskDefaults } from './config/tasks.ts';
import { type WorkerConfig, workerConfig } from './config/worker.ts';
import { createDatabase } from './db/connect.ts';
import type { Database } from './db/database.ts';

export interface ProcessDeps {
  database: Database;
  sqs: SQSClient;
  /** The edge Redis client; null when edge protection is off. */
  redis: Redis | null;
  /** Prefix of every Redis key (`redisKey`); REDIS_KEY_PREFIX unless set (tests use one per file). */
  redisKeyPrefix: string;
  /** Milliseconds clock of the rate limiter; undefined means Redis's own `TIME` (tests inject one). */
  edgeClock: (() => number) | undefined;
  /**
   * Aborted by a forced stop of the process's workers (`stopRunningAttempts`); each worker
   * invocation reads its signal when it starts.
   */
  attemptStop: AbortController;
  queues: QueueConfig;
  taskDefaults: TaskDefaults;
  edgeConfig: EdgeConfig;
  redisConfig: RedisConfig;
  apiConfig: ApiConfig;
  opsConfig: OpsConfig;
  relayConfig: RelayConfig;
  workerConfig: WorkerConfig;
  sweeperConfig: SweeperConfig;
}

/** What has been created or set so far; an undefined entry is created on first use. */
let deps: Partial<ProcessDeps> = {};

/**
 * The entry for `key`, created by `create` on first use. Exported for holders that live beside
 * this module so that their library stays out of bundles that never use it (`edge/edge-redis.ts`).
 */
export function memo<K extends keyof ProcessDeps>(key: K, create: () => ProcessDeps[K]): ProcessDeps[K] {
  if (deps[key] === undefined) deps[key] = create();
  return deps[key] as ProcessDeps[K];
}

export function getDatabase(): Database {
  return memo('database', () => createDatabase(databaseConfig()));
}

/**
 * The SQS client. Locally `AWS_ENDPOINT_URL_SQS` points it at the emulator; queue URLs are then not used as endpoints, because the emulator's URL host does not
 * resolve. The local runtime and tests set their own client.
 */
export function getSqs(): SQSClient {
  return memo('sqs', () => {
    const endpoint = sqsEndpoint();
    return new SQSClient(endpoint ? { endpoint, useQueueUrlAsEndpoint: false } : {});
  });
}

export function getRedisKeyPrefix(): string {
  return memo('redisKeyPrefix', () => getRedisConfig().keyPrefix);
}

export function getEdgeClock(): (() => number) | undefined {
  return deps.edgeClock;
}

export function getAttemptStop(): AbortController {
  return memo('attemptStop', () => new AbortController());
}

export function getQueueConfig(): QueueConfig {
  return memo('queues', () => queueConfig());
}

export function getTaskDefaults(): TaskDefaults {
  return memo('taskDefaults', () => taskDefaults());
}

export function getEdgeConfig(): EdgeConfig {
  return memo('edgeConfig', () => edgeConfig());
}

export function getRedisConfig(): RedisConfig {
  return memo('redisConfig', () => redisConfig());
}

export function getApiConfig(): ApiConfig {
  return memo('apiConfig', () => apiConfig());
}

export function getOpsConfig(): OpsConfig {
  return memo('opsConfig', () => opsConfig());
}

export function getRelayConfig(): RelayConfig {
  return memo('relayConfig', () => relayConfig());
}

export function getWorkerConfig(): WorkerConfig {
  return memo('workerConfig', () => workerConfig());
}

export function getSweeperConfig(): SweeperConfig {
  return memo('sweeperConfig', () => sweeperConfig());
}

/**
 * Sets values instead of reading them from the environment (the local runtime, tests). Keys left
 * out keep what they have; a key set to undefined is read from the environment again on its next
 * use (`edgeClock: undefined` goes back to Redis `TIME`). Nothing replaced is closed.
 *
 * @example
 * configureProcessDeps({ database: testDb.db, redis: null }); // no edge protection in this test
 */
export function configureProcessDeps(values: Partial<ProcessDeps>): void {
  deps = { ...deps, ...values };
}

/** Closes what it created or was given (database, Redis, SQS) and forgets everything. */
export async function resetProcessDeps(): Promise<void> {
  const { database, redis, sqs } = deps;
  deps = {};
  redis?.disconnect();
  sqs?.destroy();
  await database?.close();
}
