/**
 * What the migrate function does on a deploy, free of Lambda and AWS clients so tests can run it
 * against PostgreSQL: apply pending migrations, then make sure the first tenant exists with the
 * deploy-generated API key. Every part is idempotent, because the trigger runs it again whenever
 * the function or the migrations change.
 */
import type { Database } from '../../shared/db/database.ts';
import { type Migration, migrate } from '../../shared/db/migrate.ts';
import { addOperatorToken } from '../../shared/ops/operator-token-store.ts';
import { ensureTenantWithKey, findKeyOwner, hashApiKey } from '../../shared/tenants/tenant-store.ts';

/** Serializes concurrent first-tenant checks (two deploys of one stage at once). */
const FIRST_TENANT_LOCK_KEY = 7_220_431_002;

export interface MigrateStepInput {
  db: Database;
  migrations: Migration[];
  /** Reads the first API key (from Secrets Manager in AWS); the step skips the tenant without it. */
  readFirstApiKey?: () => Promise<string>;
  /** Name of the tenant that owns the first key. */
  tenantName: string;
  /** Reads the admin operator token (Secrets Manager in AWS); its hash is stored when given. */
  readOperatorToken?: () => Promise<string>;
}

export interface MigrateStepResult {
  /** Versions this run applied (empty when the schema was current). */
  applied: number[];
  firstTenant: 'created' | 'exists' | 'skipped';
  tenantId?: string;
}

/**
 * @example
 * const result = await runMigrateStep({ db, migrations: await loadMigrations(), tenantName: 'default',
 *   readFirstApiKey: () => readSecretString(secretArn) });
 */
export async function runMigrateStep(input: MigrateStepInput): Promise<MigrateStepResult> {
  const applied = await migrate(input.db, input.migrations);
  if (input.readOperatorToken) {
    const token = (await input.readOperatorToken()).trim();
    if (token.length < 32) throw new Error('the operator token secret holds fewer than 32 characters');
    await addOperatorToken(input.db, token, 'admin', 'deploy-generated');
  }
  if (!input.readFirstApiKey) return { applied, firstTenant: 'skipped' };
  const key = (await input.readFirstApiKey()).trim();
  if (key.length < 32) throw new Error('the first API key secret holds fewer than 32 characters');
  return input.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(:key::bigint)', { key: FIRST_TENANT_LOCK_KEY });
    // Revoked through the admin API is still "exists": a deploy must not bring the key back.
    const existing = await findKeyOwner(tx, hashApiKey(key));
    if (existing) return { applied, firstTenant: 'exists', tenantId: existing.id };
    const tenant = await ensureTenantWithKey(tx, input.tenantName, key);
    return { applied, firstTenant: 'created', tenantId: tenant.id };
  });
}
