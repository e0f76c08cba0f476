/**
 * The HTTP API's task schemas: request bodies and queries (validated with zod before anything
 * is written) and the JSON representation of a task. They are the single source for the
 * OpenAPI document, so every rule a client must know lives here.
 */
import { z } from 'zod';
import { findTaskType, TASK_TYPE_NAMES } from '../../functions/worker/task-types/index.ts';
import { PRIORITIES, type TaskDefaults } from '../config.ts';
import {
  inspectJson,
  MAX_JSON_DEPTH,
  SAFE_TEXT_PATTERN,
  SAFE_TEXT_RULE,
  tooLargeParams,
} from '../http/validation.ts';
import { TASK_STATUSES, type Task, type TaskEvent } from './task.ts';

export const MAX_BATCH_SIZE = 100;
/** `runAt` and `delaySeconds` reach at most one year ahead. */
export const MAX_SCHEDULE_SECONDS = 365 * 24 * 60 * 60;
/** A `runAt` this far in the past is accepted as "now", to absorb client clock skew. */
export const RUN_AT_PAST_TOLERANCE_SECONDS = 60;
export const DEFAULT_PRIORITY = 'medium';
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

const taskTypeSchema = z.enum(TASK_TYPE_NAMES, {
  error: (issue) =>
    typeof issue.input === 'string'
      ? `unknown task type "${issue.input.slice(0, 100)}"; known types: ${TASK_TYPE_NAMES.join(', ')}`
      : `must be a string naming a task type; known types: ${TASK_TYPE_NAMES.join(', ')}`,
});

const submitSchemas = new WeakMap<TaskDefaults, ReturnType<typeof buildSubmitTaskSchema>>();

/** `runAt` and `delaySeconds` both set the start time, so a task takes one of them at most. */
const ONE_START_TIME = {
  not: { properties: { runAt: {}, delaySeconds: {} }, required: ['runAt', 'delaySeconds'] },
};

const PAYLOAD_RULES = `checked against the task type's schema; at most the configured payload size (256 KiB by default) serialized, and nested at most ${MAX_JSON_DEPTH} levels deep`;

/**
 * The fields every task submission shares, whatever its type. One definition for the validator
 * below and for the per-type variants the OpenAPI document shows (`submitTaskVariants`).
 */
function taskOptionsShape(defaults: TaskDefaults) {
  return {
    priority: prioritySchema.default(DEFAULT_PRIORITY),
    runAt: z.iso
      .datetime({
        offset: true,
        error: 'must be an ISO 8601 date-time with an offset, e.g. 2030-01-01T12:00:00Z',
      })
      .meta({
        description: `When the task may start: from ${RUN_AT_PAST_TOLERANCE_SECONDS} s in the past (client clock skew; it then starts at once) to ${MAX_SCHEDULE_SECONDS / 86_400} days ahead, by the server's clock. Not with delaySeconds.`,
        // JSON Schema cannot compare with "now": the window, machine-readable, for generators.
        'x-relative-window': {
          minSecondsFromNow: -RUN_AT_PAST_TOLERANCE_SECONDS,
          maxSecondsFromNow: MAX_SCHEDULE_SECONDS,
        },
      })
      .optional(),
    delaySeconds: z.int().min(0).max(MAX_SCHEDULE_SECONDS).optional(),
    maxAttempts: z.int().min(1).max(defaults.maxAttemptsLimit).default(defaults.maxAttempts),
    maxInterruptions: z
      .int()
      .min(0)
      .max(defaults.maxInterruptionsLimit)
      .default(defaults.maxInterruptions)
      .meta({
        description:
          'How often the task may lose its worker mid-attempt (crash, out of memory, timeout of the invocation) and run that attempt again; these runs do not use up maxAttempts.',
      }),
    backoff: z
      .strictObject({
        baseSeconds: z.number().min(0.1).max(3600).default(defaults.backoffBaseSeconds),
        capSeconds: z.number().min(1).max(43_200).default(defaults.backoffCapSeconds),
      })
      .meta({
        description:
          'Retry n waits between half and all of min(capSeconds, baseSeconds * 2^(n-1)), at least 1 s; a cap below the base makes every wait capSeconds.',
      })
      // Absent, it is parsed as {}, so the defaults above apply here and nowhere else.
      .prefault({}),
    timeoutSeconds: z.int().min(1).max(defaults.maxTimeoutSeconds).default(defaults.timeoutSeconds),
  };
}

function buildSubmitTaskSchema(defaults: TaskDefaults) {
  return z
    .strictObject({
      type: taskTypeSchema,
      payload: z.json({ error: 'required: a JSON value accepted by the task type' }),
      ...taskOptionsShape(defaults),
    })
    .superRefine((task, ctx) => {
      if (task.runAt !== undefined && task.delaySeconds !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['runAt'],
          message: 'give either runAt or delaySeconds, not both',
        });
      }
      if (task.runAt !== undefined) {
        const inSeconds = (Date.parse(task.runAt) - Date.now()) / 1000;
        if (inSeconds < -RUN_AT_PAST_TOLERANCE_SECONDS) {
          ctx.addIssue({ code: 'custom', path: ['runAt'], message: 'must not be in the past' });
        } else if (inSeconds > MAX_SCHEDULE_SECONDS) {
          ctx.addIssue({ code: 'custom', path: ['runAt'], message: 'must be at most 365 days ahead' });
        }
      }
      // Size first: a payload over the limit is a 413 and is not worth validating further.
      const bytes = Buffer.byteLength(JSON.stringify(task.payload), 'utf8');
      if (bytes > defaults.maxPayloadBytes) {
        ctx.addIssue({
          code: 'custom',
          path: ['payload'],
          message: `must serialize to at most ${defaults.maxPayloadBytes} bytes, got ${bytes}`,
          params: tooLargeParams(defaults.maxPayloadBytes, bytes),
        });
        return;
      }
      // The body parser has checked the whole body already; this holds the payload itself to the
      // documented depth (the body's limit leaves room for the batch envelope).
      const unstorable = inspectJson(task.payload, MAX_JSON_DEPTH);
      if (unstorable) {
        const path = unstorable.kind === 'depth' ? ['payload'] : ['payload', ...unstorable.path];
        const message =
          unstorable.kind === 'depth' ? `nests deeper than ${MAX_JSON_DEPTH} levels` : unstorable.message;
        ctx.addIssue({ code: 'custom', path, message });
        return;
      }
      const parsed = findTaskType(task.type)?.payloadSchema.safeParse(task.payload);
      for (const issue of parsed?.error?.issues ?? []) {
        const path = ['payload', ...issue.path];
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys)
            ctx.addIssue({ code: 'custom', path: [...path, key], message: 'unknown field' });
        } else {
          ctx.addIssue({ code: 'custom', path, message: issue.message });
        }
      }
    })
    .meta(ONE_START_TIME);
}

/**
 * The submission of each task type as its own schema (`type` a constant, `payload` that type's
 * schema), for the OpenAPI document's discriminated `oneOf`. The validator above accepts exactly
 * their union; it stays one object so that a payload over the size limit is a 413 before its
 * type's rules are applied, and an unknown type gets a message listing the known ones.
 */
export function submitTaskVariants(defaults: TaskDefaults): Record<string, z.ZodType> {
  return Object.fromEntries(
    TASK_TYPE_NAMES.map((name) => findTaskType(name)!).map((taskType) => [
      taskType.name,
      z
        .strictObject({
          type: z.literal(taskType.name),
          payload: taskType.payloadSchema.meta({
            description: `${taskType.description} The payload is ${PAYLOAD_RULES}.`,
          }),
          ...taskOptionsShape(defaults),
        })
        .meta(ONE_START_TIME),
    ]),
  );
}

/**
 * Body of `POST /v1/tasks`, and each element of a batch. Built from the task defaults (which
 * bound `maxAttempts` and `timeoutSeconds`), once per defaults object.
 */
export function submitTaskSchema(defaults: TaskDefaults): ReturnType<typeof buildSubmitTaskSchema> {
  let schema = submitSchemas.get(defaults);
  if (!schema) {
    schema = buildSubmitTaskSchema(defaults);
    submitSchemas.set(defaults, schema);
  }
  return schema;
}

export type SubmitTaskInput = z.output<ReturnType<typeof buildSubmitTaskSchema>>;

/** Body of `POST /v1/tasks/batch`: validated as a whole, so one bad task rejects the batch. */
export function submitBatchSchema(defaults: TaskDefaults) {
  return z.strictObject({
    tasks: z.array(submitTaskSchema(defaults)).min(1).max(MAX_BATCH_SIZE),
  });
}

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
