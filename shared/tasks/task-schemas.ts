/**
 * The HTTP API's task schemas apart from submissions (`submit-schemas.ts`): path parameters,
 * queries, headers and the cancel body (validated with zod before anything is written), and the
 * JSON representation of a task. They are the single source for the OpenAPI document, so every
 * rule a client must know lives here.
 */
import * as z from 'zod';
import { SAFE_TEXT_PATTERN, SAFE_TEXT_RULE } from '../http/validation.ts';
import { PRIORITIES } from './priority.ts';
import { TASK_STATUSES, type Task, type TaskEvent } from './task.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
/** Event ids are positive bigints; the cursor of an event page is one. */
export const EVENT_ID_PATTERN = /^[1-9][0-9]{0,17}$/;

export const prioritySchema = z.enum(PRIORITIES);
export const taskStatusSchema = z.enum(TASK_STATUSES);

/** A task id in a path: any UUID text PostgreSQL accepts (ours are UUIDv7). */
export const taskIdParamsSchema = z.object({
  id: z.guid({ error: 'must be a UUID' }),
});

/** Optional body of `POST /v1/tasks/{id}/cancel`. */
export const cancelTaskBodySchema = z.strictObject({ reason: z.string().max(500).optional() }).optional();

const pageLimit = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE);

/** A page cursor is the key of the previous page's last item, so any key is a valid place to resume. */
const taskCursor = z.guid({ error: 'must be a task id (the nextCursor of the previous page)' }).meta({
  description: 'The previous page’s nextCursor (the id of its last task); the page continues after it.',
});
const eventCursor = z
  .string()
  .regex(EVENT_ID_PATTERN, { error: 'must be an event id (the nextCursor of the previous page)' })
  .meta({
    description: 'The previous page’s nextCursor (the id of its last event); the page continues after it.',
  });

/** Query of `GET /v1/tasks`. Unknown parameters are rejected, so a typo never silently widens a filter. */
export const listTasksQuerySchema = z.strictObject({
  status: taskStatusSchema.optional(),
  type: z.string().min(1).max(100).optional(),
  priority: prioritySchema.optional(),
  clientId: z.string().min(1).max(128).optional(),
  scheduleId: z.guid({ error: 'must be a schedule id (UUID)' }).optional(),
  limit: pageLimit,
  cursor: taskCursor.optional(),
});
export type ListTasksQuery = z.output<typeof listTasksQuerySchema>;

/** Query of `GET /v1/tasks/{id}/events`. */
export const listEventsQuerySchema = z.strictObject({
  limit: pageLimit,
  cursor: eventCursor.optional(),
});
export type ListEventsQuery = z.output<typeof listEventsQuerySchema>;

/**
 * Storable text as a schema of its own, for the header values that also name Redis keys (the
 * rate-limit bucket of an X-Client-Id is chosen before the header is parsed as input).
 */
const storableText = () => z.string().regex(new RegExp(SAFE_TEXT_PATTERN, 'u'), { error: SAFE_TEXT_RULE });

/** `Idempotency-Key` header (IETF draft): an opaque client-chosen string. */
export const idempotencyKeySchema = storableText().min(1).max(255);
/** `X-Client-Id` header: a free-form label of the submitting client, stored on the task. */
export const clientIdSchema = storableText().min(1).max(128);

// ---------------------------------------------------------------------------------------------
// Responses.

const isoDateTime = z.iso.datetime({ offset: true });

export const taskErrorSchema = z.object({
  name: z.string().optional(),
  message: z.string(),
  permanent: z.boolean().optional(),
});

export const taskSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  status: taskStatusSchema,
  priority: prioritySchema,
  payload: z.unknown(),
  result: z.unknown(),
  /** The last attempt's error, or null. */
  error: taskErrorSchema.nullable(),
  /** Attempts that ran to an outcome, plus the one running; an interrupted attempt keeps its number. */
  attempts: z.int(),
  maxAttempts: z.int(),
  /** Runs lost because the worker vanished mid-attempt; they do not count against maxAttempts. */
  interruptions: z.int(),
  maxInterruptions: z.int(),
  timeoutSeconds: z.int(),
  backoff: z.object({ baseSeconds: z.number(), capSeconds: z.number() }),
  runAt: isoDateTime,
  createdAt: isoDateTime,
  queuedAt: isoDateTime.nullable(),
  startedAt: isoDateTime.nullable(),
  finishedAt: isoDateTime.nullable(),
  updatedAt: isoDateTime,
  idempotencyKey: z.string().nullable(),
  clientId: z.string().nullable(),
  correlationId: z.string(),
  /** The schedule that made the task (null for submitted tasks) and the slot it was made for. */
  scheduleId: z.uuid().nullable(),
  scheduledFor: isoDateTime.nullable(),
});
export type TaskJson = z.infer<typeof taskSchema>;

/** A task in listings: no payload or result, so pages stay small. */
export const taskSummarySchema = taskSchema.omit({ payload: true, result: true });
export type TaskSummaryJson = z.infer<typeof taskSummarySchema>;

export const taskPageSchema = z.object({
  items: z.array(taskSummarySchema),
  nextCursor: z.string().nullable(),
});

export const taskBatchResponseSchema = z.object({ tasks: z.array(taskSchema) });

export const taskResultSchema = z.object({
  id: z.uuid(),
  status: z.literal('COMPLETED'),
  result: z.unknown(),
});

export const taskEventSchema = z.object({
  id: z.int(),
  type: z.string(),
  attempt: z.int(),
  detail: z.unknown(),
  createdAt: isoDateTime,
});
export type TaskEventJson = z.infer<typeof taskEventSchema>;

export const taskEventPageSchema = z.object({
  items: z.array(taskEventSchema),
  nextCursor: z.string().nullable(),
});

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

export function toTaskSummaryJson(task: Task): TaskSummaryJson {
  return {
    id: task.id,
    type: task.type,
    status: task.status,
    priority: task.priority,
    error: task.lastError
      ? { name: task.lastError.name, message: task.lastError.message, permanent: task.lastError.permanent }
      : null,
    attempts: task.attempts,
    maxAttempts: task.maxAttempts,
    interruptions: task.interruptions,
    maxInterruptions: task.maxInterruptions,
    timeoutSeconds: task.timeoutSeconds,
    backoff: { baseSeconds: task.backoffBaseSeconds, capSeconds: task.backoffCapSeconds },
    runAt: task.runAt.toISOString(),
    createdAt: task.createdAt.toISOString(),
    queuedAt: iso(task.queuedAt),
    startedAt: iso(task.startedAt),
    finishedAt: iso(task.finishedAt),
    updatedAt: task.updatedAt.toISOString(),
    idempotencyKey: task.idempotencyKey,
    clientId: task.clientId,
    correlationId: task.correlationId,
    scheduleId: task.scheduleId,
    scheduledFor: iso(task.scheduledFor),
  };
}

export function toTaskJson(task: Task): TaskJson {
  const { id, type, status, priority, ...rest } = toTaskSummaryJson(task);
  return { id, type, status, priority, payload: task.payload, result: task.result ?? null, ...rest };
}

export function toTaskEventJson(event: TaskEvent): TaskEventJson {
  return {
    id: event.id,
    type: event.type,
    attempt: event.attempt,
    detail: event.detail ?? null,
    createdAt: event.createdAt.toISOString(),
  };
}

/**
 * Why a task is where it is (`GET /v1/tasks/{id}/explain`); the reasons and what each carries are
 * listed in `task-explain.ts` and docs/architecture.md. Clients should show an unknown reason's
 * `detail` as it is: the list grows (schedules will add theirs).
 */
export const explanationSchema = z.object({
  taskId: z.uuid(),
  status: taskStatusSchema,
  reason: z
    .string()
    .describe(
      'One of scheduled, publishing, queued, backoff, running, interrupted, completed, failed, cancelled; more may be added.',
    ),
  detail: z.string().describe('One sentence for people.'),
  until: isoDateTime
    .optional()
    .describe('When the reason should end (scheduled, backoff, running, interrupted).'),
  attempt: z.int().describe('Attempts that ran to an outcome, plus the one running.'),
  maxAttempts: z.int(),
  checkedAt: isoDateTime,
  lagSeconds: z
    .number()
    .optional()
    .describe('publishing: seconds the task has been due without being published.'),
  waitingSeconds: z.number().optional().describe('queued: seconds the task has been due without a worker.'),
  queue: z
    .object({
      priority: prioritySchema,
      visible: z.int(),
      inFlight: z.int(),
      delayed: z.int(),
      oldestWaitingSeconds: z
        .number()
        .nullable()
        .describe('The oldest due task of this priority still waiting (every tenant).'),
      busierHigherQueues: z.array(prioritySchema).describe('Higher-priority queues with messages waiting.'),
    })
    .nullable()
    .optional()
    .describe('queued: the priority queue (system-wide); null when SQS could not be read.'),
  lease: z
    .object({ until: isoDateTime, heartbeatAgeSeconds: z.number() })
    .optional()
    .describe('running and interrupted: the attempt’s lease and the age of its last claim or heartbeat.'),
  error: taskErrorSchema.nullable().optional().describe('backoff and failed: the last attempt’s error.'),
  interrupted: z.boolean().optional().describe('failed: the task ran out of interruptions, not attempts.'),
  warnings: z.array(z.string()),
});
export type ExplanationJson = z.infer<typeof explanationSchema>;
