/**
 * The task submission schemas (`POST /v1/tasks` and each element of `POST /v1/tasks/batch`):
 * the options every task shares, its type from the catalogue (`task-catalog.ts`) and the payload
 * checked against that type's schema, all before anything is written. The OpenAPI document is
 * built from the same schemas (`submitTaskVariants`), so every rule a client must know lives here.
 */
import * as z from 'zod';
import type { TaskDefaults } from '../config/tasks.ts';
import { inspectJson, MAX_JSON_DEPTH, tooLargeParams } from '../http/validation.ts';
import { findTaskTypeSpec, TASK_CATALOG, TASK_TYPE_NAMES } from './task-catalog.ts';
import { prioritySchema } from './task-schemas.ts';

/** Tasks in one batch submission at most. */
export const MAX_BATCH_SIZE = 100;
/** `runAt` and `delaySeconds` reach at most one year ahead. */
export const MAX_SCHEDULE_SECONDS = 365 * 24 * 60 * 60;
/** A `runAt` this far in the past is accepted as "now", to absorb client clock skew. */
export const RUN_AT_PAST_TOLERANCE_SECONDS = 60;
export const DEFAULT_PRIORITY = 'medium';

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

/**
 * The payload rules of every task: size (a 413), storable JSON, and the type's own schema. Shared
 * by submissions and schedule task templates.
 */
function checkPayload(
  task: { type: string; payload: unknown },
  ctx: z.RefinementCtx,
  defaults: TaskDefaults,
): void {
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
  const parsed = findTaskTypeSpec(task.type)?.payloadSchema.safeParse(task.payload);
  for (const issue of parsed?.error?.issues ?? []) {
    const path = ['payload', ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        ctx.addIssue({ code: 'custom', path: [...path, key], message: 'unknown field' });
    } else {
      ctx.addIssue({ code: 'custom', path, message: issue.message });
    }
  }
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
      checkPayload(task, ctx, defaults);
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
    TASK_TYPE_NAMES.map((name) => [
      name,
      z
        .strictObject({
          type: z.literal(name),
          payload: TASK_CATALOG[name].payloadSchema.meta({
            description: `${TASK_CATALOG[name].description} The payload is ${PAYLOAD_RULES}.`,
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

/**
 * The task a schedule makes at each slot (`POST /v1/schedules` `task`): a submission without a
 * start time (the slot is the start time), held to the same rules, so a template that passes here
 * makes tasks that would pass `POST /v1/tasks`.
 */
export function taskTemplateSchema(defaults: TaskDefaults): ReturnType<typeof buildTaskTemplateSchema> {
  let schema = templateSchemas.get(defaults);
  if (!schema) {
    schema = buildTaskTemplateSchema(defaults);
    templateSchemas.set(defaults, schema);
  }
  return schema;
}

const templateSchemas = new WeakMap<TaskDefaults, ReturnType<typeof buildTaskTemplateSchema>>();

/** The options of a template: a submission's, without a start time. */
function templateOptionsShape(defaults: TaskDefaults) {
  const { runAt: _runAt, delaySeconds: _delaySeconds, ...options } = taskOptionsShape(defaults);
  return options;
}

/** The template of each task type as its own schema, for the OpenAPI document's `oneOf`. */
export function taskTemplateVariants(defaults: TaskDefaults): Record<string, z.ZodType> {
  return Object.fromEntries(
    TASK_TYPE_NAMES.map((name) => [
      name,
      z.strictObject({
        type: z.literal(name),
        payload: TASK_CATALOG[name].payloadSchema.meta({
          description: `${TASK_CATALOG[name].description} The payload is ${PAYLOAD_RULES}.`,
        }),
        ...templateOptionsShape(defaults),
      }),
    ]),
  );
}

function buildTaskTemplateSchema(defaults: TaskDefaults) {
  const options = templateOptionsShape(defaults);
  return z
    .strictObject({
      type: taskTypeSchema,
      payload: z.json({ error: 'required: a JSON value accepted by the task type' }).meta({
        description: `The payload of every task the schedule makes, ${PAYLOAD_RULES}.`,
      }),
      ...options,
    })
    .superRefine((task, ctx) => checkPayload(task, ctx, defaults));
}

export type TaskTemplateInput = z.output<ReturnType<typeof taskTemplateSchema>>;
