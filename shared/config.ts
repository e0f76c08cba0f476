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
    backoffBaseSeconds: readNumber(env, 'TASK_DEFAULT_BACKOFF_BASE_SECONDS', 2, { min: 0, max: 3600 }),
    backoffCapSeconds: readNumber(env, 'TASK_DEFAULT_BACKOFF_CAP_SECONDS', 900, { min: 0, max: 43_200 }),
    timeoutSeconds: readNumber(env, 'TASK_DEFAULT_TIMEOUT_SECONDS', 60, { min: 1, max: 900 }),
    maxTimeoutSeconds: readNumber(env, 'TASK_MAX_TIMEOUT_SECONDS', 840, { min: 1, max: 900 }),
    maxPayloadBytes: readNumber(env, 'MAX_PAYLOAD_BYTES', 256 * 1024, { min: 1024, max: 1024 * 1024 }),
  };
}
