/**
 * The schedule statements of the API: reads, writes and a triggered run (the relay's claim and
 * fire are in `schedule-firing-sql.ts`). Each exported
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
import type { TaskTemplateInput } from '../tasks/submit-schemas.ts';
import type { TaskStatus } from '../tasks/task.ts';
import type { OverlapPolicy, Schedule, ScheduleFields, ScheduleState } from './schedule.ts';

type Row = Record<string, unknown>;

/** The schedule columns of `s`, and the status of its last task from `lt` (a LEFT JOIN). */
export const SCHEDULE_COLUMNS = `s.id, s.tenant_id, s.name, s.cron, s.interval_seconds, s.timezone, s.task::text AS task,
  s.overlap, s.catch_up_window_seconds, s.jitter_seconds, s.start_at, s.end_at, s.anchor_at, s.paused,
  s.next_run_at, s.last_slot, s.last_task_id, s.fired_count, s.skipped_overlap_count, s.skipped_missed_count,
  s.idempotency_key, s.created_at, s.updated_at, lt.status AS last_task_status`;

export function mapSchedule(row: Row): Schedule {
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

/** Whether the tenant has a schedule with this id (to tell a 404 from a conflict). */
export async function scheduleExists(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const { rows } = await db.query(
    'SELECT 1 AS found FROM schedules WHERE tenant_id = :tenantId::uuid AND id = :id::uuid',
    { tenantId, id },
  );
  return rows.length > 0;
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
