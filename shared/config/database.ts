/** How the functions reach PostgreSQL: the driver, its connection and its retry budget. */
import { ConfigError } from '../errors.ts';
import { type Env, readNumber, readOptionalString, readString } from './env.ts';

export type DbDriver = 'pg' | 'data-api';

export interface DatabaseConfig {
  driver: DbDriver;
  /** PostgreSQL connection string, used by the `pg` driver. */
  url: string;
  /** Whether DATABASE_URL was set (false: `url` is the caller's fallback or the default). */
  urlSet: boolean;
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

/**
 * @param fallbacks defaults of the caller for variables that are not set (the local runtime's
 *   pool is shared by every function, so it asks for a larger one, and its database belongs to
 *   the checkout)
 */
export function databaseConfig(
  env: Env = process.env,
  fallbacks: { poolSize?: number; url?: string } = {},
): DatabaseConfig {
  const url = readOptionalString(env, 'DATABASE_URL');
  const driver = readString(env, 'DB_DRIVER', 'pg');
  if (driver !== 'pg' && driver !== 'data-api') throw new ConfigError('DB_DRIVER must be "pg" or "data-api"');
  return {
    driver,
    url: url ?? fallbacks.url ?? 'postgres://postgres@127.0.0.1:5432/taskforge',
    urlSet: url !== undefined,
    poolSize: readNumber(env, 'DB_POOL_SIZE', fallbacks.poolSize ?? 10, { min: 1, max: 200 }),
    resourceArn: readOptionalString(env, 'DB_CLUSTER_ARN'),
    secretArn: readOptionalString(env, 'DB_SECRET_ARN'),
    databaseName: readOptionalString(env, 'DB_NAME'),
    unavailableRetryBudgetMs: dbUnavailableRetryBudgetMs(env),
  };
}
