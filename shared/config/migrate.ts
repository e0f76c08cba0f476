/** The migrate function: where the SQL files are, and the secrets of the first tenant and operator. */
import { DEFAULT_MIGRATIONS_DIR } from '../db/migrate.ts';
import { type Env, readOptionalString, readString } from './env.ts';

export interface MigrateConfig {
  /** The numbered SQL files, shipped next to the bundle. */
  migrationsDir: string;
  firstTenantName: string;
  /** Secrets Manager secret holding the first tenant's API key (only its hash is stored). */
  firstApiKeySecretArn: string | undefined;
  /** Secrets Manager secret holding the admin operator token (only its hash is stored). */
  operatorTokenSecretArn: string | undefined;
}

export function migrateConfig(env: Env = process.env): MigrateConfig {
  return {
    migrationsDir: readString(env, 'MIGRATIONS_DIR', DEFAULT_MIGRATIONS_DIR),
    firstTenantName: readString(env, 'FIRST_TENANT_NAME', 'default'),
    firstApiKeySecretArn: readOptionalString(env, 'FIRST_API_KEY_SECRET_ARN'),
    operatorTokenSecretArn: readOptionalString(env, 'OPERATOR_TOKEN_SECRET_ARN'),
  };
}
