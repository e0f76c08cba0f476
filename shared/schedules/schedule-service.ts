/**
 * Schedule use cases behind the HTTP API. No SQL here (`schedule-sql.ts`). Inputs arrive
 * validated (`schedule-schemas.ts`); this module scopes every statement to the caller's tenant,
 * computes the next slot of a new or changed schedule, holds the database backstop of
 * idempotency, and turns "not found" and "name taken" into `AppError`s.
 */
import type { Executor } from '../db/database.ts';
import { ConflictError, IdempotencyKeyReusedError, NotFoundError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { isUuid, uuidv7 } from '../ids.ts';
import { signalOutboxRows } from '../outbox/outbox-signal.ts';
import type { Caller, Idempotency, Page } from '../tasks/task-service.ts';
import type { Schedule, ScheduleFields } from './schedule.ts';
import { triggerSchedule as insertTriggeredRun } from './schedule-firing-sql.ts';
import type { CreateScheduleInput, ListSchedulesQuery, UpdateScheduleInput } from './schedule-schemas.ts';
import * as sql from './schedule-sql.ts';
import { nextSlot } from './slots.ts';

const notFound = (id: string) => new NotFoundError(`No schedule ${id}`, 'id');

function dateOrNull(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}

export interface CreateOutcome {
  schedule: Schedule;
  replayed: boolean;
}

/** Creates a schedule; its first slot is the first after `now` (and at or after startAt). */
export async function createSchedule(
  db: Executor,
  caller: Caller,
  input: CreateScheduleInput,
  idempotency: Idempotency | null,
  now = new Date(),
): Promise<CreateOutcome> {
  const fields: ScheduleFields = {
    name: input.name,
    cron: input.cron ?? null,
    intervalSeconds: input.intervalSeconds ?? null,
    timezone: input.timezone,
    task: input.task,
    overlap: input.overlap,
    catchUpWindowSeconds: input.catchUpWindowSeconds,
    jitterSeconds: input.jitterSeconds,
    startAt: dateOrNull(input.startAt),
    endAt: dateOrNull(input.endAt),
  };
  const anchorAt = fields.startAt ?? now;
  const outcome =
    (await sql.insertSchedule(db, {
      ...fields,
      id: uuidv7(now.getTime()),
      tenantId: caller.tenantId,
      anchorAt,
      nextRunAt: nextSlot({ ...fields, anchorAt }, now),
      idempotencyKey: idempotency?.key ?? null,
      requestFingerprint: idempotency?.fingerprint ?? null,
      now,
    })) ?? null;
  if (!outcome)
    throw new ConflictError('schedule-name-taken', `A schedule named "${input.name}" exists already`, {
      field: 'name',
    });
  if (outcome.created) {
    signalOutboxRows();
    return { schedule: outcome.schedule, replayed: false };
  }
  if (outcome.requestFingerprint !== idempotency?.fingerprint)
    throw new IdempotencyKeyReusedError(
      'This Idempotency-Key was already used with a different request; use a new key for a new request',
    );
  return { schedule: outcome.schedule, replayed: true };
}

export async function getSchedule(db: Executor, tenantId: string, id: string): Promise<Schedule> {
  return (await sql.getSchedule(db, tenantId, id)) ?? Promise.reject(notFound(id));
}

export async function listSchedules(
  db: Executor,
  tenantId: string,
  query: ListSchedulesQuery,
): Promise<Page<Schedule>> {
  const beforeId = query.cursor === undefined ? null : decodeCursor(query.cursor, isUuid);
  const rows = await sql.listSchedules(db, tenantId, query.state ?? null, query.limit + 1, beforeId);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items.at(-1)!.id) : null };
}

/**
 * Changes a schedule. A change to when it fires (cron, interval, time zone, start, end) moves
 * its next slot to the first after `now` under the new rules; other changes keep it.
 */
export async function updateSchedule(
  db: Executor,
  tenantId: string,
  id: string,
  input: UpdateScheduleInput,
  now = new Date(),
): Promise<Schedule> {
  const current = await getSchedule(db, tenantId, id);
  const fields: ScheduleFields = {
    name: current.name,
    cron: input.intervalSeconds !== undefined ? null : (input.cron ?? current.cron),
    intervalSeconds: input.cron !== undefined ? null : (input.intervalSeconds ?? current.intervalSeconds),
    timezone: input.timezone ?? current.timezone,
    task: input.task ?? current.task,
    overlap: input.overlap ?? current.overlap,
    catchUpWindowSeconds: input.catchUpWindowSeconds ?? current.catchUpWindowSeconds,
    jitterSeconds: input.jitterSeconds ?? current.jitterSeconds,
    startAt: input.startAt === undefined ? current.startAt : dateOrNull(input.startAt),
    endAt: input.endAt === undefined ? current.endAt : dateOrNull(input.endAt),
  };
  const timing =
    input.cron !== undefined ||
    input.intervalSeconds !== undefined ||
    input.timezone !== undefined ||
    input.startAt !== undefined ||
    input.endAt !== undefined;
  const anchorAt = input.startAt ? new Date(input.startAt) : current.anchorAt;
  const nextRunAt = timing ? nextSlot({ ...fields, anchorAt }, now) : current.nextRunAt;
  const updated = await sql.updateSchedule(db, tenantId, id, { ...fields, anchorAt, nextRunAt, now });
  if (!updated) throw notFound(id);
  signalOutboxRows();
  return updated;
}

export async function pauseSchedule(
  db: Executor,
  tenantId: string,
  id: string,
  now = new Date(),
): Promise<Schedule> {
  return (await sql.setPaused(db, tenantId, id, true, null, now)) ?? Promise.reject(notFound(id));
}

/** Resumes a schedule from the first slot after `now`: slots that fell in the pause do not run. */
export async function resumeSchedule(
  db: Executor,
  tenantId: string,
  id: string,
  now = new Date(),
): Promise<Schedule> {
  const current = await getSchedule(db, tenantId, id);
  const resumed = await sql.setPaused(db, tenantId, id, false, nextSlot(current, now), now);
  if (!resumed) throw notFound(id);
  signalOutboxRows();
  return resumed;
}

export interface TriggerOutcome {
  scheduleId: string;
  taskId: string;
  scheduledFor: Date;
  replayed: boolean;
}

/** One run now, from the schedule's task template (paused or finished schedules too). */
export async function triggerSchedule(
  db: Executor,
  caller: Caller,
  id: string,
  idempotency: Idempotency | null,
  now = new Date(),
): Promise<TriggerOutcome> {
  const outcome = await insertTriggeredRun(db, {
    tenantId: caller.tenantId,
    scheduleId: id,
    task: { id: uuidv7(now.getTime()), scheduledFor: now, runAt: now, correlationId: caller.correlationId },
    idempotencyKey: idempotency ? `schedule-trigger:${id}:${idempotency.key}` : null,
    requestFingerprint: idempotency?.fingerprint ?? null,
    now,
  });
  if (!outcome) {
    if (await sql.scheduleExists(db, caller.tenantId, id))
      throw new ConflictError('schedule-slot-taken', 'A task for this instant exists already; trigger again');
    throw notFound(id);
  }
  if (outcome.created) {
    signalOutboxRows();
  } else if (outcome.requestFingerprint !== idempotency?.fingerprint) {
    throw new IdempotencyKeyReusedError(
      'This Idempotency-Key was already used with a different request; use a new key for a new request',
    );
  }
  return {
    scheduleId: id,
    taskId: outcome.taskId,
    scheduledFor: outcome.scheduledFor,
    replayed: !outcome.created,
  };
}

export async function deleteSchedule(db: Executor, tenantId: string, id: string): Promise<void> {
  if (!(await sql.deleteSchedule(db, tenantId, id))) throw notFound(id);
}
