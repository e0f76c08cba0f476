/**
 * Every SQL statement on `tasks` and `task_events` (and the outbox rows a task transition
 * creates or removes). Each exported function runs exactly one statement; every state change
 * is a compare-and-set on the expected current status, with its `task_events` row written by
 * the same statement.
 *
 * JSON columns are selected as text and timestamps mapped with `toDate`, so rows look the same
 * through node-postgres and the RDS Data API.
 */

import type { Executor } from '../db/database.ts';
import { parseJsonText, toDate, toDateOrNull, toNumber, toStringOrNull } from '../db/rows.ts';
import type { Priority } from './priority.ts';
import type { NewTask, Task, TaskError, TaskEvent, TaskEventType, TaskStatus } from './task.ts';

/**
 * JSON columns larger than this are not returned inline: the RDS Data API refuses a result row
 * over 64 KB (and a response over 1 MiB), while payloads and results may be 256 KiB. A read
 * returns NULL plus an `*_oversized` flag for such a column, and `hydrateOversized` fetches it
 * in slices. Two inline columns of this size, plus the rest of the row, stay under 64 KB.
 */
const INLINE_JSON_BYTES = 20_000;

/** Characters per slice of an oversized column: at most 4 bytes each, so a slice row stays < 64 KB. */
const SLICE_CHARS = 12_000;

function inlineJson(alias: string, column: 'payload' | 'result'): string {
  const c = `${alias}.${column}`;
  return `CASE WHEN octet_length(${c}::text) <= ${INLINE_JSON_BYTES} THEN ${c}::text END AS ${column},
    COALESCE(octet_length(${c}::text) > ${INLINE_JSON_BYTES}, false) AS ${column}_oversized`;
}

/** The task columns every read returns, qualified by `alias`. Built from constants only. */
function taskColumns(alias: string): string {
  const a = alias;
  return `${a}.id, ${a}.tenant_id, ${a}.type, ${inlineJson(a, 'payload')}, ${a}.priority, ${a}.status,
    ${a}.idempotency_key, ${a}.client_id, ${a}.correlation_id, ${a}.run_at, ${a}.attempts, ${a}.max_attempts,
    ${a}.interruptions, ${a}.max_interruptions, ${a}.lease_generation,
    ${a}.backoff_base_seconds, ${a}.backoff_cap_seconds, ${a}.timeout_seconds, ${a}.lease_until,
    ${inlineJson(a, 'result')}, ${a}.last_error::text AS last_error, ${a}.created_at, ${a}.queued_at,
    ${a}.started_at, ${a}.finished_at, ${a}.updated_at`;
}

/** Summary columns for listings and batch results: no payload or result, so a page stays small. */
function summaryColumns(alias: string): string {
  const a = alias;
  return `${a}.id, ${a}.tenant_id, ${a}.type, NULL::text AS payload, ${a}.priority, ${a}.status,
    ${a}.idempotency_key, ${a}.client_id, ${a}.correlation_id, ${a}.run_at, ${a}.attempts, ${a}.max_attempts,
    ${a}.interruptions, ${a}.max_interruptions, ${a}.lease_generation,
    ${a}.backoff_base_seconds, ${a}.backoff_cap_seconds, ${a}.timeout_seconds, ${a}.lease_until,
    NULL::text AS result, ${a}.last_error::text AS last_error, ${a}.created_at, ${a}.queued_at,
    ${a}.started_at, ${a}.finished_at, ${a}.updated_at`;
}

type Row = Record<string, unknown>;

export function mapTask(row: Row): Task {
  return {
    id: String(row.id),
    tenantId: String(row.tenant_id),
    type: String(row.type),
    payload: parseJsonText(row.payload),
    priority: row.priority as Priority,
    status: row.status as TaskStatus,
    idempotencyKey: toStringOrNull(row.idempotency_key),
    clientId: toStringOrNull(row.client_id),
    correlationId: String(row.correlation_id),
    runAt: toDate(row.run_at),
    attempts: toNumber(row.attempts),
    maxAttempts: toNumber(row.max_attempts),
    interruptions: toNumber(row.interruptions),
    maxInterruptions: toNumber(row.max_interruptions),
    backoffBaseSeconds: toNumber(row.backoff_base_seconds),
    backoffCapSeconds: toNumber(row.backoff_cap_seconds),
    timeoutSeconds: toNumber(row.timeout_seconds),
    leaseUntil: toDateOrNull(row.lease_until),
    leaseGeneration: toNumber(row.lease_generation),
    result: parseJsonText(row.result),
    lastError: parseJsonText(row.last_error) as TaskError | null,
    createdAt: toDate(row.created_at),
    queuedAt: toDateOrNull(row.queued_at),
    startedAt: toDateOrNull(row.started_at),
    finishedAt: toDateOrNull(row.finished_at),
    updatedAt: toDate(row.updated_at),
  };
}

/** The JSON columns of a row that were too large to return inline. */
function oversizedColumns(row: Row): ('payload' | 'result')[] {
  const columns: ('payload' | 'result')[] = [];
  if (row.payload_oversized === true) columns.push('payload');
  if (row.result_oversized === true) columns.push('result');
  return columns;
}

/** Reads one large JSON column in slices small enough for the Data API's row limit. */
async function readJsonColumn(db: Executor, taskId: string, column: 'payload' | 'result'): Promise<unknown> {
  // Two fixed statements rather than an interpolated column name.
  const source =
    column === 'payload'
      ? 'SELECT payload::text AS txt FROM tasks WHERE id = :taskId::uuid'
      : 'SELECT result::text AS txt FROM tasks WHERE id = :taskId::uuid';
  const { rows } = await db.query<{ part: string }>(
    `SELECT substring(x.txt FROM n * ${SLICE_CHARS} + 1 FOR ${SLICE_CHARS}) AS part
       FROM (${source}) x
      CROSS JOIN LATERAL generate_series(0, (length(x.txt) - 1) / ${SLICE_CHARS}) AS n
      ORDER BY n`,
    { taskId },
  );
  return rows.length === 0 ? null : JSON.parse(rows.map((row) => row.part).join(''));
}

/**
 * Maps rows to tasks, then reads any oversized payload or result with one extra statement per
 * column (rare: only values over INLINE_JSON_BYTES), so every caller gets whole tasks.
 */
async function tasksFromRows(db: Executor, rows: Row[]): Promise<Task[]> {
  const tasks = rows.map(mapTask);
  for (const [index, row] of rows.entries()) {
    const task = tasks[index]!;
    for (const column of oversizedColumns(row)) task[column] = await readJsonColumn(db, task.id, column);
  }
  return tasks;
}

function mapEvent(row: Row): TaskEvent {
  return {
    id: toNumber(row.id),
    taskId: String(row.task_id),
    type: row.type as TaskEventType,
    attempt: toNumber(row.attempt),
    detail: parseJsonText(row.detail),
    createdAt: toDate(row.created_at),
  };
}

/** How far ahead of `run_at` the relay may publish: SQS DelaySeconds covers the rest. */
const OUTBOX_LEAD = "interval '15 minutes'";

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
     ), outboxed AS (
       INSERT INTO outbox (task_id, queue, available_at)
       SELECT id, priority, run_at - ${OUTBOX_LEAD} FROM inserted
     ), submitted AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt)
       SELECT id, tenant_id, 'submitted', 0 FROM inserted
     )
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
     ), outboxed AS (
       INSERT INTO outbox (task_id, queue, available_at)
       SELECT id, priority, run_at - ${OUTBOX_LEAD} FROM inserted
     ), submitted AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt)
       SELECT id, tenant_id, 'submitted', 0 FROM inserted
     )`;
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
        AND (:beforeId::uuid IS NULL OR t.id < :beforeId::uuid)
      ORDER BY t.id DESC
      LIMIT :limit`,
    {
      tenantId,
      status: filters.status ?? null,
      type: filters.type ?? null,
      priority: filters.priority ?? null,
      clientId: filters.clientId ?? null,
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

/** Deletes a terminal task (and, by cascade, its events). */
export async function deleteTask(db: Executor, tenantId: string, taskId: string): Promise<GuardedChange> {
  const { rows } = await db.query(
    `WITH current AS (
       SELECT id, status FROM tasks WHERE tenant_id = :tenantId::uuid AND id = :taskId::uuid
     ), removed AS (
       DELETE FROM tasks t USING current c
        WHERE t.id = c.id AND t.status IN ('COMPLETED', 'FAILED', 'CANCELLED')
       RETURNING t.*
     )
     SELECT c.status AS previous_status, ${taskColumns('x')}
       FROM current c LEFT JOIN removed x ON x.id = c.id`,
    { tenantId, taskId },
  );
  return guardedOutcome(db, rows);
}

// ---------------------------------------------------------------------------------------------
// Worker statements: one claim and one completion statement per SQS batch.

export type ClaimState =
  /** Claimed: this worker now owns the attempt. */
  | 'claimed'
  /** QUEUED/RETRYING but its run time (backoff) is still ahead: make the message reappear then. */
  | 'not_due'
  /** Would not fit in the invocation's remaining time: return it to the queue untouched. */
  | 'no_time'
  /**
   * RUNNING under a live lease: another worker owns the attempt, or owned it and stopped before
   * recording its outcome. The message reappears when the lease ends, so it can bring the task
   * back if the owner never reports.
   */
  | 'leased'
  /** RUNNING, lease expired, interruptions used up: the worker must fail it. */
  | 'exhausted'
  /** Missing, terminal, PENDING, or claimed by another worker meanwhile: a duplicate or late message. */
  | 'skip';

export interface ClaimOutcome {
  taskId: string;
  state: ClaimState;
  /** The claimed task (state 'claimed'), or the task as it was (other states), when it exists. */
  task: Task | null;
  previousStatus: TaskStatus | null;
  /** Seconds until the task is due (state 'not_due'). */
  dueInSeconds: number;
  /** Seconds until the current lease ends (state 'leased'). */
  leaseEndsInSeconds: number;
}

/** Before-image columns of the claim statement, prefixed `b_` so they sit beside the claimed row's. */
const BEFORE_COLUMNS = [
  'id',
  'tenant_id',
  'type',
  'priority',
  'status',
  'idempotency_key',
  'client_id',
  'correlation_id',
  'run_at',
  'attempts',
  'max_attempts',
  'interruptions',
  'max_interruptions',
  'lease_generation',
  'backoff_base_seconds',
  'backoff_cap_seconds',
  'timeout_seconds',
  'lease_until',
  'last_error',
  'created_at',
  'queued_at',
  'started_at',
  'finished_at',
  'updated_at',
]
  .map((column) => `b.${column} AS b_${column}`)
  .concat('NULL AS b_payload', 'NULL AS b_result')
  .join(', ');

/**
 * Claims the tasks of one SQS batch in one statement, each with a lease of `timeout +
 * leaseMarginSeconds`, a new lease generation and a `started` event:
 * - QUEUED/RETRYING and due -> RUNNING, attempts + 1;
 * - RUNNING with an expired lease (its worker vanished) -> RUNNING again under the same attempt
 *   number, interruptions + 1 and an `interrupted` event, while interruptions remain.
 * Tasks whose timeout exceeds `maxTimeoutSeconds` (the invocation's remaining time) are left
 * alone. Every input id gets an outcome, so the caller can ack, defer or fail each message.
 */
export async function claimTasks(
  db: Executor,
  taskIds: string[],
  options: { leaseMarginSeconds: number; maxTimeoutSeconds: number },
): Promise<ClaimOutcome[]> {
  if (taskIds.length === 0) return [];
  const { rows } = await db.query(
    `WITH input AS (
       SELECT DISTINCT value::uuid AS id FROM jsonb_array_elements_text(:taskIds::jsonb)
     ), before AS (
       SELECT ${summaryColumns('t')}, GREATEST(0, EXTRACT(EPOCH FROM (t.run_at - now())))::float8 AS due_in,
              COALESCE(EXTRACT(EPOCH FROM (t.lease_until - now())), 0)::float8 AS lease_in
         FROM tasks t JOIN input i ON i.id = t.id
     ), locked AS (
       -- Row locks in id order: two workers claiming overlapping batches (a duplicate delivery)
       -- in different orders would otherwise deadlock.
       SELECT t.id FROM tasks t WHERE t.id IN (SELECT id FROM input) ORDER BY t.id FOR UPDATE
     ), claimed AS (
       UPDATE tasks t
          SET status = 'RUNNING',
              attempts = CASE WHEN t.status = 'RUNNING' THEN t.attempts ELSE t.attempts + 1 END,
              interruptions = CASE WHEN t.status = 'RUNNING' THEN t.interruptions + 1 ELSE t.interruptions END,
              lease_generation = t.lease_generation + 1,
              started_at = now(), updated_at = now(),
              lease_until = now() + make_interval(secs => t.timeout_seconds + :leaseMarginSeconds)
         FROM locked i
        WHERE t.id = i.id
          AND t.timeout_seconds <= :maxTimeoutSeconds
          AND ((t.status IN ('QUEUED', 'RETRYING') AND t.run_at <= now() + interval '1 second')
            OR (t.status = 'RUNNING' AND t.lease_until < now() AND t.interruptions < t.max_interruptions))
       RETURNING t.*
     ), logged AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt, detail)
       SELECT c.id, c.tenant_id, e.type, c.attempts, e.detail
         FROM claimed c JOIN before b ON b.id = c.id
        CROSS JOIN LATERAL (VALUES
          (1, CASE WHEN b.status = 'RUNNING' THEN 'interrupted' END,
              jsonb_build_object('reason', 'lease_expired', 'detectedBy', 'worker',
                'interruptions', c.interruptions, 'maxInterruptions', c.max_interruptions)),
          (2, 'started', CASE WHEN b.status = 'RUNNING'
                THEN jsonb_build_object('reclaimed', true, 'interruptions', c.interruptions) END)
        ) AS e(seq, type, detail)
        WHERE e.type IS NOT NULL
        ORDER BY c.id, e.seq
     )
     SELECT b.status AS previous_status, b.due_in, b.lease_in, (c.id IS NOT NULL) AS claimed,
            ${taskColumns('c')}, ${BEFORE_COLUMNS}
       FROM before b LEFT JOIN claimed c ON c.id = b.id`,
    { taskIds, leaseMarginSeconds: options.leaseMarginSeconds, maxTimeoutSeconds: options.maxTimeoutSeconds },
  );
  const claimedRows = rows.filter((row) => row.claimed === true);
  const claimedTasks = new Map((await tasksFromRows(db, claimedRows)).map((task) => [task.id, task]));
  const found = new Map<string, ClaimOutcome>();
  for (const row of rows) {
    const before = mapTask(
      Object.fromEntries(
        Object.entries(row)
          .filter(([k]) => k.startsWith('b_'))
          .map(([k, v]) => [k.slice(2), v]),
      ),
    );
    const previousStatus = row.previous_status as TaskStatus;
    const dueIn = toNumber(row.due_in);
    const leaseIn = toNumber(row.lease_in);
    let state: ClaimState;
    if (row.claimed === true) state = 'claimed';
    else if (
      before.timeoutSeconds > options.maxTimeoutSeconds &&
      ['QUEUED', 'RETRYING', 'RUNNING'].includes(previousStatus)
    )
      state = 'no_time';
    else if ((previousStatus === 'QUEUED' || previousStatus === 'RETRYING') && dueIn > 1) state = 'not_due';
    else if (previousStatus === 'RUNNING' && leaseIn > 0) state = 'leased';
    else if (previousStatus === 'RUNNING' && before.interruptions >= before.maxInterruptions)
      state = 'exhausted';
    else state = 'skip';
    found.set(before.id, {
      taskId: before.id,
      state,
      task: row.claimed === true ? claimedTasks.get(before.id)! : before,
      previousStatus,
      dueInSeconds: dueIn,
      leaseEndsInSeconds: Math.max(0, leaseIn),
    });
  }
  return taskIds.map(
    (taskId) =>
      found.get(taskId) ?? {
        taskId,
        state: 'skip',
        task: null,
        previousStatus: null,
        dueInSeconds: 0,
        leaseEndsInSeconds: 0,
      },
  );
}

/** What identifies one run of an attempt: a late worker of an earlier run no longer matches. */
interface RunRef {
  taskId: string;
  attempt: number;
  /** The task's `leaseGeneration` when this run claimed it. */
  generation: number;
  durationMs: number;
}

export type AttemptOutcome =
  | (RunRef & { status: 'COMPLETED'; result: unknown })
  | (RunRef & { status: 'RETRYING'; error: TaskError; retryInSeconds: number })
  /** `interrupted`: no handler failed; the task's interruptions ran out (its lease must have expired). */
  | (RunRef & { status: 'FAILED'; error: TaskError; interrupted?: boolean })
  /** Released: the worker was stopped; the attempt runs again under its number, not counted. */
  | (RunRef & { status: 'QUEUED'; reason: string });

export interface FinishedTask {
  taskId: string;
  tenantId: string;
  type: string;
  priority: Priority;
  correlationId: string;
  status: TaskStatus;
  attempt: number;
}

/**
 * Records the outcome of every run of one batch in one statement, guarded by the run's attempt
 * number and lease generation, so a worker whose run was taken over cannot overwrite the new
 * owner's: RUNNING -> COMPLETED (`succeeded`), RETRYING with `run_at` = now + backoff (`failed` +
 * `retry_scheduled`), FAILED (`failed`, or `interrupted` when the interruptions ran out, +
 * `dead_lettered`), or QUEUED (released by a stopping worker: `interrupted`, the attempt handed
 * back, due at once). Returns the tasks it changed.
 */
export async function finishAttempts(db: Executor, outcomes: AttemptOutcome[]): Promise<FinishedTask[]> {
  const finished: FinishedTask[] = [];
  for (const group of byRequestSize(outcomes.map(toOutcomeRecord)))
    finished.push(...(await finishAttemptGroup(db, group)));
  return finished;
}

type OutcomeRecord = ReturnType<typeof toOutcomeRecord>;

function toOutcomeRecord(o: AttemptOutcome) {
  return {
    id: o.taskId,
    attempt: o.attempt,
    generation: o.generation,
    status: o.status,
    result: o.status === 'COMPLETED' ? (o.result ?? null) : null,
    error: o.status === 'RETRYING' || o.status === 'FAILED' ? o.error : null,
    retry_in: o.status === 'RETRYING' ? o.retryInSeconds : null,
    interrupted: o.status === 'FAILED' && o.interrupted === true,
    reason: o.status === 'QUEUED' ? o.reason : null,
    duration_ms: o.durationMs,
  };
}

/**
 * Most outcomes are small and go in one statement; results of up to 256 KiB each could push a
 * batch of ten past the Data API's 4 MiB request limit (the JSON is escaped once more in the
 * request), so records are grouped to at most ~1.5 MB of JSON per statement.
 */
function byRequestSize(records: OutcomeRecord[], maxChars = 1_500_000): OutcomeRecord[][] {
  const groups: OutcomeRecord[][] = [];
  let current: OutcomeRecord[] = [];
  let size = 0;
  for (const record of records) {
    const length = JSON.stringify(record).length;
    if (current.length > 0 && size + length > maxChars) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(record);
    size += length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

async function finishAttemptGroup(db: Executor, records: OutcomeRecord[]): Promise<FinishedTask[]> {
  const { rows } = await db.query(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset(:records::jsonb)
         AS x(id uuid, attempt integer, generation integer, status text, result jsonb, error jsonb,
              retry_in double precision, interrupted boolean, reason text, duration_ms double precision)
     ), changed AS (
       UPDATE tasks t
          SET status = x.status,
              result = CASE WHEN x.status = 'COMPLETED' THEN x.result ELSE t.result END,
              last_error = CASE WHEN x.status IN ('RETRYING', 'FAILED') THEN x.error ELSE t.last_error END,
              attempts = CASE WHEN x.status = 'QUEUED' THEN t.attempts - 1 ELSE t.attempts END,
              interruptions = CASE WHEN x.interrupted THEN t.interruptions + 1 ELSE t.interruptions END,
              run_at = CASE x.status WHEN 'RETRYING' THEN now() + make_interval(secs => x.retry_in)
                                     WHEN 'QUEUED' THEN now() ELSE t.run_at END,
              finished_at = CASE WHEN x.status IN ('RETRYING', 'QUEUED') THEN NULL ELSE now() END,
              lease_until = NULL,
              updated_at = now()
         FROM input x
        WHERE t.id = x.id AND t.status = 'RUNNING' AND t.attempts = x.attempt
          AND t.lease_generation = x.generation
          AND (NOT x.interrupted OR t.lease_until < now())
       RETURNING t.id, t.tenant_id, t.type, t.priority, t.correlation_id, t.status, t.attempts, t.interruptions,
                 t.max_interruptions
     ), logged AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt, detail)
       SELECT c.id, c.tenant_id, e.type, x.attempt, e.detail
         FROM changed c JOIN input x ON x.id = c.id
        CROSS JOIN LATERAL (VALUES
          (1, CASE WHEN x.status = 'COMPLETED' THEN 'succeeded'
                   WHEN x.status = 'QUEUED' OR x.interrupted THEN 'interrupted' ELSE 'failed' END,
              CASE WHEN x.status = 'COMPLETED' THEN jsonb_build_object('durationMs', x.duration_ms)
                   WHEN x.status = 'QUEUED' THEN jsonb_build_object('reason', x.reason, 'counted', false,
                     'durationMs', x.duration_ms)
                   WHEN x.interrupted THEN jsonb_build_object('reason', 'lease_expired', 'detectedBy', 'worker',
                     'interruptions', c.interruptions, 'maxInterruptions', c.max_interruptions)
                   ELSE jsonb_build_object('durationMs', x.duration_ms, 'error', x.error) END),
          (2, CASE x.status WHEN 'RETRYING' THEN 'retry_scheduled' WHEN 'FAILED' THEN 'dead_lettered' END,
              CASE WHEN x.status = 'RETRYING' THEN jsonb_build_object('retryInSeconds', x.retry_in) END)
        ) AS e(seq, type, detail)
        WHERE e.type IS NOT NULL
        ORDER BY c.id, e.seq
     )
     SELECT id, tenant_id, type, priority, correlation_id, status, attempts FROM changed`,
    { records },
  );
  return rows.map((row) => ({
    taskId: String(row.id),
    tenantId: String(row.tenant_id),
    type: String(row.type),
    priority: row.priority as Priority,
    correlationId: String(row.correlation_id),
    status: row.status as TaskStatus,
    attempt: toNumber(row.attempts),
  }));
}

/** Heartbeat: pushes the lease of a running attempt forward. false when the run is no longer ours. */
export async function extendLease(
  db: Executor,
  run: { taskId: string; attempt: number; generation: number },
  seconds: number,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE tasks SET lease_until = now() + make_interval(secs => :seconds), updated_at = now()
      WHERE id = :taskId::uuid AND status = 'RUNNING' AND attempts = :attempt AND lease_generation = :generation`,
    { taskId: run.taskId, attempt: run.attempt, generation: run.generation, seconds },
  );
  return rowCount > 0;
}

// ---------------------------------------------------------------------------------------------
// Sweeper statements.

export interface SweptTask {
  taskId: string;
  tenantId: string;
  status: TaskStatus;
  attempt: number;
}

/**
 * Tasks RUNNING whose lease expired more than `graceSeconds` ago, which no message brought back
 * to a worker (the message was lost, or is still hidden because its worker died before it could
 * shorten its visibility): an interruption. While interruptions remain, QUEUED again with a new
 * outbox row and the attempt handed back (it runs again under the same number); else FAILED with
 * a `TaskInterruptedError` and `dead_lettered`. Each gets an `interrupted` event.
 */
export async function reclaimExpiredLeases(
  db: Executor,
  graceSeconds: number,
  limit: number,
): Promise<SweptTask[]> {
  const { rows } = await db.query(
    `WITH expired AS (
       SELECT id FROM tasks
        WHERE status = 'RUNNING' AND lease_until < now() - make_interval(secs => :graceSeconds)
        ORDER BY lease_until
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
     ), changed AS (
       UPDATE tasks t
          SET status = CASE WHEN t.interruptions < t.max_interruptions THEN 'QUEUED' ELSE 'FAILED' END,
              interruptions = t.interruptions + 1,
              attempts = CASE WHEN t.interruptions < t.max_interruptions THEN t.attempts - 1 ELSE t.attempts END,
              last_error = CASE WHEN t.interruptions < t.max_interruptions THEN t.last_error
                ELSE jsonb_build_object('name', 'TaskInterruptedError', 'message',
                  format('the worker running this task stopped without reporting %s times (maxInterruptions %s)',
                    t.interruptions + 1, t.max_interruptions)) END,
              finished_at = CASE WHEN t.interruptions < t.max_interruptions THEN NULL ELSE now() END,
              run_at = CASE WHEN t.interruptions < t.max_interruptions THEN now() ELSE t.run_at END,
              lease_until = NULL, updated_at = now()
         FROM expired e
        WHERE t.id = e.id
       RETURNING t.id, t.tenant_id, t.status, t.attempts, t.priority, t.interruptions, t.max_interruptions
     ), outboxed AS (
       INSERT INTO outbox (task_id, queue, available_at)
       SELECT id, priority, now() FROM changed WHERE status = 'QUEUED'
     ), logged AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt, detail)
       SELECT c.id, c.tenant_id, e.type, e.attempt, e.detail
         FROM changed c
        CROSS JOIN LATERAL (VALUES
          (1, 'interrupted', CASE WHEN c.status = 'QUEUED' THEN c.attempts + 1 ELSE c.attempts END,
              jsonb_build_object('reason', 'lease_expired', 'detectedBy', 'sweeper',
                'interruptions', c.interruptions, 'maxInterruptions', c.max_interruptions)),
          (2, CASE WHEN c.status = 'FAILED' THEN 'dead_lettered' END, c.attempts, NULL::jsonb)
        ) AS e(seq, type, attempt, detail)
        WHERE e.type IS NOT NULL
        ORDER BY c.id, e.seq
     )
     SELECT id, tenant_id, status, attempts FROM changed`,
    { graceSeconds, limit },
  );
  return rows.map((row) => ({
    taskId: String(row.id),
    tenantId: String(row.tenant_id),
    status: row.status as TaskStatus,
    attempt: toNumber(row.attempts),
  }));
}

/**
 * QUEUED or RETRYING tasks of one queue, due (and queued) for more than `afterSeconds` with no
 * worker claiming them and no outbox row: their message is presumably gone (a purged queue, an
 * emulator restarted without persistence, retention expiry, or a worker that died between
 * receiving and claiming, which hides the message for the queue's whole visibility timeout). Up
 * to `limit` of them, oldest first, get a new outbox row (the relay sends it) and a `republished`
 * event; a task republished within the last `afterSeconds` is left for its new message. When the
 * old message does still exist, the duplicate is absorbed by the claim.
 */
export async function republishStranded(
  db: Executor,
  options: { queue: Priority; afterSeconds: number; limit: number },
): Promise<SweptTask[]> {
  const { rows } = await db.query(
    `WITH stranded AS (
       SELECT t.id, t.tenant_id, t.status, t.attempts, t.priority FROM tasks t
        WHERE t.status IN ('QUEUED', 'RETRYING') AND t.priority = :queue
          AND t.run_at < now() - make_interval(secs => :afterSeconds)
          AND (t.queued_at IS NULL OR t.queued_at < now() - make_interval(secs => :afterSeconds))
          AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.task_id = t.id)
          AND NOT EXISTS (SELECT 1 FROM task_events e WHERE e.task_id = t.id AND e.type = 'republished'
                            AND e.created_at > now() - make_interval(secs => :afterSeconds))
        ORDER BY t.run_at
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
     ), outboxed AS (
       INSERT INTO outbox (task_id, queue, available_at) SELECT id, priority, now() FROM stranded
     ), logged AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt, detail)
       SELECT id, tenant_id, 'republished', attempts,
              jsonb_build_object('reason', 'not claimed within the republish delay', 'afterSeconds', :afterSeconds::int)
         FROM stranded
     )
     SELECT id, tenant_id, status, attempts FROM stranded`,
    { queue: options.queue, afterSeconds: options.afterSeconds, limit: options.limit },
  );
  return rows.map((row) => ({
    taskId: String(row.id),
    tenantId: String(row.tenant_id),
    status: row.status as TaskStatus,
    attempt: toNumber(row.attempts),
  }));
}
/**
 * Tasks whose message the SQS redrive policy moved to a DLQ (the worker crashed or timed out
 * `maxReceiveCount` times): QUEUED/RUNNING/RETRYING -> FAILED with a `dead_lettered` event.
 * Tasks already terminal, or PENDING again after a retry, are left alone.
 */
export async function failDeadLettered(
  db: Executor,
  taskIds: string[],
  queue: Priority,
): Promise<SweptTask[]> {
  if (taskIds.length === 0) return [];
  const { rows } = await db.query(
    `WITH input AS (
       SELECT DISTINCT value::uuid AS id FROM jsonb_array_elements_text(:taskIds::jsonb)
     ), changed AS (
       UPDATE tasks t
          SET status = 'FAILED', finished_at = now(), lease_until = NULL, updated_at = now(),
              last_error = COALESCE(t.last_error, jsonb_build_object('name', 'DeadLetteredError',
                'message', 'the message reached the dead-letter queue after too many receives'))
         FROM input i
        WHERE t.id = i.id AND t.status IN ('QUEUED', 'RUNNING', 'RETRYING')
       RETURNING t.id, t.tenant_id, t.status, t.attempts
     ), logged AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt, detail)
       SELECT id, tenant_id, 'dead_lettered', attempts, jsonb_build_object('source', 'redrive-policy', 'queue', :queue::text)
         FROM changed
     )
     SELECT id, tenant_id, status, attempts FROM changed`,
    { taskIds, queue },
  );
  return rows.map((row) => ({
    taskId: String(row.id),
    tenantId: String(row.tenant_id),
    status: row.status as TaskStatus,
    attempt: toNumber(row.attempts),
  }));
}

export interface DeadLetteredMessage {
  taskId: string;
  /** When the relay published the message (the envelope's `publishedAt`). */
  publishedAt: Date;
}

/**
 * Like `failDeadLettered`, but ignores a dead letter older than the task's current queuing: a
 * task retried through the API (FAILED -> PENDING -> QUEUED again) must not be failed by the
 * message of its previous run, which stays in the DLQ for 14 days. `slackSeconds` absorbs clock
 * skew between the relay (which stamps `publishedAt`) and the database (which sets `queued_at`).
 */
export async function failDeadLetteredMessages(
  db: Executor,
  messages: DeadLetteredMessage[],
  queue: Priority,
  slackSeconds = 60,
): Promise<SweptTask[]> {
  if (messages.length === 0) return [];
  const records = messages.map((m) => ({ id: m.taskId, published_at: m.publishedAt.toISOString() }));
  const { rows } = await db.query(
    `WITH input AS (
       SELECT id, max(published_at) AS published_at
         FROM jsonb_to_recordset(:records::jsonb) AS x(id uuid, published_at timestamptz)
        GROUP BY id
     ), changed AS (
       UPDATE tasks t
          SET status = 'FAILED', finished_at = now(), lease_until = NULL, updated_at = now(),
              last_error = COALESCE(t.last_error, jsonb_build_object('name', 'DeadLetteredError',
                'message', 'the message reached the dead-letter queue after too many receives'))
         FROM input i
        WHERE t.id = i.id AND t.status IN ('QUEUED', 'RUNNING', 'RETRYING')
          AND (t.queued_at IS NULL OR t.queued_at <= i.published_at + make_interval(secs => :slackSeconds))
       RETURNING t.id, t.tenant_id, t.status, t.attempts
     ), logged AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt, detail)
       SELECT id, tenant_id, 'dead_lettered', attempts, jsonb_build_object('source', 'redrive-policy', 'queue', :queue::text)
         FROM changed
     )
     SELECT id, tenant_id, status, attempts FROM changed`,
    { records, queue, slackSeconds },
  );
  return rows.map((row) => ({
    taskId: String(row.id),
    tenantId: String(row.tenant_id),
    status: row.status as TaskStatus,
    attempt: toNumber(row.attempts),
  }));
}

/** Deletes up to `limit` terminal tasks finished more than `retentionSeconds` ago. */
export async function deleteExpiredTasks(
  db: Executor,
  retentionSeconds: number,
  limit: number,
): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM tasks WHERE id IN (
       SELECT id FROM tasks
        WHERE status IN ('COMPLETED', 'FAILED', 'CANCELLED')
          AND finished_at < now() - make_interval(secs => :retentionSeconds)
        ORDER BY finished_at
        LIMIT :limit
        FOR UPDATE SKIP LOCKED)`,
    { retentionSeconds, limit },
  );
  return rowCount;
}
