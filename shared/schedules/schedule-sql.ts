/**
 * The schedule statements: the API's reads and writes, the relay's claim and fire. Each exported
 * function runs exactly one statement; times come from the caller (`now`), so tests inject the
 * clock.
 *
 * Exactly one task per slot: a slot's task is inserted with (schedule_id, scheduled_for) under
 * the unique index `tasks_schedule_slot_idx` (ON CONFLICT DO NOTHING), in the same statement that
 * moves the schedule's next_run_at past it, and only while next_run_at is still the value the
 * firing read (compare-and-set under the row lock). A firing that lost its claim, crashed, or raced
 * another relay therefore writes nothing, and one that committed has advanced the schedule.
 */
import type { Executor } from '../db/database.ts';
import { parseJsonText, toDate, toDateOrNull, toNumber, toStringOrNull } from '../db/rows.ts';
import { PUBLISH_AND_LOG } from '../tasks/store/submit-sql.ts';
import type { TaskTemplateInput } from '../tasks/submit-schemas.ts';
import type { TaskStatus } from '../tasks/task.ts';
import type { OverlapPolicy, Schedule, ScheduleFields, ScheduleState } from './schedule.ts';

type Row = Record<string, unknown>;

/** The schedule columns of `s`, and the status of its last task from `lt` (a LEFT JOIN). */
const SCHEDULE_COLUMNS = `s.id, s.tenant_id, s.name, s.cron, s.interval_seconds, s.timezone, s.task::text AS task,
  s.overlap, s.catch_up_window_seconds, s.jitter_seconds, s.start_at, s.end_at, s.anchor_at, s.paused,
  s.next_run_at, s.last_slot, s.last_task_id, s.fired_count, s.skipped_overlap_count, s.skipped_missed_count,
  s.idempotency_key, s.created_at, s.updated_at, lt.status AS last_task_status`;

function mapSchedule(row: Row): Schedule {
  return {
    id: String(row.id),
    tenantId: String(row.tenant_id),
    name: String(row.name),
    cron: toStringOrNull(row.cron),
    intervalSeconds: row.interval_seconds === null ? null : toNumber(row.interval_seconds),
    timezone: String(row.timezone),
    task: parseJsonText(row.task) as TaskTemplateInput,
    overlap: row.overlap as OverlapPolicy,
    catchUpWindowSeconds: toNumber(row.catch_up_window_seconds),
    jitterSeconds: toNumber(row.jitter_seconds),
    startAt: toDateOrNull(row.start_at),
    endAt: toDateOrNull(row.end_at),
    anchorAt: toDate(row.anchor_at),
    paused: row.paused === true,
    nextRunAt: toDateOrNull(row.next_run_at),
    lastSlot: toDateOrNull(row.last_slot),
    lastTaskId: toStringOrNull(row.last_task_id),
    lastTaskStatus: (toStringOrNull(row.last_task_status) as TaskStatus | null) ?? null,
    firedCount: toNumber(row.fired_count),
    skippedOverlapCount: toNumber(row.skipped_overlap_count),
    skippedMissedCount: toNumber(row.skipped_missed_count),
    idempotencyKey: toStringOrNull(row.idempotency_key),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

function fieldParams(fields: ScheduleFields) {
  return {
    name: fields.name,
    cron: fields.cron,
    intervalSeconds: fields.intervalSeconds,
    timezone: fields.timezone,
    task: JSON.stringify(fields.task),
    overlap: fields.overlap,
    catchUpWindowSeconds: fields.catchUpWindowSeconds,
    jitterSeconds: fields.jitterSeconds,
    startAt: fields.startAt,
    endAt: fields.endAt,
  };
}

export interface NewSchedule extends ScheduleFields {
  id: string;
  tenantId: string;
  anchorAt: Date;
  nextRunAt: Date | null;
  idempotencyKey: string | null;
  requestFingerprint: string | null;
  now: Date;
}

export interface ScheduleInsertOutcome {
  schedule: Schedule;
  /** false: a schedule with the same (tenant, Idempotency-Key) existed; nothing was written. */
  created: boolean;
  requestFingerprint: string | null;
}

/**
 * Inserts a schedule. With an Idempotency-Key that exists, returns that schedule unchanged; null
 * when nothing was written and no schedule has the key: the name is taken (or a concurrent request
 * with the key committed after this statement's snapshot).
 */
export async function insertSchedule(db: Executor, s: NewSchedule): Promise<ScheduleInsertOutcome | null> {
  const { rows } = await db.query(
    `WITH inserted AS (
       INSERT INTO schedules (id, tenant_id, name, cron, interval_seconds, timezone, task, overlap,
         catch_up_window_seconds, jitter_seconds, start_at, end_at, anchor_at, next_run_at, idempotency_key,
         request_fingerprint, created_at, updated_at)
       VALUES (:id::uuid, :tenantId::uuid, :name, :cron, :intervalSeconds, :timezone, :task::jsonb, :overlap,
         :catchUpWindowSeconds, :jitterSeconds, :startAt::timestamptz, :endAt::timestamptz, :anchorAt::timestamptz,
         :nextRunAt::timestamptz, :idempotencyKey, :requestFingerprint, :now::timestamptz, :now::timestamptz)
       ON CONFLICT DO NOTHING
       RETURNING *
     )
     SELECT ${SCHEDULE_COLUMNS}, true AS created, s.request_fingerprint
       FROM inserted s LEFT JOIN tasks lt ON false
     UNION ALL
     SELECT ${SCHEDULE_COLUMNS}, false AS created, s.request_fingerprint
       FROM schedules s LEFT JOIN tasks lt ON lt.id = s.last_task_id
      WHERE s.tenant_id = :tenantId::uuid AND s.idempotency_key = :idempotencyKey
        AND NOT EXISTS (SELECT 1 FROM inserted)`,
    {
      ...fieldParams(s),
      id: s.id,
      tenantId: s.tenantId,
      anchorAt: s.anchorAt,
      nextRunAt: s.nextRunAt,
      idempotencyKey: s.idempotencyKey,
      requestFingerprint: s.requestFingerprint,
      now: s.now,
    },
  );
  const row = rows[0];
  if (!row) return null;
  return {
    schedule: mapSchedule(row),
    created: row.created === true,
    requestFingerprint: toStringOrNull(row.request_fingerprint),
  };
}

export async function getSchedule(db: Executor, tenantId: string, id: string): Promise<Schedule | null> {
  const { rows } = await db.query(
    `SELECT ${SCHEDULE_COLUMNS} FROM schedules s LEFT JOIN tasks lt ON lt.id = s.last_task_id
      WHERE s.tenant_id = :tenantId::uuid AND s.id = :id::uuid`,
    { tenantId, id },
  );
  return rows[0] ? mapSchedule(rows[0]) : null;
}

/** A page of a tenant's schedules, newest first (keyset on the UUIDv7 id), optionally by state. */
export async function listSchedules(
  db: Executor,
  tenantId: string,
  state: ScheduleState | null,
  limit: number,
  beforeId: string | null,
): Promise<Schedule[]> {
  const { rows } = await db.query(
    `SELECT ${SCHEDULE_COLUMNS} FROM schedules s LEFT JOIN tasks lt ON lt.id = s.last_task_id
      WHERE s.tenant_id = :tenantId::uuid
        AND (:beforeId::uuid IS NULL OR s.id < :beforeId::uuid)
        AND (:state::text IS NULL
          OR (:state::text = 'paused' AND s.paused)
          OR (:state::text = 'active' AND NOT s.paused AND s.next_run_at IS NOT NULL)
          OR (:state::text = 'finished' AND NOT s.paused AND s.next_run_at IS NULL))
      ORDER BY s.id DESC
      LIMIT :limit`,
    { tenantId, state, limit, beforeId },
  );
  return rows.map(mapSchedule);
}

/**
 * Replaces a schedule's settings (a PATCH merged by the caller) and its next slot. Clears any
 * relay's claim: a firing in flight then finds next_run_at changed and writes nothing.
 */
export async function updateSchedule(
  db: Executor,
  tenantId: string,
  id: string,
  fields: ScheduleFields & { anchorAt: Date; nextRunAt: Date | null; now: Date },
): Promise<Schedule | null> {
  const { rows } = await db.query(
    `WITH updated AS (
       UPDATE schedules SET cron = :cron, interval_seconds = :intervalSeconds, timezone = :timezone,
         task = :task::jsonb, overlap = :overlap, catch_up_window_seconds = :catchUpWindowSeconds,
         jitter_seconds = :jitterSeconds, start_at = :startAt::timestamptz, end_at = :endAt::timestamptz,
         anchor_at = :anchorAt::timestamptz, next_run_at = :nextRunAt::timestamptz, claimed_until = NULL,
         updated_at = :now::timestamptz
        WHERE tenant_id = :tenantId::uuid AND id = :id::uuid AND name = :name
       RETURNING *
     )
     SELECT ${SCHEDULE_COLUMNS} FROM updated s LEFT JOIN tasks lt ON lt.id = s.last_task_id`,
    {
      ...fieldParams(fields),
      tenantId,
      id,
      anchorAt: fields.anchorAt,
      nextRunAt: fields.nextRunAt,
      now: fields.now,
    },
  );
  return rows[0] ? mapSchedule(rows[0]) : null;
}

/**
 * Pauses a schedule, or resumes it from `nextRunAt` (the first slot after the resume: slots that
 * fell in the pause are not run). Clears any relay's claim.
 */
export async function setPaused(
  db: Executor,
  tenantId: string,
  id: string,
  paused: boolean,
  nextRunAt: Date | null,
  now: Date,
): Promise<Schedule | null> {
  const { rows } = await db.query(
    `WITH updated AS (
       UPDATE schedules SET paused = :paused,
         next_run_at = CASE WHEN :paused THEN next_run_at ELSE :nextRunAt::timestamptz END,
         claimed_until = NULL, updated_at = :now::timestamptz
        WHERE tenant_id = :tenantId::uuid AND id = :id::uuid
       RETURNING *
     )
     SELECT ${SCHEDULE_COLUMNS} FROM updated s LEFT JOIN tasks lt ON lt.id = s.last_task_id`,
    { tenantId, id, paused, nextRunAt, now },
  );
  return rows[0] ? mapSchedule(rows[0]) : null;
}

/** Deletes a schedule; the tasks it made stay (with their scheduleId). */
export async function deleteSchedule(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'DELETE FROM schedules WHERE tenant_id = :tenantId::uuid AND id = :id::uuid',
    {
      tenantId,
      id,
    },
  );
  return rowCount > 0;
}

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

/** A slot's task as the fire statement writes it; the rest of the task comes from the template. */
export interface SlotTask {
  id: string;
  scheduledFor: Date;
  runAt: Date;
  correlationId: string;
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

/** Whether the tenant has a schedule with this id (to tell a 404 from a conflict). */
export async function scheduleExists(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const { rows } = await db.query(
    'SELECT 1 AS found FROM schedules WHERE tenant_id = :tenantId::uuid AND id = :id::uuid',
    { tenantId, id },
  );
  return rows.length > 0;
}

/** The earliest next slot of any active schedule, so the relay can wake for it. */
export async function earliestDueSchedule(db: Executor): Promise<Date | null> {
  const { rows } = await db.query(
    'SELECT min(next_run_at) AS due FROM schedules WHERE NOT paused AND next_run_at IS NOT NULL',
  );
  return toDateOrNull(rows[0]?.due ?? null);
}

/** A tenant's schedules by state, for `/v1/stats`. */
export async function countSchedulesByState(
  db: Executor,
  tenantId: string,
): Promise<Record<ScheduleState, number>> {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE NOT paused AND next_run_at IS NOT NULL)::int AS active,
            count(*) FILTER (WHERE paused)::int AS paused,
            count(*) FILTER (WHERE NOT paused AND next_run_at IS NULL)::int AS finished
       FROM schedules WHERE tenant_id = :tenantId::uuid`,
    { tenantId },
  );
  const row = rows[0] ?? {};
  return {
    active: toNumber(row.active ?? 0),
    paused: toNumber(row.paused ?? 0),
    finished: toNumber(row.finished ?? 0),
  };
}
