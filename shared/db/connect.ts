import type { DatabaseConfig } from '../config/database.ts';
import { ConfigError } from '../errors.ts';
import { DataApiDatabase } from './data-api-database.ts';
import type { Database } from './database.ts';
import { PgDatabase } from './pg-database.ts';

/**
 * Creates the adapter the configuration names. With `DB_DRIVER=data-api` the SDK finds its
 * endpoint itself: the regional one in AWS, or `AWS_ENDPOINT_URL_RDS_DATA` (else
 * `AWS_ENDPOINT_URL`) locally, e.g. the emulator in infra/local/data-api/server.ts.
 */
export function createDatabase(config: DatabaseConfig): Database {
  const unavailableRetryBudgetMs = config.unavailableRetryBudgetMs;
  if (config.driver === 'pg')
    return new PgDatabase(config.url, config.poolSize, { unavailableRetryBudgetMs });
  if (!config.resourceArn) throw new ConfigError('DB_CLUSTER_ARN is required when DB_DRIVER=data-api');
  if (!config.secretArn) throw new ConfigError('DB_SECRET_ARN is required when DB_DRIVER=data-api');
  return new DataApiDatabase({
    resourceArn: config.resourceArn,
    secretArn: config.secretArn,
    database: config.databaseName,
    unavailableRetryBudgetMs,
  });
}
