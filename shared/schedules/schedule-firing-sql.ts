/**
 * The statements that make a schedule's tasks: the relay's claim of due schedules and its fire
 * (the slots' tasks and the schedule's advance in one statement), a triggered run, and the
 * earliest next slot. Each runs exactly one
 * statement; `now` comes from the caller. Why a slot can never make two tasks: `schedule-sql.ts`.
 */
import type { Executor } from '../db/database.ts';
import { toDate, toDateOrNull, toStringOrNull } from '../db/rows.ts';
import { PUBLISH_AND_LOG } from '../tasks/store/submit-sql.ts';
import type { Schedule } from './schedule.ts';
import { mapSchedule, SCHEDULE_COLUMNS } from './schedule-sql.ts';

/**
 * Claims up to `limit` due schedules (next slot at or before `now`, not paused, not claimed by a
 * live relay) with `FOR UPDATE SKIP LOCKED` and a claim lease, so concurrent relays take different
 * schedules; a relay that dies mid-fire leaves its schedules to the next claim after the lease.
 */
export async function claimDueSchedules(
  db: Executor,
  now: Date,
  limit: number,
  leaseSeconds: number,
): Promise<Schedule[]> {
  const { rows } = await db.query(
    `WITH due AS (
       SELECT id FROM schedules
        WHERE NOT paused AND next_run_at IS NOT NULL AND next_run_at <= :now::timestamptz
          AND (claimed_until IS NULL OR claimed_until < :now::timestamptz)
        ORDER BY next_run_at
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE schedules s SET claimed_until = :now::timestamptz + make_interval(secs => :leaseSeconds)
         FROM due WHERE s.id = due.id
       RETURNING s.*
     )
     SELECT ${SCHEDULE_COLUMNS} FROM claimed s LEFT JOIN tasks lt ON lt.id = s.last_task_id
      ORDER BY s.next_run_at`,
    { now, limit, leaseSeconds },
  );
  return rows.map(mapSchedule);
}

export interface FireRecord {
  scheduleId: string;
  /** next_run_at as the firing read it: the statement writes nothing if it changed since. */
  expectedNextRunAt: Date;
  nextRunAt: Date | null;
  tasks: SlotTask[];
  skippedOverlap: number;
  skippedMissed: number;
  now: Date;
}

export interface FireOutcome {
  /** false: the schedule changed (PATCH, pause, another relay) since the claim; nothing written. */
  advanced: boolean;
  /** The tasks inserted, with their creation time (for the lag metric). */
  inserted: { id: string; scheduledFor: Date; createdAt: Date }[];
}

/**
 * Fires one schedule in one statement: inserts the slots' tasks from the schedule's template
 * (with their outbox rows and `submitted` events, like a submit), and advances next_run_at, the
 * last run and the counters, all only while next_run_at is still `expectedNextRunAt`.
 */
export async function fireSchedule(db: Executor, fire: FireRecord): Promise<FireOutcome> {
  const { rows } = await db.query(
    `WITH guard AS (
       SELECT id, tenant_id, task FROM schedules
        WHERE id = :scheduleId::uuid AND next_run_at = :expected::timestamptz
        FOR UPDATE
     ), input AS (
       SELECT * FROM jsonb_to_recordset(:records::jsonb)
         AS x(id uuid, scheduled_for timestamptz, run_at timestamptz, correlation_id text)
     ), inserted AS (
       INSERT INTO tasks (id, tenant_id, type, payload, priority, status, correlation_id, run_at, max_attempts,
         max_interruptions, backoff_base_seconds, backoff_cap_seconds, timeout_seconds, schedule_id, scheduled_for)
       SELECT i.id, g.tenant_id, g.task->>'type', COALESCE(g.task->'payload', 'null'::jsonb), g.task->>'priority',
         'PENDING', i.correlation_id, i.run_at, (g.task->>'maxAttempts')::int, (g.task->>'maxInterruptions')::int,
         (g.task->'backoff'->>'baseSeconds')::float8, (g.task->'backoff'->>'capSeconds')::float8,
         (g.task->>'timeoutSeconds')::int, g.id, i.scheduled_for
         FROM input i CROSS JOIN guard g
       ON CONFLICT (schedule_id, scheduled_for) WHERE schedule_id IS NOT NULL DO NOTHING
       RETURNING id, tenant_id, priority, run_at, scheduled_for, created_at
     ), ${PUBLISH_AND_LOG}, advanced AS (
       UPDATE schedules s SET next_run_at = :nextRunAt::timestamptz, claimed_until = NULL,
         last_slot = COALESCE((SELECT max(scheduled_for) FROM inserted), s.last_slot),
         last_task_id = COALESCE((SELECT id FROM inserted ORDER BY scheduled_for DESC LIMIT 1), s.last_task_id),
         fired_count = s.fired_count + (SELECT count(*) FROM inserted),
         skipped_overlap_count = s.skipped_overlap_count + :skippedOverlap,
         skipped_missed_count = s.skipped_missed_count + :skippedMissed,
         updated_at = :now::timestamptz
         FROM guard g WHERE s.id = g.id
       RETURNING s.id
     )
     SELECT 'advanced' AS kind, NULL::uuid AS id, NULL::timestamptz AS scheduled_for, NULL::timestamptz AS created_at
       FROM advanced
     UNION ALL
     SELECT 'task', id, scheduled_for, created_at FROM inserted`,
    {
      scheduleId: fire.scheduleId,
      expected: fire.expectedNextRunAt,
      nextRunAt: fire.nextRunAt,
      records: fire.tasks.map((t) => ({
        id: t.id,
        scheduled_for: t.scheduledFor.toISOString(),
        run_at: t.runAt.toISOString(),
        correlation_id: t.correlationId,
      })),
      skippedOverlap: fire.skippedOverlap,
      skippedMissed: fire.skippedMissed,
      now: fire.now,
    },
  );
  return {
    advanced: rows.some((row) => row.kind === 'advanced'),
    inserted: rows
      .filter((row) => row.kind === 'task')
      .map((row) => ({
        id: String(row.id),
        scheduledFor: toDate(row.scheduled_for),
        createdAt: toDate(row.created_at),
      })),
  };
}

/** The earliest next slot of any active schedule, so the relay can wake for it. */
export async function earliestDueSchedule(db: Executor): Promise<Date | null> {
  const { rows } = await db.query(
    'SELECT min(next_run_at) AS due FROM schedules WHERE NOT paused AND next_run_at IS NOT NULL',
  );
  return toDateOrNull(rows[0]?.due ?? null);
}

/** A slot's task as the fire statement writes it; the rest of the task comes from the template. */
export interface SlotTask {
  id: string;
  scheduledFor: Date;
  runAt: Date;
  correlationId: string;
}

export interface TriggerRecord {
  tenantId: string;
  scheduleId: string;
  task: SlotTask;
  idempotencyKey: string | null;
  requestFingerprint: string | null;
  now: Date;
}

/**
 * One run now (`POST /v1/schedules/{id}/trigger`): a task from the template for the slot `now`,
 * recorded as the schedule's last run; the schedule's own slots are untouched. With an
 * Idempotency-Key already used, nothing is written and the existing task is returned
 * (`created` false). No row: the schedule is not the tenant's.
 */
export async function triggerSchedule(
  db: Executor,
  t: TriggerRecord,
): Promise<{
  taskId: string;
  scheduledFor: Date;
  created: boolean;
  requestFingerprint: string | null;
} | null> {
  const { rows } = await db.query(
    `WITH guard AS (
       SELECT id, tenant_id, task FROM schedules WHERE tenant_id = :tenantId::uuid AND id = :scheduleId::uuid
        FOR UPDATE
     ), inserted AS (
       INSERT INTO tasks (id, tenant_id, type, payload, priority, status, correlation_id, run_at, max_attempts,
         max_interruptions, backoff_base_seconds, backoff_cap_seconds, timeout_seconds, schedule_id, scheduled_for,
         idempotency_key, request_fingerprint)
       SELECT :taskId::uuid, g.tenant_id, g.task->>'type', COALESCE(g.task->'payload', 'null'::jsonb),
         g.task->>'priority', 'PENDING', :correlationId, :runAt::timestamptz, (g.task->>'maxAttempts')::int,
         (g.task->>'maxInterruptions')::int, (g.task->'backoff'->>'baseSeconds')::float8,
         (g.task->'backoff'->>'capSeconds')::float8, (g.task->>'timeoutSeconds')::int, g.id,
         :scheduledFor::timestamptz, :idempotencyKey, :requestFingerprint
         FROM guard g
       ON CONFLICT DO NOTHING
       RETURNING id, tenant_id, priority, run_at, scheduled_for, request_fingerprint
     ), ${PUBLISH_AND_LOG}, advanced AS (
       UPDATE schedules s SET last_slot = i.scheduled_for, last_task_id = i.id, fired_count = s.fired_count + 1,
         updated_at = :now::timestamptz
         FROM inserted i WHERE s.id = :scheduleId::uuid
     )
     SELECT id, scheduled_for, true AS created, request_fingerprint FROM inserted
     UNION ALL
     SELECT t.id, t.scheduled_for, false, t.request_fingerprint FROM tasks t
      WHERE t.tenant_id = :tenantId::uuid AND t.idempotency_key = :idempotencyKey
        AND EXISTS (SELECT 1 FROM guard) AND NOT EXISTS (SELECT 1 FROM inserted)`,
    {
      tenantId: t.tenantId,
      scheduleId: t.scheduleId,
      taskId: t.task.id,
      correlationId: t.task.correlationId,
      runAt: t.task.runAt,
      scheduledFor: t.task.scheduledFor,
      idempotencyKey: t.idempotencyKey,
      requestFingerprint: t.requestFingerprint,
      now: t.now,
    },
  );
  const row = rows[0];
  if (!row) return null;
  return {
    taskId: String(row.id),
    scheduledFor: toDate(row.scheduled_for),
    created: row.created === true,
    requestFingerprint: toStringOrNull(row.request_fingerprint),
  };
}
