/**
 * The schedule schemas of the HTTP API: the create and update bodies (validated before anything
 * is written: cron pattern, time zone, interval, the task template against its type), the list
 * query, and the JSON representation. The OpenAPI document is built from the same schemas.
 */
import * as z from 'zod';
import type { TaskDefaults } from '../config/tasks.ts';
import { taskTemplateSchema } from '../tasks/submit-schemas.ts';
import { taskStatusSchema } from '../tasks/task-schemas.ts';
import { SCHEDULE_STATES, type Schedule, scheduleState } from './schedule.ts';
import { cronProblem, nextSlots, type SlotSpec, TIME_ZONES } from './slots.ts';

export const MAX_CATCH_UP_WINDOW_SECONDS = 86_400;
export const DEFAULT_CATCH_UP_WINDOW_SECONDS = 60;
/** An interval of at most one year, a jitter of at most one hour. */
export const MAX_INTERVAL_SECONDS = 365 * 86_400;
export const MAX_JITTER_SECONDS = 3600;
/** Fire times `GET /v1/schedules/{id}` shows. */
export const NEXT_RUNS = 5;

const isoInput = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with an offset, e.g. 2030-01-01T12:00:00Z',
});

const nameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, {
    error: 'must start with a letter or digit and contain only letters, digits and . _ : -',
  })
  .meta({ description: 'Unique per tenant.' });

const cronSchema = z
  .string()
  .max(200)
  .superRefine((pattern, ctx) => {
    const problem = cronProblem(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: `invalid cron pattern: ${problem}` });
  })
  .meta({
    description:
      'Cron pattern: 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, e.g. "0 3 * * *" or "*/2 * * * * *". Evaluated in `timezone`.',
    // JSON Schema cannot state a cron pattern's rules (ranges run upward, values in range): valid
    // values for generated requests.
    'x-valid-examples': ['0 3 * * *', '*/2 * * * * *', '30 2 * * 1-5', '0 0 1 * *', '15,45 * * * *'],
  });

const timezoneSchema = z
  .enum(TIME_ZONES, { error: 'unknown time zone; give an IANA name such as Europe/Berlin' })
  .meta({ description: 'IANA time zone the cron pattern is read in.' });

const intervalSchema = z.int().min(1).max(MAX_INTERVAL_SECONDS).meta({
  description: 'Fire every this many seconds, from startAt (else from the creation time).',
});

function scheduleOptionsShape(defaults: TaskDefaults) {
  return {
    cron: cronSchema,
    intervalSeconds: intervalSchema,
    timezone: timezoneSchema,
    task: taskTemplateSchema(defaults),
    overlap: z.enum(['skip', 'allow']).meta({
      description:
        'skip: a slot makes no task while the previous slot’s task is not finished (counted in skipped.overlap); allow: every slot makes its task.',
    }),
    catchUpWindowSeconds: z.int().min(0).max(MAX_CATCH_UP_WINDOW_SECONDS).meta({
      description:
        'After downtime, missed slots at most this old each make their task once; older ones are skipped and counted in skipped.missed.',
    }),
    jitterSeconds: z.int().min(0).max(MAX_JITTER_SECONDS).meta({
      description: 'Each task runs up to this many seconds after its slot, chosen at random.',
    }),
    startAt: isoInput.meta({ description: 'No slot before this time.' }),
    endAt: isoInput.meta({ description: 'No slot after this time; the schedule is then finished.' }),
  };
}

const EXACTLY_ONE = 'give exactly one of cron and intervalSeconds';

/** Body of `POST /v1/schedules`. */
export function createScheduleSchema(defaults: TaskDefaults) {
  const o = scheduleOptionsShape(defaults);
  return z
    .strictObject({
      name: nameSchema,
      cron: o.cron.optional(),
      intervalSeconds: o.intervalSeconds.optional(),
      timezone: o.timezone.default('UTC'),
      task: o.task,
      overlap: o.overlap.default('skip'),
      catchUpWindowSeconds: o.catchUpWindowSeconds.default(DEFAULT_CATCH_UP_WINDOW_SECONDS),
      jitterSeconds: o.jitterSeconds.default(0),
      startAt: o.startAt.optional(),
      endAt: o.endAt.optional(),
    })
    .superRefine((body, ctx) => {
      if ((body.cron === undefined) === (body.intervalSeconds === undefined))
        ctx.addIssue({
          code: 'custom',
          path: [body.cron === undefined ? 'cron' : 'intervalSeconds'],
          message: EXACTLY_ONE,
        });
    })
    .meta({
      description: 'A recurring schedule: exactly one of cron and intervalSeconds.',
    });
}
export type CreateScheduleInput = z.output<ReturnType<typeof createScheduleSchema>>;

/**
 * Body of `PATCH /v1/schedules/{id}`: any field of the create body but `name`; null clears
 * startAt or endAt. Giving cron replaces an interval and the other way round.
 */
export function updateScheduleSchema(defaults: TaskDefaults) {
  const o = scheduleOptionsShape(defaults);
  return z
    .strictObject({
      cron: o.cron.optional(),
      intervalSeconds: o.intervalSeconds.optional(),
      timezone: o.timezone.optional(),
      task: o.task.optional(),
      overlap: o.overlap.optional(),
      catchUpWindowSeconds: o.catchUpWindowSeconds.optional(),
      jitterSeconds: o.jitterSeconds.optional(),
      startAt: o.startAt.nullable().optional(),
      endAt: o.endAt.nullable().optional(),
    })
    .superRefine((body, ctx) => {
      if (body.cron !== undefined && body.intervalSeconds !== undefined)
        ctx.addIssue({ code: 'custom', path: ['intervalSeconds'], message: EXACTLY_ONE });
    })
    .meta({ not: { required: ['cron', 'intervalSeconds'] } });
}
export type UpdateScheduleInput = z.output<ReturnType<typeof updateScheduleSchema>>;

export const scheduleIdParamsSchema = z.object({ id: z.guid({ error: 'must be a UUID' }) });

export const listSchedulesQuerySchema = z.strictObject({
  state: z.enum(SCHEDULE_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .guid({ error: 'must be a schedule id (the nextCursor of the previous page)' })
    .meta({ description: 'The previous page’s nextCursor; the page continues after it.' })
    .optional(),
});
export type ListSchedulesQuery = z.output<typeof listSchedulesQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Responses.

const isoDateTime = z.iso.datetime({ offset: true });

export const scheduleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  state: z.enum(SCHEDULE_STATES),
  cron: z.string().nullable(),
  intervalSeconds: z.int().nullable(),
  timezone: z.string(),
  task: z
    .record(z.string(), z.unknown())
    .meta({ description: 'The task template, with its defaults applied.' }),
  overlap: z.enum(['skip', 'allow']),
  catchUpWindowSeconds: z.int(),
  jitterSeconds: z.int(),
  startAt: isoDateTime.nullable(),
  endAt: isoDateTime.nullable(),
  nextRunAt: isoDateTime.nullable().meta({ description: 'The next slot; null when finished.' }),
  nextRuns: z
    .array(isoDateTime)
    .meta({ description: `The next ${NEXT_RUNS} fire times (empty when finished).` }),
  lastRun: z
    .object({ slot: isoDateTime, taskId: z.uuid(), status: taskStatusSchema.nullable() })
    .nullable()
    .meta({ description: 'The last slot that made a task; status null once the task is deleted.' }),
  fired: z.int().meta({ description: 'Slots that made a task (triggered runs included).' }),
  skipped: z.object({
    overlap: z.int().meta({ description: 'Slots skipped because the previous task was still running.' }),
    missed: z.int().meta({ description: 'Slots skipped because they were older than the catch-up window.' }),
  }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type ScheduleJson = z.infer<typeof scheduleSchema>;

export const schedulePageSchema = z.object({
  items: z.array(scheduleSchema.omit({ nextRuns: true })),
  nextCursor: z.string().nullable(),
});

export const triggerResponseSchema = z.object({
  scheduleId: z.uuid(),
  taskId: z.uuid(),
  scheduledFor: isoDateTime,
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function slotSpecOf(schedule: Schedule): SlotSpec {
  return {
    cron: schedule.cron,
    intervalSeconds: schedule.intervalSeconds,
    timezone: schedule.timezone,
    anchorAt: schedule.anchorAt,
    startAt: schedule.startAt,
    endAt: schedule.endAt,
  };
}

export function toScheduleSummaryJson(schedule: Schedule): Omit<ScheduleJson, 'nextRuns'> {
  return {
    id: schedule.id,
    name: schedule.name,
    state: scheduleState(schedule),
    cron: schedule.cron,
    intervalSeconds: schedule.intervalSeconds,
    timezone: schedule.timezone,
    task: schedule.task as Record<string, unknown>,
    overlap: schedule.overlap,
    catchUpWindowSeconds: schedule.catchUpWindowSeconds,
    jitterSeconds: schedule.jitterSeconds,
    startAt: iso(schedule.startAt),
    endAt: iso(schedule.endAt),
    nextRunAt: iso(schedule.nextRunAt),
    lastRun:
      schedule.lastSlot && schedule.lastTaskId
        ? {
            slot: schedule.lastSlot.toISOString(),
            taskId: schedule.lastTaskId,
            status: schedule.lastTaskStatus,
          }
        : null,
    fired: schedule.firedCount,
    skipped: { overlap: schedule.skippedOverlapCount, missed: schedule.skippedMissedCount },
    createdAt: schedule.createdAt.toISOString(),
    updatedAt: schedule.updatedAt.toISOString(),
  };
}

/** The full representation, with the next fire times (from the next unfired slot on). */
export function toScheduleJson(schedule: Schedule): ScheduleJson {
  const { lastRun, ...rest } = toScheduleSummaryJson(schedule);
  const nextRuns =
    schedule.nextRunAt === null
      ? []
      : [schedule.nextRunAt, ...nextSlots(slotSpecOf(schedule), schedule.nextRunAt, NEXT_RUNS - 1)];
  return { ...rest, nextRuns: nextRuns.map((d) => d.toISOString()), lastRun };
}
