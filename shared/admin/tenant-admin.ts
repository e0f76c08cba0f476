/**
 * The admin API's use cases on tenants: create, list, read, change and delete. Each change is
 * audited (`audit.ts`); a change the API key caches hold (rate limits, deletion) is announced to
 * them (`announceCredentialChange`), so it applies everywhere within a second.
 */
import type * as z from 'zod';
import type { Executor } from '../db/database.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { announceCredentialChange } from '../http/api-key-auth.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import {
  deleteTenantRecord,
  findTenantRecord,
  insertTenant,
  listTenantRecords,
  updateTenantRecord,
} from '../tenants/tenant-admin-store.ts';
import {
  type createTenantBodySchema,
  type listTenantsQuerySchema,
  type TenantJson,
  toTenantJson,
  type updateTenantBodySchema,
} from './admin-schemas.ts';
import { type AdminActor, audit } from './audit.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function tenantNotFound(): NotFoundError {
  return new NotFoundError('No tenant has this id', 'tenantId');
}

export async function createTenant(
  db: Executor,
  actor: AdminActor,
  input: z.output<typeof createTenantBodySchema>,
): Promise<TenantJson> {
  const tenant = await insertTenant(db, {
    name: input.name,
    rateLimitPerSecond: input.rateLimitPerSecond ?? null,
    rateLimitBurst: input.rateLimitBurst ?? null,
  });
  audit(actor, 'tenant.create', {
    id: tenant.id,
    detail: {
      name: tenant.name,
      rateLimitPerSecond: tenant.rateLimitPerSecond,
      rateLimitBurst: tenant.rateLimitBurst,
    },
  });
  return toTenantJson(tenant);
}

/** A page of tenants, oldest first; `nextCursor` is null on the last page. */
export async function listTenants(
  db: Executor,
  query: z.output<typeof listTenantsQuerySchema>,
): Promise<{ tenants: TenantJson[]; nextCursor: string | null }> {
  const afterId = query.cursor === undefined ? null : decodeCursor(query.cursor, (key) => UUID.test(key));
  const rows = await listTenantRecords(db, { limit: query.limit + 1, afterId });
  const tenants = rows.slice(0, query.limit).map(toTenantJson);
  return { tenants, nextCursor: rows.length > query.limit ? encodeCursor(tenants.at(-1)!.id) : null };
}

export async function getTenant(db: Executor, tenantId: string): Promise<TenantJson> {
  const tenant = await findTenantRecord(db, tenantId);
  if (!tenant) throw tenantNotFound();
  return toTenantJson(tenant);
}

/** Changes the fields given; a null limit falls back to the default. An empty patch changes nothing. */
export async function updateTenant(
  db: Executor,
  actor: AdminActor,
  tenantId: string,
  patch: z.output<typeof updateTenantBodySchema>,
): Promise<TenantJson> {
  const changes = Object.keys(patch);
  const tenant =
    changes.length === 0
      ? await findTenantRecord(db, tenantId)
      : await updateTenantRecord(db, tenantId, patch);
  if (!tenant) throw tenantNotFound();
  if (changes.length > 0) {
    audit(actor, 'tenant.update', { id: tenantId, detail: patch });
    // Cached keys carry their tenant's rate limits.
    await announceCredentialChange(actor.logger);
  }
  return toTenantJson(tenant);
}

/**
 * Deletes the tenant with its keys and tasks; refused (409, with the count) while it has tasks
 * that are not terminal, unless `force`.
 */
export async function deleteTenant(
  db: Executor,
  actor: AdminActor,
  tenantId: string,
  force: boolean,
): Promise<void> {
  const deletion = await deleteTenantRecord(db, tenantId, force);
  if (deletion.outcome === 'not-found') throw tenantNotFound();
  if (deletion.outcome === 'has-active-tasks') {
    throw new ConflictError(
      'tenant-has-active-tasks',
      `The tenant has ${deletion.activeTasks} task(s) that are not finished (PENDING, QUEUED, RUNNING or RETRYING); cancel them or let them finish, or delete with ?force=true, which deletes them too`,
      { activeTasks: deletion.activeTasks },
    );
  }
  audit(actor, 'tenant.delete', { id: tenantId, detail: { force, activeTasks: deletion.activeTasks } });
  await announceCredentialChange(actor.logger);
}
