/**
 * The submit statements: a task, its outbox row and its `submitted` event in one statement, for
 * one task, a batch of one tenant (all or nothing), or independent tasks grouped by the insert
 * batcher (each with its own outcome). Each exported function runs exactly one statement.
 */
import type { Executor } from '../../db/database.ts';
import { toStringOrNull } from '../../db/rows.ts';
import { type NewTask, OUTBOX_LEAD_SECONDS, type Task } from '../task.ts';
import { mapTask, summaryColumns, taskColumns, tasksFromRows } from './rows.ts';

/**
 * The CTEs that give every row of `inserted` its outbox row, due `OUTBOX_LEAD_SECONDS` before the
 * task's run time, and its `submitted` event.
 */
export const PUBLISH_AND_LOG = `outboxed AS (
       INSERT INTO outbox (task_id, queue, available_at)
       SELECT id, priority, run_at - make_interval(secs => ${OUTBOX_LEAD_SECONDS}) FROM inserted
     ), submitted AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt)
       SELECT id, tenant_id, 'submitted', 0 FROM inserted
     )`;

export interface InsertOutcome {
  task: Task;
  /** false when a task with the same (tenant, Idempotency-Key) already existed. */
  created: boolean;
  /** The fingerprint stored with the existing task, to tell a replay from a key reuse. */
  requestFingerprint: string | null;
}

/**
 * Inserts a task, its outbox row and its `submitted` event in one statement, so there is no
 * moment where the task exists without the outbox row that will publish it. With an
 * idempotency key that already exists, nothing is written and the existing task is returned.
 *
 * Returns null only when a concurrent request with the same key committed between this
 * statement's snapshot and its insert; the caller reads the winner with `findByIdempotencyKey`.
 */
export async function insertTask(db: Executor, task: NewTask): Promise<InsertOutcome | null> {
  const { rows } = await db.query(
    `WITH inserted AS (
       INSERT INTO tasks (id, tenant_id, type, payload, priority, status, idempotency_key, request_fingerprint,
         client_id, correlation_id, run_at, max_attempts, max_interruptions, backoff_base_seconds, backoff_cap_seconds,
         timeout_seconds)
       VALUES (:id::uuid, :tenantId::uuid, :type, :payload::jsonb, :priority, 'PENDING', :idempotencyKey,
         :requestFingerprint, :clientId, :correlationId, :runAt::timestamptz, :maxAttempts, :maxInterruptions,
         :backoffBaseSeconds, :backoffCapSeconds, :timeoutSeconds)
       ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING *
     ), ${PUBLISH_AND_LOG}
     SELECT ${taskColumns('i')}, true AS created, i.request_fingerprint FROM inserted i
     UNION ALL
     SELECT ${taskColumns('t')}, false AS created, t.request_fingerprint FROM tasks t
      WHERE t.tenant_id = :tenantId::uuid AND t.idempotency_key = :idempotencyKey
        AND NOT EXISTS (SELECT 1 FROM inserted)`,
    {
      id: task.id,
      tenantId: task.tenantId,
      type: task.type,
      payload: JSON.stringify(task.payload),
      priority: task.priority,
      idempotencyKey: task.idempotencyKey,
      requestFingerprint: task.requestFingerprint,
      clientId: task.clientId,
      correlationId: task.correlationId,
      runAt: task.runAt,
      maxAttempts: task.maxAttempts,
      maxInterruptions: task.maxInterruptions,
      backoffBaseSeconds: task.backoffBaseSeconds,
      backoffCapSeconds: task.backoffCapSeconds,
      timeoutSeconds: task.timeoutSeconds,
    },
  );
  const row = rows[0];
  if (!row) return null;
  return {
    task: (await tasksFromRows(db, [row]))[0]!,
    created: row.created === true,
    requestFingerprint: toStringOrNull(row.request_fingerprint),
  };
}

/**
 * Inserts independent tasks (any tenants, each with its own outcome) with their outbox rows and
 * events in one statement: what `insertTask` does for one, for concurrent single submits that
 * `TaskInsertBatcher` groups. A task whose (tenant, Idempotency-Key) already exists, or repeats an
 * earlier one of the same call, is skipped; its entry in the result is null and the caller reads
 * the existing task with `findByIdempotencyKey`. The rows come back without payloads (each task
 * takes the payload it was given), so the response stays within the Data API's 1 MiB.
 */
export async function insertTasksEach(db: Executor, tasks: NewTask[]): Promise<(InsertOutcome | null)[]> {
  if (tasks.length === 0) return [];
  const { rows } = await db.query(
    `${insertFromRecords('ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING')}
     SELECT ${summaryColumns('i')}, i.request_fingerprint FROM inserted i`,
    { records: taskRecords(tasks) },
  );
  const byId = new Map(rows.map((row) => [String(row.id), row]));
  return tasks.map((t) => {
    const row = byId.get(t.id);
    if (!row) return null;
    return {
      task: { ...mapTask(row), payload: t.payload },
      created: true,
      requestFingerprint: toStringOrNull(row.request_fingerprint),
    };
  });
}

/**
 * Inserts many tasks (one tenant) with their outbox rows and events in one statement. All or
 * nothing: the statement either writes every row or none.
 */
export async function insertTasks(db: Executor, tasks: NewTask[]): Promise<Task[]> {
  if (tasks.length === 0) return [];
  const { rows } = await db.query(
    `${insertFromRecords('')}
     SELECT ${summaryColumns('i')} FROM inserted i ORDER BY i.id`,
    { records: taskRecords(tasks) },
  );
  // Up to 100 payloads would not fit in one Data API response (1 MiB): the rows come back without
  // them, and each task takes the payload it was given.
  const byId = new Map(rows.map((row) => [String(row.id), mapTask(row)]));
  return tasks.map((t) => ({ ...byId.get(t.id)!, payload: t.payload }));
}

/** New tasks as the JSON records `insertFromRecords` unpacks (the Data API takes no arrays). */
function taskRecords(tasks: NewTask[]): Record<string, unknown>[] {
  return tasks.map((t) => ({
    id: t.id,
    tenant_id: t.tenantId,
    type: t.type,
    payload: t.payload,
    priority: t.priority,
    idempotency_key: t.idempotencyKey,
    request_fingerprint: t.requestFingerprint,
    client_id: t.clientId,
    correlation_id: t.correlationId,
    run_at: t.runAt.toISOString(),
    max_attempts: t.maxAttempts,
    max_interruptions: t.maxInterruptions,
    backoff_base_seconds: t.backoffBaseSeconds,
    backoff_cap_seconds: t.backoffCapSeconds,
    timeout_seconds: t.timeoutSeconds,
  }));
}

/**
 * The CTEs that insert the tasks of `:records` (`taskRecords(...)`), their outbox rows and their
 * `submitted` events, leaving the inserted rows as `inserted` for the statement's SELECT.
 * `onConflict` is one of two constant clauses, never input.
 */
function insertFromRecords(onConflict: string): string {
  return `WITH input AS (
       SELECT * FROM jsonb_to_recordset(:records::jsonb) AS x(id uuid, tenant_id uuid, type text, payload jsonb,
         priority text, idempotency_key text, request_fingerprint text, client_id text, correlation_id text,
         run_at timestamptz, max_attempts integer, max_interruptions integer, backoff_base_seconds double precision,
         backoff_cap_seconds double precision, timeout_seconds integer)
     ), inserted AS (
       INSERT INTO tasks (id, tenant_id, type, payload, priority, status, idempotency_key, request_fingerprint,
         client_id, correlation_id, run_at, max_attempts, max_interruptions, backoff_base_seconds, backoff_cap_seconds,
         timeout_seconds)
       -- jsonb_to_recordset reads a JSON null as SQL NULL; the payload null is a JSON value.
       SELECT id, tenant_id, type, COALESCE(payload, 'null'::jsonb), priority, 'PENDING', idempotency_key,
         request_fingerprint, client_id, correlation_id, run_at, max_attempts, max_interruptions,
         backoff_base_seconds, backoff_cap_seconds, timeout_seconds
       FROM input
       ${onConflict}
       RETURNING *
     ), ${PUBLISH_AND_LOG}`;
}
