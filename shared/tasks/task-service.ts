/**
 * Task use cases behind the HTTP API. No SQL here: the statements are in `store/`.
 * Inputs arrive validated (see `task-schemas.ts`); this module applies defaults, scopes every
 * read and write to the caller's tenant, enforces idempotency and turns "not found" and
 * "wrong state" outcomes into `AppError`s.
 */
import { createHash } from 'node:crypto';
import type { TaskDefaults } from '../config.ts';
import { DatabaseError, type Executor } from '../db/database.ts';
import { ConflictError, IdempotencyKeyReusedError, NotFoundError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { isUuid, uuidv7 } from '../ids.ts';
import { MetricName, MetricUnit, metrics } from '../observability.ts';
import { signalOutboxRows } from '../outbox/outbox-signal.ts';
import * as store from './store/api-sql.ts';
import { insertTaskBatched } from './store/insert-batcher.ts';
import { insertTasks } from './store/submit-sql.ts';
import {
  CANCELLABLE_STATUSES,
  type NewTask,
  RETRYABLE_STATUSES,
  type Task,
  type TaskEvent,
  type TaskStatus,
  TERMINAL_STATUSES,
} from './task.ts';
import type { ListEventsQuery, ListTasksQuery, SubmitTaskInput } from './task-schemas.ts';

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

/** JSON with object keys sorted at every level, so equal bodies give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Identifies a request for idempotency: same method, route and (canonical) body, same fingerprint. */
export function requestFingerprint(method: string, route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${route}\n${canonicalJson(body)}`)
    .digest('hex');
}

function toNewTask(
  input: SubmitTaskInput,
  caller: Caller,
  defaults: TaskDefaults,
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
    backoffBaseSeconds: input.backoff?.baseSeconds ?? defaults.backoffBaseSeconds,
    backoffCapSeconds: input.backoff?.capSeconds ?? defaults.backoffCapSeconds,
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
 * request under the same key is a 422. PostgreSQL's unique index is the durable backstop; a
 * Redis fast path (DESIGN section 6) belongs in front of `store.insertTask` here, answering
 * replays without a database round trip.
 */
export async function submitTask(
  db: Executor,
  caller: Caller,
  input: SubmitTaskInput,
  defaults: TaskDefaults,
  idempotency: Idempotency | null,
): Promise<SubmitOutcome> {
  const newTask = toNewTask(input, caller, defaults, Date.now(), idempotency);
  // null: a concurrent request with the same key won the race after our snapshot; read its task.
  const outcome =
    (await insertTaskBatched(db, newTask)) ??
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
  defaults: TaskDefaults,
  idempotency: Idempotency | null = null,
): Promise<BatchOutcome> {
  const now = Date.now();
  const itemKeys = idempotency ? inputs.map((_, i) => batchItemKey(idempotency.key, i)) : [];
  const newTasks = inputs.map((input, i) =>
    toNewTask(
      input,
      caller,
      defaults,
      now,
      idempotency ? { key: itemKeys[i]!, fingerprint: idempotency.fingerprint } : null,
    ),
  );
  try {
    const tasks = await insertTasks(db, newTasks);
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
export async function getTask(db: Executor, tenantId: string, taskId: string): Promise<Task> {
  const task = await store.getTask(db, tenantId, taskId);
  if (!task) throw notFound(taskId);
  return task;
}

/** The 409 for reading the result of a task that is not COMPLETED. */
export function noResultConflict(
  taskId: string,
  status: TaskStatus,
  lastError: { name?: string; message: string } | null | undefined,
): ConflictError {
  return new ConflictError('task-not-completed', `Task ${taskId} has no result: it is ${status}`, {
    taskStatus: status,
    ...(lastError ? { error: { name: lastError.name, message: lastError.message } } : {}),
  });
}

/** The result of a COMPLETED task; 409 with the current status otherwise. */
export async function getTaskResult(db: Executor, tenantId: string, taskId: string): Promise<Task> {
  const task = await getTask(db, tenantId, taskId);
  if (task.status !== 'COMPLETED') throw noResultConflict(taskId, task.status, task.lastError);
  return task;
}

/** A page of the tenant's tasks, newest first; `nextCursor` is null on the last page. */
export async function listTasks(db: Executor, tenantId: string, query: ListTasksQuery): Promise<Page<Task>> {
  const beforeId = query.cursor === undefined ? null : decodeCursor(query.cursor, isUuid);
  const filters = {
    status: query.status,
    type: query.type,
    priority: query.priority,
    clientId: query.clientId,
  };
  // One extra row tells whether another page exists, so the last page has no cursor.
  const rows = await store.listTasks(db, tenantId, filters, query.limit + 1, beforeId);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items.at(-1)!.id) : null };
}

const isEventId = (key: string) => /^[1-9]\d{0,17}$/.test(key);

/** A page of a task's events, oldest first. */
export async function listEvents(
  db: Executor,
  tenantId: string,
  taskId: string,
  query: ListEventsQuery,
): Promise<Page<TaskEvent>> {
  const afterId = query.cursor === undefined ? null : Number(decodeCursor(query.cursor, isEventId));
  const rows = await store.listEvents(db, tenantId, taskId, query.limit + 1, afterId);
  if (!rows) throw notFound(taskId);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items.at(-1)!.id) : null };
}

function stateConflict(
  slug: string,
  taskId: string,
  action: string,
  status: TaskStatus,
  allowed: readonly TaskStatus[],
): ConflictError {
  return new ConflictError(
    slug,
    `Task ${taskId} is ${status}; only ${allowed.join(', ')} tasks can be ${action}`,
    { taskStatus: status, allowedStatuses: [...allowed] },
  );
}

/** PENDING/QUEUED/RETRYING -> CANCELLED. */
export async function cancelTask(
  db: Executor,
  tenantId: string,
  taskId: string,
  reason: string | null,
): Promise<Task> {
  const change = await store.cancelTask(db, tenantId, taskId, reason);
  if (!change.previousStatus) throw notFound(taskId);
  if (!change.task) {
    throw stateConflict(
      'task-not-cancellable',
      taskId,
      'cancelled',
      change.previousStatus,
      CANCELLABLE_STATUSES,
    );
  }
  return change.task;
}

/** FAILED/CANCELLED -> PENDING, attempts reset, published again. */
export async function retryTask(db: Executor, tenantId: string, taskId: string): Promise<Task> {
  const change = await store.retryTask(db, tenantId, taskId, 'api');
  if (!change.previousStatus) throw notFound(taskId);
  if (!change.task) {
    throw stateConflict('task-not-retryable', taskId, 'retried', change.previousStatus, RETRYABLE_STATUSES);
  }
  signalOutboxRows();
  return change.task;
}

/** Deletes a terminal task and its events. */
export async function deleteTask(db: Executor, tenantId: string, taskId: string): Promise<void> {
  const change = await store.deleteTask(db, tenantId, taskId);
  if (!change.previousStatus) throw notFound(taskId);
  if (!change.task) {
    throw stateConflict('task-not-terminal', taskId, 'deleted', change.previousStatus, TERMINAL_STATUSES);
  }
}
