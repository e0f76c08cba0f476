/**
 * The admin API's statements on tenants: create, list, read, change and delete, one statement
 * each. Every read returns the tenant with its number of usable keys, counted by the same
 * statement. Ids are UUIDv7, so listing by id is listing by creation.
 */
import type { Executor } from '../db/database.ts';
import { toDate, toNumber } from '../db/rows.ts';
import { uuidv7 } from '../ids.ts';
import type { Tenant } from './tenant-store.ts';

export interface TenantRecord extends Tenant {
  createdAt: Date;
  /** Keys neither revoked nor expired. */
  activeKeys: number;
}

export interface TenantLimits {
  rateLimitPerSecond: number | null;
  rateLimitBurst: number | null;
}

/** The statuses a task can still leave: a tenant with such tasks is not deleted without force. */
const NON_TERMINAL = `('PENDING', 'QUEUED', 'RUNNING', 'RETRYING')`;

const COLUMNS = `t.id, t.name, t.rate_limit_per_second, t.rate_limit_burst, t.created_at,
  (SELECT count(*) FROM api_keys k
    WHERE k.tenant_id = t.id AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now()))::int
    AS active_keys`;

function toTenantRecord(row: Record<string, unknown>): TenantRecord {
  return {
    id: String(row.id),
    name: String(row.name),
    rateLimitPerSecond: row.rate_limit_per_second === null ? null : toNumber(row.rate_limit_per_second),
    rateLimitBurst: row.rate_limit_burst === null ? null : toNumber(row.rate_limit_burst),
    createdAt: toDate(row.created_at),
    activeKeys: toNumber(row.active_keys ?? 0),
  };
}

export async function insertTenant(
  db: Executor,
  input: { name: string } & TenantLimits,
  id = uuidv7(),
): Promise<TenantRecord> {
  const { rows } = await db.query(
    `INSERT INTO tenants AS t (id, name, rate_limit_per_second, rate_limit_burst)
     VALUES (:id::uuid, :name, :perSecond::double precision, :burst::integer)
     RETURNING ${COLUMNS}`,
    { id, name: input.name, perSecond: input.rateLimitPerSecond, burst: input.rateLimitBurst },
  );
  return toTenantRecord(rows[0]!);
}

/** Up to `limit` tenants created after `afterId` (oldest first). */
export async function listTenantRecords(
  db: Executor,
  page: { limit: number; afterId: string | null },
): Promise<TenantRecord[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM tenants t
      WHERE (:afterId::uuid IS NULL OR t.id > :afterId::uuid)
      ORDER BY t.id LIMIT :limit`,
    { afterId: page.afterId, limit: page.limit },
  );
  return rows.map(toTenantRecord);
}

export async function findTenantRecord(db: Executor, tenantId: string): Promise<TenantRecord | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM tenants t WHERE t.id = :tenantId::uuid`, {
    tenantId,
  });
  return rows[0] ? toTenantRecord(rows[0]) : null;
}

/** Changes the fields present in `patch` (a null limit falls back to the default); null when no such tenant. */
export async function updateTenantRecord(
  db: Executor,
  tenantId: string,
  patch: { name?: string; rateLimitPerSecond?: number | null; rateLimitBurst?: number | null },
): Promise<TenantRecord | null> {
  const { rows } = await db.query(
    `UPDATE tenants t
        SET name = CASE WHEN :setName::boolean THEN :name::text ELSE t.name END,
            rate_limit_per_second = CASE WHEN :setPerSecond::boolean THEN :perSecond::double precision
                                         ELSE t.rate_limit_per_second END,
            rate_limit_burst = CASE WHEN :setBurst::boolean THEN :burst::integer ELSE t.rate_limit_burst END
      WHERE t.id = :tenantId::uuid
      RETURNING ${COLUMNS}`,
    {
      tenantId,
      setName: patch.name !== undefined,
      name: patch.name ?? null,
      setPerSecond: patch.rateLimitPerSecond !== undefined,
      perSecond: patch.rateLimitPerSecond ?? null,
      setBurst: patch.rateLimitBurst !== undefined,
      burst: patch.rateLimitBurst ?? null,
    },
  );
  return rows[0] ? toTenantRecord(rows[0]) : null;
}

export type TenantDeletion =
  | { outcome: 'deleted'; activeTasks: number }
  | { outcome: 'not-found' }
  | { outcome: 'has-active-tasks'; activeTasks: number };

/**
 * Deletes the tenant with its keys and tasks (their events and outbox rows go with them), unless
 * it has non-terminal tasks and `force` is false. One statement: the count and the delete see
 * the same snapshot. Its rows of `task_counts` stay, so the monotonic counters of `/metrics`
 * never go down.
 */
export async function deleteTenantRecord(
  db: Executor,
  tenantId: string,
  force: boolean,
): Promise<TenantDeletion> {
  const { rows } = await db.query(
    `WITH target AS (SELECT id FROM tenants WHERE id = :tenantId::uuid),
          active AS (SELECT count(*)::int AS n FROM tasks
                      WHERE tenant_id = :tenantId::uuid AND status IN ${NON_TERMINAL}),
          deleted AS (DELETE FROM tenants WHERE id IN (SELECT id FROM target)
                        AND (:force::boolean OR (SELECT n FROM active) = 0)
                      RETURNING id),
          -- Tasks, their events and outbox rows have no foreign keys (migration 007): removed here.
          removed_tasks AS (DELETE FROM tasks t USING deleted d WHERE t.tenant_id = d.id RETURNING t.id),
          removed_events AS (DELETE FROM task_events e USING deleted d WHERE e.tenant_id = d.id),
          removed_outbox AS (DELETE FROM outbox o USING removed_tasks r WHERE o.task_id = r.id)
     SELECT (SELECT count(*) FROM target)::int AS found, (SELECT n FROM active) AS active_tasks,
            (SELECT count(*) FROM deleted)::int AS deleted`,
    { tenantId, force },
  );
  const row = rows[0]!;
  const activeTasks = toNumber(row.active_tasks);
  if (toNumber(row.found) === 0) return { outcome: 'not-found' };
  if (toNumber(row.deleted) === 0) return { outcome: 'has-active-tasks', activeTasks };
  return { outcome: 'deleted', activeTasks };
}
