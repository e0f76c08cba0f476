/**
 * The migrate Lambda, run by a CDK Trigger during `cdk deploy` (after the database is up, before
 * the deploy completes; a failure fails the deploy). It applies the numbered SQL migrations
 * through the RDS Data API with the same runner as tests and the local runtime, then makes sure
 * the first tenant owns the API key generated into Secrets Manager at deploy, storing only its
 * SHA-256 hash. Running it again changes nothing.
 *
 * Environment: the Data API settings (`DB_*`, set by the stack), `MIGRATIONS_DIR` (the SQL files
 * shipped next to the bundle), `FIRST_API_KEY_SECRET_ARN`, `FIRST_TENANT_NAME` and
 * `OPERATOR_TOKEN_SECRET_ARN` (the admin operator token, of which only the hash is stored).
 */
import { databaseConfig } from '../../shared/config/database.ts';
import { migrateConfig } from '../../shared/config/migrate.ts';
import { createDatabase } from '../../shared/db/connect.ts';
import { loadMigrations } from '../../shared/db/migrate.ts';
import { logger } from '../../shared/observability.ts';
import { type MigrateStepResult, runMigrateStep } from './migrate-step.ts';
import { readSecretString } from './secret.ts';

export const handler = async (): Promise<MigrateStepResult> => {
  const config = migrateConfig();
  const secretArn = config.firstApiKeySecretArn;
  const operatorSecretArn = config.operatorTokenSecretArn;
  const db = createDatabase(databaseConfig());
  try {
    const result = await runMigrateStep({
      db,
      migrations: await loadMigrations(config.migrationsDir),
      tenantName: config.firstTenantName,
      ...(secretArn ? { readFirstApiKey: () => readSecretString(secretArn) } : {}),
      ...(operatorSecretArn ? { readOperatorToken: () => readSecretString(operatorSecretArn) } : {}),
    });
    logger.info('migrate: done', { ...result });
    return result;
  } catch (err) {
    logger.error('migrate: failed', { error: err as Error });
    throw err;
  } finally {
    await db.close();
  }
};
