/**
 * Dead-letter triage on PostgreSQL, the source of truth: FAILED tasks grouped by the error
 * fingerprint that migration 002 stores on them (`error_fingerprint`, from the normalised error
 * name and message), and redrive of many FAILED tasks in one statement through the outbox.
 */

import type { Executor } from '../db/database.ts';
import { parseJsonText, toDate, toDateOrNull, toNumber } from '../db/rows.ts';
import type { Priority } from '../tasks/priority.ts';
import type { TaskError } from '../tasks/task.ts';

export interface DeadLetterFilter {
  fingerprint?: string;
  type?: string;
}

export interface DeadLetterGroup {
  fingerprint: string;
  /** The normalised error the group shares, e.g. `TaskTimeoutError: task timed out after <n>s`. */
  signature: string;
  /** The most recent task's error, verbatim. */
  sampleError: TaskError | null;
  sampleTaskId: string;
  count: number;
  /** Tasks per type. */
  types: Record<string, number>;
  firstSeen: Date | null;
  lastSeen: Date | null;
}

export interface DeadLetterGroups {
  /** FAILED tasks matching the filter. */
  total: number;
  /** Groups matching the filter (the page holds at most `limit` of them, largest first). */
  groupCount: number;
  groups: DeadLetterGroup[];
}

/** The tenant's FAILED tasks grouped by fingerprint, largest group first. */
export async function listDeadLetterGroups(
  db: Executor,
  tenantId: string,
  filter: DeadLetterFilter,
  limit: number,
): Promise<DeadLetterGroups> {
  const { rows } = await db.query(
    `WITH by_type AS (
       SELECT error_fingerprint AS fingerprint, type, count(*) AS n, min(finished_at) AS first_seen,
              max(finished_at) AS last_seen
         FROM tasks
        WHERE tenant_id = :tenantId::uuid AND status = 'FAILED'
          AND (:fingerprint::text IS NULL OR error_fingerprint = :fingerprint::text)
          AND (:type::text IS NULL OR type = :type::text)
        GROUP BY error_fingerprint, type
     ), groups AS (
       SELECT fingerprint, sum(n)::bigint AS count, min(first_seen) AS first_seen, max(last_seen) AS last_seen,
              jsonb_object_agg(type, n)::text AS types,
              (count(*) OVER ())::int AS group_count, (sum(sum(n)) OVER ())::bigint AS total
         FROM by_type GROUP BY fingerprint
        ORDER BY count DESC, fingerprint
        LIMIT :limit
     )
     SELECT g.fingerprint, g.count, g.first_seen, g.last_seen, g.types, g.group_count, g.total,
            s.id AS sample_task_id, s.last_error::text AS sample_error,
            task_error_signature(s.last_error) AS signature
       FROM groups g
      CROSS JOIN LATERAL (
        SELECT t.id, t.last_error FROM tasks t
         WHERE t.tenant_id = :tenantId::uuid AND t.status = 'FAILED' AND t.error_fingerprint = g.fingerprint
           AND (:type::text IS NULL OR t.type = :type::text)
         ORDER BY t.finished_at DESC NULLS LAST
         LIMIT 1) s
      ORDER BY g.count DESC, g.fingerprint`,
    { tenantId, fingerprint: filter.fingerprint ?? null, type: filter.type ?? null, limit },
  );
  const first = rows[0];
  return {
    total: first ? toNumber(first.total) : 0,
    groupCount: first ? toNumber(first.group_count) : 0,
    groups: rows.map((row) => ({
      fingerprint: String(row.fingerprint),
      signature: String(row.signature),
      sampleError: parseJsonText(row.sample_error) as TaskError | null,
      sampleTaskId: String(row.sample_task_id),
      count: toNumber(row.count),
      types: parseJsonText(row.types) as Record<string, number>,
      firstSeen: toDateOrNull(row.first_seen),
      lastSeen: toDateOrNull(row.last_seen),
    })),
  };
}

export interface DeadLetterTask {
  id: string;
  type: string;
  priority: Priority;
  attempts: number;
  error: TaskError | null;
  fingerprint: string;
  createdAt: Date;
  finishedAt: Date | null;
}

/** The tenant's most recent FAILED tasks of one fingerprint, with their last error. */
export async function listDeadLetterTasks(
  db: Executor,
  tenantId: string,
  filter: DeadLetterFilter & { fingerprint: string },
  limit: number,
): Promise<DeadLetterTask[]> {
  const { rows } = await db.query(
    `SELECT id, type, priority, attempts, last_error::text AS last_error, error_fingerprint, created_at, finished_at
       FROM tasks
      WHERE tenant_id = :tenantId::uuid AND status = 'FAILED' AND error_fingerprint = :fingerprint::text
        AND (:type::text IS NULL OR type = :type::text)
      ORDER BY finished_at DESC NULLS LAST, id DESC
      LIMIT :limit`,
    { tenantId, fingerprint: filter.fingerprint, type: filter.type ?? null, limit },
  );
  return rows.map((row) => ({
    id: String(row.id),
    type: String(row.type),
    priority: row.priority as Priority,
    attempts: toNumber(row.attempts),
    error: parseJsonText(row.last_error) as TaskError | null,
    fingerprint: String(row.error_fingerprint),
    createdAt: toDate(row.created_at),
    finishedAt: toDateOrNull(row.finished_at),
  }));
}

export interface RedriveOutcome {
  /** Tasks moved FAILED -> PENDING by this call. */
  redriven: number;
  /** FAILED tasks that matched the filter when the call started. */
  matching: number;
  /** When the last redriven task becomes available to the relay (spread by the rate). */
  lastAvailableAt: Date | null;
}

/**
 * Redrives up to `limit` of the tenant's FAILED tasks (all, one fingerprint and/or one type),
 * oldest failure first, in one statement: FAILED -> PENDING with attempts reset, a new outbox row
 * and a `redriven` event each, as `POST /v1/tasks/{id}/retry` does for one task.
 *
 * With `ratePerSecond`, the n-th task's `run_at` and outbox `available_at` are now + n / rate, so
 * the relay publishes them at that pace with no long-running request; without it they are all
 * due now. Rows locked by a concurrent redrive are skipped (SKIP LOCKED) and stay FAILED.
 */
export async function redriveDeadLetters(
  db: Executor,
  tenantId: string,
  filter: DeadLetterFilter,
  options: { limit: number; ratePerSecond: number | null },
): Promise<RedriveOutcome> {
  const { rows } = await db.query(
    `WITH matching AS (
       SELECT count(*)::int AS n FROM tasks
        WHERE tenant_id = :tenantId::uuid AND status = 'FAILED'
          AND (:fingerprint::text IS NULL OR error_fingerprint = :fingerprint::text)
          AND (:type::text IS NULL OR type = :type::text)
     ), locked AS (
       SELECT id, attempts, finished_at, error_fingerprint FROM tasks
        WHERE tenant_id = :tenantId::uuid AND status = 'FAILED'
          AND (:fingerprint::text IS NULL OR error_fingerprint = :fingerprint::text)
          AND (:type::text IS NULL OR type = :type::text)
        ORDER BY finished_at, id
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
     ), picked AS (
       SELECT l.*, row_number() OVER (ORDER BY l.finished_at, l.id) - 1 AS seq FROM locked l
     ), changed AS (
       UPDATE tasks t
          SET status = 'PENDING', attempts = 0, interruptions = 0, lease_until = NULL, result = NULL, queued_at = NULL,
              started_at = NULL, finished_at = NULL, updated_at = now(),
              run_at = now() + make_interval(secs => COALESCE(p.seq / :ratePerSecond::float8, 0))
         FROM picked p
        WHERE t.id = p.id AND t.status = 'FAILED'
       RETURNING t.id, t.tenant_id, t.priority, t.run_at, p.attempts AS previous_attempts,
                 p.error_fingerprint AS fingerprint
     ), outboxed AS (
       INSERT INTO outbox (task_id, queue, available_at) SELECT id, priority, run_at FROM changed
     ), logged AS (
       INSERT INTO task_events (task_id, tenant_id, type, attempt, detail)
       SELECT id, tenant_id, 'redriven', 0,
              jsonb_build_object('source', 'dead-letter-redrive', 'previousStatus', 'FAILED',
                'previousAttempts', previous_attempts, 'fingerprint', fingerprint, 'availableAt', run_at)
         FROM changed
     )
     SELECT (SELECT count(*) FROM changed)::int AS redriven, (SELECT n FROM matching) AS matching,
            (SELECT max(run_at) FROM changed) AS last_available_at`,
    {
      tenantId,
      fingerprint: filter.fingerprint ?? null,
      type: filter.type ?? null,
      limit: options.limit,
      ratePerSecond: options.ratePerSecond,
    },
  );
  const row = rows[0] ?? {};
  return {
    redriven: toNumber(row.redriven ?? 0),
    matching: toNumber(row.matching ?? 0),
    lastAvailableAt: toDateOrNull(row.last_available_at),
  };
}
