/**
 * Task use cases behind the HTTP API. No SQL here: the statements are in `store/` (`submit-sql.ts`,
 * `api-sql.ts`). Inputs arrive validated with every default applied (`task-schemas.ts`); this
 * module scopes every read and write to the caller's tenant, holds the database backstop of
 * idempotency and turns "not found" and "wrong state" outcomes into `AppError`s.
 */
import { DatabaseError, type Executor } from '../db/database.ts';
import { ConflictError, IdempotencyKeyReusedError, NotFoundError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { isUuid, uuidv7 } from '../ids.ts';
import { MetricName, MetricUnit, metrics } from '../observability.ts';
import { signalOutboxRows } from '../outbox/outbox-signal.ts';
import * as apiSql from './store/api-sql.ts';
import { insertTaskBatched } from './store/insert-batcher.ts';
import { insertTasks } from './store/submit-sql.ts';
import type { SubmitTaskInput } from './submit-schemas.ts';
import {
  CANCELLABLE_STATUSES,
  type NewTask,
  RETRYABLE_STATUSES,
  type Task,
  type TaskEvent,
  type TaskStatus,
  TERMINAL_STATUSES,
} from './task.ts';
import type { ListEventsQuery, ListTasksQuery } from './task-schemas.ts';

/** The store functions the use cases call (the last parameter of each); unit tests pass fakes. */
export const sqlTaskStore = { ...apiSql, insertTask: insertTaskBatched, insertTasks };
export type TaskStore = typeof sqlTaskStore;

/** Who is asking: the authenticated tenant and request-scoped labels stored on new tasks. */
export interface Caller {
  tenantId: string;
  correlationId: string;
  /** `X-Client-Id`, when given. */
  clientId: string | null;
}

export interface Idempotency {
  key: string;
  /** `requestFingerprint(...)` of the request that carried the key. */
  fingerprint: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function toNewTask(
  input: SubmitTaskInput,
  caller: Caller,
  now: number,
  idempotency: Idempotency | null,
): NewTask {
  const runAt =
    input.runAt !== undefined ? new Date(input.runAt) : new Date(now + (input.delaySeconds ?? 0) * 1000);
  return {
    id: uuidv7(now),
    tenantId: caller.tenantId,
    type: input.type,
    payload: input.payload,
    priority: input.priority,
    runAt,
    maxAttempts: input.maxAttempts,
    maxInterruptions: input.maxInterruptions,
    backoffBaseSeconds: input.backoff.baseSeconds,
    backoffCapSeconds: input.backoff.capSeconds,
    timeoutSeconds: input.timeoutSeconds,
    idempotencyKey: idempotency?.key ?? null,
    requestFingerprint: idempotency?.fingerprint ?? null,
    clientId: caller.clientId,
    correlationId: caller.correlationId,
  };
}

export interface SubmitOutcome {
  task: Task;
  /** true when an earlier request with the same Idempotency-Key created the task. */
  replayed: boolean;
}

/**
 * Creates a task (row, outbox row and `submitted` event in one statement). With an
 * Idempotency-Key, a repeat of the same request returns the task it created, and a different
 * request under the same key is a 422. The edge answers most repeats from Redis before they get
 * here; PostgreSQL's unique index is the durable backstop when Redis has no record.
 */
export async function submitTask(
  db: Executor,
  caller: Caller,
  input: SubmitTaskInput,
  idempotency: Idempotency | null,
  store: TaskStore = sqlTaskStore,
): Promise<SubmitOutcome> {
  const newTask = toNewTask(input, caller, Date.now(), idempotency);
  // null: a concurrent request with the same key won the race after our snapshot; read its task.
  const outcome =
    (await store.insertTask(db, newTask)) ??
    (idempotency ? await store.findByIdempotencyKey(db, caller.tenantId, idempotency.key) : null);
  if (!outcome) throw new Error('task insert returned no row');
  if (outcome.created) {
    signalOutboxRows();
    metrics.addMetric(MetricName.TasksSubmitted, MetricUnit.Count, 1);
    return { task: outcome.task, replayed: false };
  }
  if (outcome.requestFingerprint !== idempotency?.fingerprint) {
    throw new IdempotencyKeyReusedError(
      'This Idempotency-Key was already used with a different request; use a new key for a new request',
    );
  }
  metrics.addMetric(MetricName.IdempotentReplays, MetricUnit.Count, 1);
  return { task: outcome.task, replayed: true };
}

export interface BatchOutcome {
  tasks: Task[];
  /** true when an earlier request with the same Idempotency-Key created these tasks. */
  replayed: boolean;
}

/** The idempotency key stored on task `index` of a batch submitted with `key`. */
export function batchItemKey(key: string, index: number): string {
  return `${key}#${index}`;
}

/**
 * Creates every task of a batch in one statement: all are written, or none. With an
 * Idempotency-Key K, task i is stored with key `K#i` and the batch's fingerprint, so the unique
 * (tenant_id, idempotency_key) index is the durable backstop here too: a repeat violates it,
 * nothing is written, and the tasks the first request created are returned (422 when the keys
 * belong to another request).
 */
export async function submitBatch(
  db: Executor,
  caller: Caller,
  inputs: SubmitTaskInput[],
  idempotency: Idempotency | null = null,
  store: TaskStore = sqlTaskStore,
): Promise<BatchOutcome> {
  const now = Date.now();
  const itemKeys = idempotency ? inputs.map((_, i) => batchItemKey(idempotency.key, i)) : [];
  const newTasks = inputs.map((input, i) =>
    toNewTask(
      input,
      caller,
      now,
      idempotency ? { key: itemKeys[i]!, fingerprint: idempotency.fingerprint } : null,
    ),
  );
  try {
    const tasks = await store.insertTasks(db, newTasks);
    signalOutboxRows();
    metrics.addMetric(MetricName.TasksSubmitted, MetricUnit.Count, tasks.length);
    return { tasks, replayed: false };
  } catch (err) {
    const duplicate = err instanceof DatabaseError || (err instanceof Error && err.name === 'DatabaseError');
    if (!idempotency || !duplicate || (err as DatabaseError).code !== 'unique_violation') throw err;
    const existing = await store.findByIdempotencyKeys(db, caller.tenantId, itemKeys);
    const sameRequest =
      existing.length === itemKeys.length &&
      existing.every((e) => e.requestFingerprint === idempotency.fingerprint);
    if (!sameRequest) {
      throw new IdempotencyKeyReusedError(
        'This Idempotency-Key was already used with a different request; use a new key for a new request',
      );
    }
    metrics.addMetric(MetricName.IdempotentReplays, MetricUnit.Count, 1);
    return { tasks: existing.map((e) => e.task), replayed: true };
  }
}

function notFound(taskId: string): NotFoundError {
  return new NotFoundError(`No task ${taskId}`, 'id');
}

/** The tenant's task; another tenant's task is indistinguishable from a missing one (404). */
export async function getTask(
  db: Executor,
  tenantId: string,
  taskId: string,
  store: TaskStore = sqlTaskStore,
): Promise<Task> {
  const task = await store.getTask(db, tenantId, taskId);
  if (!task) throw notFound(taskId);
  return task;
}

/** The first `limit` rows: one more was read to tell whether another page exists (else no cursor). */
function pageOf<T extends { id: string | number }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items.at(-1)!.id) : null };
}

/** A page of the tenant's tasks, newest first; `nextCursor` is null on the last page. */
export async function listTasks(
  db: Executor,
  tenantId: string,
  query: ListTasksQuery,
  store: TaskStore = sqlTaskStore,
): Promise<Page<Task>> {
  const beforeId = query.cursor === undefined ? null : decodeCursor(query.cursor, isUuid);
  const filters = {
    status: query.status,
    type: query.type,
    priority: query.priority,
    clientId: query.clientId,
    scheduleId: query.scheduleId,
  };
  return pageOf(await store.listTasks(db, tenantId, filters, query.limit + 1, beforeId), query.limit);
}

const isEventId = (key: string) => /^[1-9]\d{0,17}$/.test(key);

/** A page of a task's events, oldest first. */
export async function listEvents(
  db: Executor,
  tenantId: string,
  taskId: string,
  query: ListEventsQuery,
  store: TaskStore = sqlTaskStore,
): Promise<Page<TaskEvent>> {
  const afterId = query.cursor === undefined ? null : Number(decodeCursor(query.cursor, isEventId));
  const rows = await store.listEvents(db, tenantId, taskId, query.limit + 1, afterId);
  if (!rows) throw notFound(taskId);
  return pageOf(rows, query.limit);
}

/** The changed task, or the 404 (not the tenant's) or 409 (another status) that says why not. */
function changedTask(
  change: apiSql.GuardedChange,
  id: string,
  action: string,
  slug: string,
  allowed: readonly TaskStatus[],
): Task {
  const { previousStatus: status, task } = change;
  if (!status) throw notFound(id);
  if (task) return task;
  const detail = `Task ${id} is ${status}; only ${allowed.join(', ')} tasks can be ${action}`;
  throw new ConflictError(slug, detail, { taskStatus: status, allowedStatuses: [...allowed] });
}

/** PENDING/QUEUED/RETRYING -> CANCELLED. */
export async function cancelTask(
  db: Executor,
  tenantId: string,
  taskId: string,
  reason: string | null,
  store: TaskStore = sqlTaskStore,
): Promise<Task> {
  const change = await store.cancelTask(db, tenantId, taskId, reason);
  return changedTask(change, taskId, 'cancelled', 'task-not-cancellable', CANCELLABLE_STATUSES);
}

/** FAILED/CANCELLED -> PENDING, attempts reset, published again. */
export async function retryTask(
  db: Executor,
  tenantId: string,
  taskId: string,
  store: TaskStore = sqlTaskStore,
): Promise<Task> {
  const change = await store.retryTask(db, tenantId, taskId, 'api');
  const task = changedTask(change, taskId, 'retried', 'task-not-retryable', RETRYABLE_STATUSES);
  signalOutboxRows();
  return task;
}

/** Deletes a terminal task and its events. */
export async function deleteTask(
  db: Executor,
  tenantId: string,
  taskId: string,
  store: TaskStore = sqlTaskStore,
): Promise<void> {
  const change = await store.deleteTask(db, tenantId, taskId);
  changedTask(change, taskId, 'deleted', 'task-not-terminal', TERMINAL_STATUSES);
}
