/**
 * The task columns every statement of the store selects, and how a row becomes a `Task` or a
 * `TaskEvent`: one list, shared by the SQL modules of every actor (submit, api, relay, worker,
 * sweeper). Columns and SQL fragments here are built from constants only, never from input.
 *
 * JSON columns are selected as text and timestamps mapped with `toDate`, so rows look the same
 * through node-postgres and the RDS Data API.
 */

import type { Executor } from '../../db/database.ts';
import { parseJsonText, toDate, toDateOrNull, toNumber, toStringOrNull } from '../../db/rows.ts';
import type { Priority } from '../priority.ts';
import type { Task, TaskError, TaskEvent, TaskEventType, TaskStatus } from '../task.ts';

export type Row = Record<string, unknown>;

/**
 * JSON columns larger than this are not returned inline: the RDS Data API refuses a result row
 * over 64 KB (and a response over 1 MiB), while payloads and results may be 256 KiB. A read
 * returns NULL plus an `*_oversized` flag for such a column, and `tasksFromRows` fetches it in
 * slices. Two inline columns of this size, plus the rest of the row, stay under 64 KB.
 */
const INLINE_JSON_BYTES = 20_000;

/** Characters per slice of an oversized column: at most 4 bytes each, so a slice row stays < 64 KB. */
const SLICE_CHARS = 12_000;

/** Every column of a task as `mapTask` reads it, in select order. */
const TASK_COLUMNS = [
  'id',
  'tenant_id',
  'type',
  'payload',
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
  'result',
  'last_error',
  'created_at',
  'queued_at',
  'started_at',
  'finished_at',
  'updated_at',
  'schedule_id',
  'scheduled_for',
] as const;

type LargeJsonColumn = 'payload' | 'result';

const isLargeJson = (column: string): column is LargeJsonColumn =>
  column === 'payload' || column === 'result';

function inlineJson(alias: string, column: LargeJsonColumn): string {
  const c = `${alias}.${column}`;
  return `CASE WHEN octet_length(${c}::text) <= ${INLINE_JSON_BYTES} THEN ${c}::text END AS ${column},
    COALESCE(octet_length(${c}::text) > ${INLINE_JSON_BYTES}, false) AS ${column}_oversized`;
}

function selectList(alias: string, largeJson: (column: LargeJsonColumn) => string): string {
  return TASK_COLUMNS.map((column) => {
    if (isLargeJson(column)) return largeJson(column);
    if (column === 'last_error') return `${alias}.last_error::text AS last_error`;
    return `${alias}.${column}`;
  }).join(', ');
}

/** The task columns every read returns, qualified by `alias`. */
export function taskColumns(alias: string): string {
  return selectList(alias, (column) => inlineJson(alias, column));
}

/** Summary columns for listings and batch results: no payload or result, so a page stays small. */
export function summaryColumns(alias: string): string {
  return selectList(alias, (column) => `NULL::text AS ${column}`);
}

/**
 * The summary columns of `alias` renamed `<prefix><column>`, for a second image of a task in the
 * same row (the claim's before-image); `unprefixed` reads them back.
 */
export function prefixedColumns(alias: string, prefix: string): string {
  return TASK_COLUMNS.map((column) =>
    isLargeJson(column) ? `NULL AS ${prefix}${column}` : `${alias}.${column} AS ${prefix}${column}`,
  ).join(', ');
}

/** The columns of `row` named `<prefix><column>`, without the prefix. */
export function unprefixed(row: Row, prefix: string): Row {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
}

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
    scheduleId: toStringOrNull(row.schedule_id),
    scheduledFor: toDateOrNull(row.scheduled_for),
  };
}

/** The JSON columns of a row that were too large to return inline. */
function oversizedColumns(row: Row): LargeJsonColumn[] {
  const columns: LargeJsonColumn[] = [];
  if (row.payload_oversized === true) columns.push('payload');
  if (row.result_oversized === true) columns.push('result');
  return columns;
}

/** Reads one large JSON column in slices small enough for the Data API's row limit. */
async function readJsonColumn(db: Executor, taskId: string, column: LargeJsonColumn): Promise<unknown> {
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
export async function tasksFromRows(db: Executor, rows: Row[]): Promise<Task[]> {
  const tasks = rows.map(mapTask);
  for (const [index, row] of rows.entries()) {
    const task = tasks[index]!;
    for (const column of oversizedColumns(row)) task[column] = await readJsonColumn(db, task.id, column);
  }
  return tasks;
}

export function mapEvent(row: Row): TaskEvent {
  return {
    id: toNumber(row.id),
    taskId: String(row.task_id),
    type: row.type as TaskEventType,
    attempt: toNumber(row.attempt),
    detail: parseJsonText(row.detail),
    createdAt: toDate(row.created_at),
  };
}
