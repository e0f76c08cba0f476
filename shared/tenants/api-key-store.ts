/**
 * The admin API's statements on API keys: issue, list, revoke and rotate, one statement each.
 * A key's secret never comes back from the database (only its SHA-256 hash is stored); its
 * status is computed by the database's clock, the same clock `findActiveApiKey` checks expiry with.
 */
import type { Executor } from '../db/database.ts';
import { toDate, toDateOrNull } from '../db/rows.ts';
import { uuidv7 } from '../ids.ts';
import { hashApiKey } from './tenant-store.ts';

export type CredentialStatus = 'active' | 'expired' | 'revoked';

/**
 * A credential row's status by the database's clock, as SQL over the row aliased `alias`
 * (api_keys and operator_tokens both have revoked_at and expires_at).
 */
export function credentialStatusSql(alias: string): string {
  return `CASE WHEN ${alias}.revoked_at IS NOT NULL THEN 'revoked'
               WHEN ${alias}.expires_at IS NOT NULL AND ${alias}.expires_at <= now() THEN 'expired'
               ELSE 'active' END`;
}

export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  prefix: string;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: CredentialStatus;
}

/** How many characters of a key are kept to tell keys apart in listings. */
export const KEY_PREFIX_LENGTH = 8;

/** The most keys one listing returns (newest first): a key row is small, but the Data API's response is not unbounded. */
export const MAX_LISTED_KEYS = 1000;

const STATUS = credentialStatusSql('k');
const COLUMNS = `k.id, k.tenant_id, k.prefix, k.name, k.created_at, k.expires_at, k.revoked_at, ${STATUS} AS status`;

function toApiKeyRecord(row: Record<string, unknown>): ApiKeyRecord {
  return {
    id: String(row.id),
    tenantId: String(row.tenant_id),
    prefix: String(row.prefix),
    name: String(row.name),
    createdAt: toDate(row.created_at),
    expiresAt: toDateOrNull(row.expires_at),
    revokedAt: toDateOrNull(row.revoked_at),
    status: String(row.status) as CredentialStatus,
  };
}

/** Stores the hash of `key` for the tenant; null when the tenant does not exist. */
export async function insertApiKey(
  db: Executor,
  tenantId: string,
  key: string,
  options: { name: string; expiresAt: Date | null },
): Promise<ApiKeyRecord | null> {
  const { rows } = await db.query(
    `INSERT INTO api_keys AS k (id, tenant_id, key_hash, prefix, name, expires_at)
     SELECT :id::uuid, t.id, :keyHash, :prefix, :name, :expiresAt::timestamptz FROM tenants t
      WHERE t.id = :tenantId::uuid
     RETURNING ${COLUMNS}`,
    {
      id: uuidv7(),
      tenantId,
      keyHash: hashApiKey(key),
      prefix: key.slice(0, KEY_PREFIX_LENGTH),
      name: options.name,
      expiresAt: options.expiresAt,
    },
  );
  return rows[0] ? toApiKeyRecord(rows[0]) : null;
}

/** The tenant's keys, newest first (at most MAX_LISTED_KEYS); null when the tenant does not exist. */
export async function listApiKeys(db: Executor, tenantId: string): Promise<ApiKeyRecord[] | null> {
  const { rows } = await db.query(
    `SELECT t.id AS owner, ${COLUMNS}
       FROM tenants t
       LEFT JOIN LATERAL (SELECT * FROM api_keys WHERE tenant_id = t.id ORDER BY id DESC LIMIT :max) k ON true
      WHERE t.id = :tenantId::uuid
      ORDER BY k.id DESC`,
    { tenantId, max: MAX_LISTED_KEYS },
  );
  if (rows.length === 0) return null;
  return rows.filter((row) => row.id !== null).map(toApiKeyRecord);
}

/**
 * Revokes the key (idempotent: a revoked key stays revoked at its first revocation's time); null
 * when the tenant has no such key. `revoked` says whether this call revoked it.
 */
export async function revokeApiKey(
  db: Executor,
  tenantId: string,
  keyId: string,
): Promise<{ key: ApiKeyRecord; revoked: boolean } | null> {
  const { rows } = await db.query(
    `WITH revoked AS (UPDATE api_keys k SET revoked_at = now()
                       WHERE k.id = :keyId::uuid AND k.tenant_id = :tenantId::uuid AND k.revoked_at IS NULL
                       RETURNING ${COLUMNS}, true AS changed)
     SELECT * FROM revoked
     UNION ALL
     SELECT ${COLUMNS}, false AS changed FROM api_keys k
      WHERE k.id = :keyId::uuid AND k.tenant_id = :tenantId::uuid AND NOT EXISTS (SELECT 1 FROM revoked)`,
    { tenantId, keyId },
  );
  const row = rows[0];
  if (!row) return null;
  return { key: toApiKeyRecord(row), revoked: row.changed === true };
}

export type Rotation =
  | { outcome: 'rotated'; key: ApiKeyRecord; old: { id: string; expiresAt: Date } }
  | { outcome: 'not-found' }
  | { outcome: 'not-active'; status: CredentialStatus };

/**
 * Issues `newKey` in place of an active key and makes the old one stop at `now + graceSeconds`
 * (or at its own earlier expiry), in one statement, so there is never a moment with neither or
 * with a second replacement: a key already rotated is still active during its grace and may be
 * rotated again, which only brings its end closer.
 */
export async function rotateApiKey(
  db: Executor,
  tenantId: string,
  keyId: string,
  newKey: string,
  options: { graceSeconds: number; name: string | null },
): Promise<Rotation> {
  const { rows } = await db.query(
    `WITH target AS (SELECT k.id, k.name, ${STATUS} AS status FROM api_keys k
                      WHERE k.id = :keyId::uuid AND k.tenant_id = :tenantId::uuid),
          old AS (UPDATE api_keys k
                     SET expires_at = LEAST(coalesce(k.expires_at, 'infinity'::timestamptz),
                                            now() + make_interval(secs => :graceSeconds))
                   WHERE k.id IN (SELECT id FROM target WHERE status = 'active')
                   RETURNING k.id, k.name, k.expires_at),
          fresh AS (INSERT INTO api_keys AS k (id, tenant_id, key_hash, prefix, name)
                    SELECT :id::uuid, :tenantId::uuid, :keyHash, :prefix, coalesce(:name::text, old.name) FROM old
                    RETURNING ${COLUMNS})
     SELECT (SELECT status FROM target) AS target_status, old.expires_at AS old_expires_at, fresh.*
       FROM (SELECT 1) one LEFT JOIN old ON true LEFT JOIN fresh ON true`,
    {
      id: uuidv7(),
      tenantId,
      keyId,
      keyHash: hashApiKey(newKey),
      prefix: newKey.slice(0, KEY_PREFIX_LENGTH),
      name: options.name,
      graceSeconds: options.graceSeconds,
    },
  );
  const row = rows[0]!;
  if (row.target_status === null || row.target_status === undefined) return { outcome: 'not-found' };
  if (row.id === null || row.id === undefined)
    return { outcome: 'not-active', status: String(row.target_status) as CredentialStatus };
  return {
    outcome: 'rotated',
    key: toApiKeyRecord(row),
    old: { id: keyId, expiresAt: toDate(row.old_expires_at) },
  };
}
