/**
 * Tenants and API keys. Keys are random, shown once, and stored only as a SHA-256 hash; a
 * request's key is hashed and looked up by that hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import { toDateOrNull, toNumber } from '../db/rows.ts';
import { uuidv7 } from '../ids.ts';

export interface Tenant {
  id: string;
  name: string;
  rateLimitPerSecond: number | null;
  rateLimitBurst: number | null;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new key: `tf_` and 32 random bytes in base64url (256 bits of entropy). */
export function generateApiKey(): string {
  return `tf_${randomBytes(32).toString('base64url')}`;
}

export async function createTenant(db: Executor, name: string, id = uuidv7()): Promise<Tenant> {
  await db.query('INSERT INTO tenants (id, name) VALUES (:id::uuid, :name)', { id, name });
  return { id, name, rateLimitPerSecond: null, rateLimitBurst: null };
}

/**
 * Sets the tenant's token bucket (`rateLimitPerSecond` tokens per second, `rateLimitBurst` at
 * most); null falls back to DEFAULT_RATE_LIMIT_PER_SECOND / DEFAULT_RATE_LIMIT_BURST. API
 * instances see the change once their cached lookup of the key expires (AUTH_CACHE_TTL_SECONDS).
 */
export async function setTenantRateLimits(
  db: Executor,
  tenantId: string,
  limits: { rateLimitPerSecond: number | null; rateLimitBurst: number | null },
): Promise<void> {
  await db.query(
    `UPDATE tenants SET rate_limit_per_second = :perSecond::double precision, rate_limit_burst = :burst::integer
      WHERE id = :tenantId::uuid`,
    { tenantId, perSecond: limits.rateLimitPerSecond, burst: limits.rateLimitBurst },
  );
}

/** Stores the hash of `key` for the tenant. Idempotent for the same key. */
export async function addApiKey(db: Executor, tenantId: string, key: string, name = ''): Promise<void> {
  await db.query(
    `INSERT INTO api_keys (id, tenant_id, key_hash, prefix, name)
     VALUES (:id::uuid, :tenantId::uuid, :keyHash, :prefix, :name)
     ON CONFLICT (key_hash) DO NOTHING`,
    { id: uuidv7(), tenantId, keyHash: hashApiKey(key), prefix: key.slice(0, 8), name },
  );
}

/** An API key that may be used now (not revoked, not expired), with the tenant that owns it. */
export interface ActiveApiKey {
  tenant: Tenant;
  keyId: string;
  /** When the key stops working (a rotated key's grace period ends); null: never. */
  expiresAt: Date | null;
}

/** The key with this hash when it may be used now (not revoked, not expired), or null. */
export async function findActiveApiKey(db: Executor, keyHash: string): Promise<ActiveApiKey | null> {
  const { rows } = await db.query(
    `SELECT t.id, t.name, t.rate_limit_per_second, t.rate_limit_burst, k.id AS key_id, k.expires_at
       FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
      WHERE k.key_hash = :keyHash AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`,
    { keyHash },
  );
  const row = rows[0];
  if (!row) return null;
  return {
    tenant: {
      id: String(row.id),
      name: String(row.name),
      rateLimitPerSecond: row.rate_limit_per_second === null ? null : toNumber(row.rate_limit_per_second),
      rateLimitBurst: row.rate_limit_burst === null ? null : toNumber(row.rate_limit_burst),
    },
    keyId: String(row.key_id),
    expiresAt: toDateOrNull(row.expires_at),
  };
}

/** The tenant owning a key with this hash, whatever the key's status (revoked, expired), or null. */
export async function findKeyOwner(db: Executor, keyHash: string): Promise<Tenant | null> {
  const { rows } = await db.query(
    `SELECT t.id, t.name, t.rate_limit_per_second, t.rate_limit_burst
       FROM api_keys k JOIN tenants t ON t.id = k.tenant_id WHERE k.key_hash = :keyHash`,
    { keyHash },
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: String(row.id),
    name: String(row.name),
    rateLimitPerSecond: row.rate_limit_per_second === null ? null : toNumber(row.rate_limit_per_second),
    rateLimitBurst: row.rate_limit_burst === null ? null : toNumber(row.rate_limit_burst),
  };
}

/**
 * The tenant that owns `key`, creating tenant and key if the key is unknown (the local dev
 * tenant, the deploy's first tenant). A key revoked or expired through the admin API stays so:
 * its tenant is returned as it is, and no second tenant is created for it.
 */
export async function ensureTenantWithKey(db: Executor, name: string, key: string): Promise<Tenant> {
  const existing = await findKeyOwner(db, hashApiKey(key));
  if (existing) return existing;
  const tenant = await createTenant(db, name);
  await addApiKey(db, tenant.id, key, 'initial');
  return (await findKeyOwner(db, hashApiKey(key))) ?? tenant;
}
