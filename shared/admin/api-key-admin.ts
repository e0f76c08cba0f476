/**
 * The admin API's use cases on a tenant's API keys: issue (the key is shown once), list (never
 * the key or its hash), revoke and rotate. Revocation and rotation are announced to every API
 * key cache (`announceCredentialChange`), so a revoked key is refused everywhere within a second
 * and a rotated one stops at the end of its grace period.
 */
import type * as z from 'zod';
import type { Executor } from '../db/database.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { announceCredentialChange } from '../http/api-key-auth.ts';
import { insertApiKey, listApiKeys, revokeApiKey, rotateApiKey } from '../tenants/api-key-store.ts';
import { generateApiKey } from '../tenants/tenant-store.ts';
import {
  type ApiKeyJson,
  type createApiKeyBodySchema,
  DEFAULT_ROTATION_GRACE_SECONDS,
  type rotateApiKeyBodySchema,
  toApiKeyJson,
} from './admin-schemas.ts';
import { type AdminActor, audit } from './audit.ts';
import { tenantNotFound } from './tenant-admin.ts';

export type NewApiKeyJson = ApiKeyJson & { key: string };

function keyNotFound(): NotFoundError {
  return new NotFoundError('The tenant has no key with this id', 'keyId');
}

export async function createApiKey(
  db: Executor,
  actor: AdminActor,
  tenantId: string,
  input: z.output<typeof createApiKeyBodySchema>,
): Promise<NewApiKeyJson> {
  const key = generateApiKey();
  const expiresAt = input?.expiresAt === undefined ? null : new Date(input.expiresAt);
  const record = await insertApiKey(db, tenantId, key, { name: input?.name ?? '', expiresAt });
  if (!record) throw tenantNotFound();
  audit(actor, 'api-key.create', {
    id: record.id,
    tenantId,
    detail: { name: record.name, prefix: record.prefix, expiresAt: record.expiresAt?.toISOString() ?? null },
  });
  return { ...toApiKeyJson(record), key };
}

export async function listTenantApiKeys(db: Executor, tenantId: string): Promise<{ keys: ApiKeyJson[] }> {
  const keys = await listApiKeys(db, tenantId);
  if (!keys) throw tenantNotFound();
  return { keys: keys.map(toApiKeyJson) };
}

/** Revokes the key at once; revoking a revoked key changes nothing. */
export async function revokeTenantApiKey(
  db: Executor,
  actor: AdminActor,
  tenantId: string,
  keyId: string,
): Promise<void> {
  const outcome = await revokeApiKey(db, tenantId, keyId);
  if (!outcome) throw keyNotFound();
  if (!outcome.revoked) return;
  audit(actor, 'api-key.revoke', { id: keyId, tenantId, detail: { prefix: outcome.key.prefix } });
  await announceCredentialChange(actor.logger);
}

/**
 * A new key for the tenant in place of an active one; the old key keeps working for
 * `graceSeconds` (default 3600), then stops.
 */
export async function rotateTenantApiKey(
  db: Executor,
  actor: AdminActor,
  tenantId: string,
  keyId: string,
  input: z.output<typeof rotateApiKeyBodySchema>,
): Promise<NewApiKeyJson> {
  const key = generateApiKey();
  const graceSeconds = input?.graceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS;
  const rotation = await rotateApiKey(db, tenantId, keyId, key, { graceSeconds, name: input?.name ?? null });
  if (rotation.outcome === 'not-found') throw keyNotFound();
  if (rotation.outcome === 'not-active') {
    throw new ConflictError(
      'api-key-not-active',
      `The key is ${rotation.status}; only an active key can be rotated (issue a new key instead)`,
      { keyStatus: rotation.status },
    );
  }
  audit(actor, 'api-key.rotate', {
    id: keyId,
    tenantId,
    detail: {
      newKeyId: rotation.key.id,
      graceSeconds,
      oldKeyExpiresAt: rotation.old.expiresAt.toISOString(),
    },
  });
  // Cached lookups of the old key do not know its new expiry yet.
  await announceCredentialChange(actor.logger);
  return { ...toApiKeyJson(rotation.key), key };
}
