/**
 * The statements behind the API's reads and transitions: get, list, events, cancel, retry,
 * delete, and the idempotency-key lookups of a repeated submit. Every statement is scoped to the
 * caller's tenant, and each transition is a compare-and-set that also reports the status it found,
 * so the service can tell "not found" from "wrong state". One statement per exported function.
 */

import type { Executor } from '../../db/database.ts';
import { toStringOrNull } from '../../db/rows.ts';
import type { Priority } from '../priority.ts';
import type { Task, TaskEvent, TaskStatus } from '../task.ts';
import { mapEvent, mapTask, type Row, summaryColumns, taskColumns, tasksFromRows } from './rows.ts';
import type { InsertOutcome } from './submit-sql.ts';

export async function getTask(db: Executor, tenantId: string, taskId: string): Promise<Task | null> {
  const { rows } = await db.query(
    `SELECT ${taskColumns('t')} FROM tasks t WHERE t.tenant_id = :tenantId::uuid AND t.id = :taskId::uuid`,
    { tenantId, taskId },
  );
  return rows[0] ? (await tasksFromRows(db, [rows[0]]))[0]! : null;
}

export interface TaskFilters {
  status?: TaskStatus;
  type?: string;
  priority?: Priority;
  clientId?: string;
  scheduleId?: string;
}

/**
 * A page of a tenant's tasks, newest first, by keyset on the UUIDv7 id: `beforeId` is the last
 * id of the previous page. Filters that are absent match everything (`:x IS NULL OR ...`), so the
 * statement text never changes with the input.
 */
export async function listTasks(
  db: Executor,
  tenantId: string,
  filters: TaskFilters,
  limit: number,
  beforeId: string | null,
): Promise<Task[]> {
  const { rows } = await db.query(
    `SELECT ${summaryColumns('t')} FROM tasks t
      WHERE t.tenant_id = :tenantId::uuid
        AND (:status::text IS NULL OR t.status = :status::text)
        AND (:type::text IS NULL OR t.type = :type::text)
        AND (:priority::text IS NULL OR t.priority = :priority::text)
        AND (:clientId::text IS NULL OR t.client_id = :clientId::text)
        AND (:scheduleId::uuid IS NULL OR t.schedule_id = :scheduleId::uuid)
        AND (:beforeId::uuid IS NULL OR t.id < :beforeId::uuid)
      ORDER BY t.id DESC
      LIMIT :limit`,
    {
      tenantId,
      status: filters.status ?? null,
      type: filters.type ?? null,
      priority: filters.priority ?? null,
      clientId: filters.clientId ?? null,
      scheduleId: filters.scheduleId ?? null,
      beforeId,
      limit,
    },
  );
  return rows.map(mapTask);
}

/** A task's events in order, after event id `afterId`; null when the task is not the tenant's. */
export async function listEvents(
  db: Executor,
  tenantId: string,
  taskId: string,
  limit: number,
  afterId: number | null,
): Promise<TaskEvent[] | null> {
  const { rows } = await db.query(
    `SELECT e.id, e.task_id, e.type, e.attempt, e.detail::text AS detail, e.created_at, true AS task_exists
       FROM tasks t LEFT JOIN task_events e ON e.task_id = t.id AND (:afterId::bigint IS NULL OR e.id > :afterId::bigint)
      WHERE t.tenant_id = :tenantId::uuid AND t.id = :taskId::uuid
      ORDER BY e.id
      LIMIT :limit`,
    { tenantId, taskId, afterId, limit },
  );
  if (rows.length === 0) return null;
  return rows.filter((row) => row.id !== null && row.id !== undefined).map(mapEvent);
}

export interface GuardedChange {
  /** The status before the statement ran; null when the task does not exist for this tenant. */
  previousStatus: TaskStatus | null;
  /** The task after the change; null when the guard did not match. */
  task: Task | null;
}

async function guardedOutcome(db: Executor, rows: Row[]): Promise<GuardedChange> {
  const row = rows[0];
  if (!row) return { previousStatus: null, task: null };
  const task = row.id ? (await tasksFromRows(db, [row]))[0]! : null;
  return { previousStatus: row.previous_status as TaskStatus, task };
}

/** PENDING/QUEUED/RETRYING -> CANCELLED; removes the task's outbox row so it is never published. */
export async function cancelTask(
  db: Executor,
  tenantId: string,
  taskId: string,
  reason: string | null,
): Promise<GuardedChange> {
  const { rows } = await db.query(
    `WITH current AS (
       SELECT id, status FROM tasks WHERE tenant_id = :tenantId::uuid AND id = :taskId::uuid
     ), changed AS (
       UPDATE tasks t SET status = 'CANCELLED', finished_at = now(), updated_at = now(), lease_until = NULL
         FROM current c
        WHERE t.id = c.id AND t.status IN ('PENDING', 'QUEUED', 'RETRYING')
       RETURNING t.*
     ), unpublished AS (
       DELETE FROM outbox o USING changed c WHERE o.task_id = c.id
     ), logged AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt, detail)
       SELECT id, tenant_id, 'cancelled', attempts, jsonb_build_object('reason', :reason::text) FROM changed
     )
     SELECT c.status AS previous_status, ${taskColumns('x')}
       FROM current c LEFT JOIN changed x ON x.id = c.id`,
    { tenantId, taskId, reason },
  );
  return guardedOutcome(db, rows);
}

/**
 * FAILED/CANCELLED -> PENDING with attempts reset and a new outbox row (available now), so the
 * task runs again from scratch. Records a `redriven` event.
 */
export async function retryTask(
  db: Executor,
  tenantId: string,
  taskId: string,
  source: string,
): Promise<GuardedChange> {
  const { rows } = await db.query(
    `WITH current AS (
       SELECT id, status, attempts FROM tasks WHERE tenant_id = :tenantId::uuid AND id = :taskId::uuid
     ), changed AS (
       UPDATE tasks t SET status = 'PENDING', attempts = 0, interruptions = 0, run_at = now(), lease_until = NULL,
              result = NULL,
              queued_at = NULL, started_at = NULL, finished_at = NULL, updated_at = now()
         FROM current c
        WHERE t.id = c.id AND t.status IN ('FAILED', 'CANCELLED')
       RETURNING t.*
     ), outboxed AS (
       INSERT INTO outbox (task_id, queue, available_at) SELECT id, priority, now() FROM changed
     ), logged AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt, detail)
       SELECT x.id, x.tenant_id, 'redriven', 0,
              jsonb_build_object('source', :source::text, 'previousStatus', c.status, 'previousAttempts', c.attempts)
         FROM changed x JOIN current c ON c.id = x.id
     )
     SELECT c.status AS previous_status, ${taskColumns('x')}
       FROM current c LEFT JOIN changed x ON x.id = c.id`,
    { tenantId, taskId, source },
  );
  return guardedOutcome(db, rows);
}

/** Deletes a terminal task with its events and any outbox row (no foreign keys cascade them). */
export async function deleteTask(db: Executor, tenantId: string, taskId: string): Promise<GuardedChange> {
  const { rows } = await db.query(
    `WITH current AS (
       SELECT id, status FROM tasks WHERE tenant_id = :tenantId::uuid AND id = :taskId::uuid
     ), removed AS (
       DELETE FROM tasks t USING current c
        WHERE t.id = c.id AND t.status IN ('COMPLETED', 'FAILED', 'CANCELLED')
       RETURNING t.*
     ), removed_events AS (
       DELETE FROM task_events e USING removed r WHERE e.task_id = r.id
     ), removed_outbox AS (
       DELETE FROM outbox o USING removed r WHERE o.task_id = r.id
     )
     SELECT c.status AS previous_status, ${taskColumns('x')}
       FROM current c LEFT JOIN removed x ON x.id = c.id`,
    { tenantId, taskId },
  );
  return guardedOutcome(db, rows);
}

export async function findByIdempotencyKey(
  db: Executor,
  tenantId: string,
  idempotencyKey: string,
): Promise<InsertOutcome | null> {
  const { rows } = await db.query(
    `SELECT ${taskColumns('t')}, t.request_fingerprint FROM tasks t
      WHERE t.tenant_id = :tenantId::uuid AND t.idempotency_key = :idempotencyKey`,
    { tenantId, idempotencyKey },
  );
  const row = rows[0];
  if (!row) return null;
  const [task] = await tasksFromRows(db, [row]);
  return { task: task!, created: false, requestFingerprint: toStringOrNull(row.request_fingerprint) };
}

/** The tasks holding these idempotency keys, in the order of `idempotencyKeys` (missing ones left out). */
export async function findByIdempotencyKeys(
  db: Executor,
  tenantId: string,
  idempotencyKeys: string[],
): Promise<InsertOutcome[]> {
  const { rows } = await db.query(
    `SELECT ${taskColumns('t')}, t.request_fingerprint, k.ord
       FROM jsonb_array_elements_text(:keys::jsonb) WITH ORDINALITY AS k(key, ord)
       JOIN tasks t ON t.tenant_id = :tenantId::uuid AND t.idempotency_key = k.key
      ORDER BY k.ord`,
    { tenantId, keys: idempotencyKeys },
  );
  const tasks = await tasksFromRows(db, rows);
  return tasks.map((task, i) => ({
    task,
    created: false,
    requestFingerprint: toStringOrNull(rows[i]!.request_fingerprint),
  }));
}
