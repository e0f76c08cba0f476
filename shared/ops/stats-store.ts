/**
 * The SQL behind `GET /v1/stats` and `GET /metrics`. One statement per function, each answered
 * from an index or from `task_counts` (maintained by triggers, migration 002), so the cost does
 * not grow with the number of tasks in the table. Measured by `bench/stats-latency.ts`.
 */

import type { Executor } from '../db/database.ts';
import { toDateOrNull, toNumber } from '../db/rows.ts';
import type { Priority } from '../tasks/priority.ts';
import type { TaskStatus } from '../tasks/task.ts';

export interface TaskCount {
  status: TaskStatus;
  priority: Priority;
  type: string;
  /** Tasks in this status now. */
  count: number;
}

/** A tenant's task counts by status x priority x type (non-zero combinations only). */
export async function tenantTaskCounts(db: Executor, tenantId: string): Promise<TaskCount[]> {
  const { rows } = await db.query(
    `SELECT status, priority, type, sum(current)::bigint AS count
       FROM task_counts WHERE tenant_id = :tenantId::uuid
      GROUP BY status, priority, type HAVING sum(current) <> 0
      ORDER BY status, priority, type`,
    { tenantId },
  );
  return rows.map((row) => ({
    status: row.status as TaskStatus,
    priority: row.priority as Priority,
    type: String(row.type),
    count: toNumber(row.count),
  }));
}

export interface FinishedCounts {
  lastMinute: { completed: number; failed: number };
  lastHour: { completed: number; failed: number };
}

/** Tasks that reached COMPLETED or FAILED in the last minute and hour (index range on finished_at). */
export async function finishedCounts(db: Executor, tenantId: string): Promise<FinishedCounts> {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE status = 'COMPLETED' AND finished_at >= now() - interval '1 minute')::int AS cm,
            count(*) FILTER (WHERE status = 'FAILED' AND finished_at >= now() - interval '1 minute')::int AS fm,
            count(*) FILTER (WHERE status = 'COMPLETED')::int AS ch,
            count(*) FILTER (WHERE status = 'FAILED')::int AS fh
       FROM tasks
      WHERE tenant_id = :tenantId::uuid AND status IN ('COMPLETED', 'FAILED')
        AND finished_at >= now() - interval '1 hour'`,
    { tenantId },
  );
  const row = rows[0] ?? {};
  return {
    lastMinute: { completed: toNumber(row.cm ?? 0), failed: toNumber(row.fm ?? 0) },
    lastHour: { completed: toNumber(row.ch ?? 0), failed: toNumber(row.fh ?? 0) },
  };
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface LatencyStats {
  /** Finished tasks the percentiles were computed over. */
  samples: number;
  /** Last attempt's run time: finished_at - started_at; null without samples. */
  durationMs: Percentiles | null;
  /** Wait before the last attempt started: started_at - max(queued_at, run_at); null without samples. */
  queueWaitMs: Percentiles | null;
}

function percentiles(row: Record<string, unknown>, prefix: string): Percentiles | null {
  if (row[`${prefix}50`] === null || row[`${prefix}50`] === undefined) return null;
  const round = (value: unknown) => Math.round(toNumber(value) * 10) / 10;
  return { p50: round(row[`${prefix}50`]), p95: round(row[`${prefix}95`]), p99: round(row[`${prefix}99`]) };
}

/**
 * Duration and queue-wait percentiles over the tenant's tasks that finished (COMPLETED or FAILED)
 * in the last `windowSeconds`, at most the latest `maxSamples` of them, so one call reads a
 * bounded slice of one index however busy the tenant is. Both are measured on the last attempt:
 * `started_at` is that attempt's start, and `max(queued_at, run_at)` is when it became runnable
 * (`run_at` moves forward on each retry's backoff). Waits are clamped at 0 (a worker may claim a
 * task up to a second early).
 */
export async function latencyStats(
  db: Executor,
  tenantId: string,
  windowSeconds: number,
  maxSamples: number,
): Promise<LatencyStats> {
  const { rows } = await db.query(
    `WITH recent AS (
       SELECT finished_at, started_at, queued_at, run_at FROM tasks
        WHERE tenant_id = :tenantId::uuid AND status IN ('COMPLETED', 'FAILED')
          AND finished_at >= now() - make_interval(secs => :windowSeconds)
        ORDER BY finished_at DESC
        LIMIT :maxSamples
     ), ms AS (
       SELECT EXTRACT(EPOCH FROM finished_at - started_at)::float8 * 1000 AS d,
              GREATEST(0, EXTRACT(EPOCH FROM started_at - GREATEST(queued_at, run_at))::float8 * 1000) AS w
         FROM recent WHERE started_at IS NOT NULL
     )
     SELECT count(*)::int AS samples,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS d50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY d) AS d95,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY d) AS d99,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY w) AS w50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY w) AS w95,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY w) AS w99
       FROM ms`,
    { tenantId, windowSeconds, maxSamples },
  );
  const row = rows[0] ?? {};
  return {
    samples: toNumber(row.samples ?? 0),
    durationMs: percentiles(row, 'd'),
    queueWaitMs: percentiles(row, 'w'),
  };
}

export interface TaskTotals extends TaskCount {
  /** Transitions into this status, ever (monotonic). */
  entered: number;
  /** Tasks submitted (only for PENDING), ever (monotonic). */
  inserted: number;
}

/** Every tenant's counts and monotonic counters by status x priority x type, for `GET /metrics`. */
export async function globalTaskTotals(db: Executor): Promise<TaskTotals[]> {
  const { rows } = await db.query(
    `SELECT status, priority, type, sum(current)::bigint AS count, sum(entered)::bigint AS entered,
            sum(inserted)::bigint AS inserted
       FROM task_counts GROUP BY status, priority, type ORDER BY status, priority, type`,
  );
  return rows.map((row) => ({
    status: row.status as TaskStatus,
    priority: row.priority as Priority,
    type: String(row.type),
    count: toNumber(row.count),
    entered: toNumber(row.entered),
    inserted: toNumber(row.inserted),
  }));
}

/**
 * Seconds the oldest due task has waited for a worker (PENDING or QUEUED with `run_at` passed),
 * every tenant; 0 when none waits.
 */
export async function oldestWaitingAgeSeconds(db: Executor): Promise<number> {
  const { rows } = await db.query(
    `SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(run_at)), 0)::float8 AS age
       FROM tasks WHERE status IN ('PENDING', 'QUEUED') AND run_at <= now()`,
  );
  return Math.max(0, toNumber(rows[0]?.age ?? 0));
}

/**
 * Per priority, when the oldest task still waiting for a worker became due (QUEUED, or RETRYING
 * past its backoff), every tenant, like the queues they share; null where none waits. One index
 * probe per priority on the partial index of waiting tasks (migration 005), as of `now`.
 */
export async function oldestDueWaiting(db: Executor, now: Date): Promise<Record<Priority, Date | null>> {
  const { rows } = await db.query(
    `SELECT p.priority,
            (SELECT min(run_at) FROM tasks
              WHERE status IN ('QUEUED', 'RETRYING') AND run_at <= :now::timestamptz AND priority = p.priority) AS oldest
       FROM unnest(ARRAY['high', 'medium', 'low']::text[]) AS p(priority)`,
    { now: now.toISOString() },
  );
  const oldest: Record<Priority, Date | null> = { high: null, medium: null, low: null };
  for (const row of rows) oldest[row.priority as Priority] = toDateOrNull(row.oldest);
  return oldest;
}
