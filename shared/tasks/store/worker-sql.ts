/**
 * The worker's statements: one claim and one outcome statement per SQS batch, and the heartbeat.
 * Every statement is guarded in SQL (status, attempt number, lease generation); the callers get
 * the rows back and decide with `task-policy.ts`. One statement per exported function.
 */

import type { Executor } from '../../db/database.ts';
import { toNumber } from '../../db/rows.ts';
import type { Priority } from '../priority.ts';
import type { AttemptOutcome, ClaimRow, TaskStatus } from '../task.ts';
import { CLAIM_EARLY_SECONDS } from '../task-policy.ts';
import { mapTask, prefixedColumns, summaryColumns, taskColumns, tasksFromRows, unprefixed } from './rows.ts';

/**
 * Claims the tasks of one SQS batch in one statement, each with a lease of `timeout +
 * leaseMarginSeconds`, a new lease generation and a `started` event:
 * - QUEUED/RETRYING and due -> RUNNING, attempts + 1;
 * - RUNNING with an expired lease (its worker vanished) -> RUNNING again under the same attempt
 *   number, interruptions + 1 and an `interrupted` event, while interruptions remain.
 * Tasks whose timeout exceeds `maxTimeoutSeconds` (the invocation's remaining time) are left
 * alone. Every input id gets a row, in input order (`before` null for a missing task), which
 * `classifyClaim` turns into what the worker does with its message.
 */
export async function claimTasks(
  db: Executor,
  taskIds: string[],
  options: { leaseMarginSeconds: number; maxTimeoutSeconds: number },
): Promise<ClaimRow[]> {
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
          AND ((t.status IN ('QUEUED', 'RETRYING') AND t.run_at <= now() + make_interval(secs => ${CLAIM_EARLY_SECONDS}))
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
     SELECT b.due_in, b.lease_in, (c.id IS NOT NULL) AS claimed,
            ${taskColumns('c')}, ${prefixedColumns('b', 'b_')}
       FROM before b LEFT JOIN claimed c ON c.id = b.id`,
    { taskIds, leaseMarginSeconds: options.leaseMarginSeconds, maxTimeoutSeconds: options.maxTimeoutSeconds },
  );
  const claimed = new Map(
    (
      await tasksFromRows(
        db,
        rows.filter((row) => row.claimed === true),
      )
    ).map((t) => [t.id, t]),
  );
  const found = new Map<string, ClaimRow>();
  for (const row of rows) {
    const before = mapTask(unprefixed(row, 'b_'));
    found.set(before.id, {
      taskId: before.id,
      before,
      claimed: claimed.get(before.id) ?? null,
      dueInSeconds: toNumber(row.due_in),
      leaseEndsInSeconds: toNumber(row.lease_in),
    });
  }
  return taskIds.map(
    (taskId) =>
      found.get(taskId) ?? { taskId, before: null, claimed: null, dueInSeconds: 0, leaseEndsInSeconds: 0 },
  );
}

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
