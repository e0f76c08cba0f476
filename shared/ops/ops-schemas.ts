/**
 * Schemas of the operations routes (stats, dead letters, redrive): requests are validated with
 * them, and they generate the OpenAPI document like the task schemas do.
 */
import * as z from 'zod';
import { PRIORITIES } from '../tasks/priority.ts';
import { TASK_STATUSES } from '../tasks/task.ts';
import { prioritySchema, taskErrorSchema, taskStatusSchema } from '../tasks/task-schemas.ts';
import type { DeadLetterGroup, DeadLetterTask } from './dead-letter-store.ts';
import { MAX_MOVE_MESSAGES_PER_SECOND } from './queue-redrive.ts';

/** Default and bounds of the percentile window of `GET /v1/stats`. */
export const DEFAULT_STATS_WINDOW_SECONDS = 900;
/** Percentiles are computed over at most this many of the latest finished tasks. */
export const STATS_MAX_SAMPLES = 10_000;
export const DEFAULT_REDRIVE_LIMIT = 1000;
export const MAX_REDRIVE_LIMIT = 10_000;

/** Query of `GET /v1/stats`. */
export const statsQuerySchema = z.strictObject({
  windowSeconds: z.coerce.number().int().min(60).max(86_400).default(DEFAULT_STATS_WINDOW_SECONDS),
});

const fingerprintSchema = z
  .string()
  .regex(/^[0-9a-f]{16}$/, { error: 'must be 16 lowercase hex characters' });

/** Query of `GET /v1/dead-letters`. */
export const deadLettersQuerySchema = z.strictObject({
  fingerprint: fingerprintSchema.optional(),
  type: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/**
 * Slowest redrive rate: the n-th task becomes available n / rate seconds from now, so this keeps
 * the last of MAX_REDRIVE_LIMIT within 10,000 / 0.01 s (under 12 days), far from a timestamp's range.
 */
export const MIN_REDRIVE_RATE_PER_SECOND = 0.01;
export const MAX_REDRIVE_RATE_PER_SECOND = 10_000;

const redriveShape = {
  fingerprint: fingerprintSchema.optional(),
  type: z.string().min(1).max(100).optional(),
  limit: z.int().min(1).max(MAX_REDRIVE_LIMIT).optional(),
  ratePerSecond: z
    .number()
    .min(MIN_REDRIVE_RATE_PER_SECOND)
    .max(MAX_REDRIVE_RATE_PER_SECOND)
    .meta({
      description: 'Spreads the tasks: the n-th becomes available n / ratePerSecond seconds from now.',
    })
    .optional(),
};

/** The two forms of a redrive body, as the OpenAPI document shows them (`oneOf`). */
export const redriveBodyVariants = {
  tasks: z.strictObject(redriveShape).meta({
    title: 'Redrive FAILED tasks',
    description:
      'All of the tenant’s FAILED tasks, or those of one fingerprint and/or type; at most limit (default 1000).',
  }),
  queue: z
    .strictObject({
      queue: prioritySchema,
      ratePerSecond: z
        .int()
        .min(1)
        .max(MAX_MOVE_MESSAGES_PER_SECOND)
        .meta({ description: 'Messages moved per second (the SQS limit is 500).' })
        .optional(),
    })
    .meta({
      title: 'Move a whole dead-letter queue back',
      description:
        'StartMessageMoveTask from that priority’s DLQ to its queue; needs the operator’s AdminToken.',
    }),
};

/**
 * Body of `POST /v1/dead-letters/redrive`: either FAILED tasks through the outbox (all, one
 * fingerprint and/or one type, at most `limit`, optionally `ratePerSecond`), or with `queue` the
 * whole SQS dead-letter queue of that priority (StartMessageMoveTask; operator token required).
 * One object rather than the union of `redriveBodyVariants`, so that a field that does not go
 * with `queue` is named as such instead of failing both forms at once.
 */
export const redriveBodySchema = z
  .strictObject({ ...redriveShape, queue: prioritySchema.optional() })
  .superRefine((body, ctx) => {
    if (body.queue === undefined) return;
    for (const key of ['fingerprint', 'type', 'limit'] as const) {
      if (body[key] !== undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: 'cannot be combined with queue' });
    }
    if (body.ratePerSecond !== undefined && body.ratePerSecond > MAX_MOVE_MESSAGES_PER_SECOND)
      ctx.addIssue({
        code: 'custom',
        path: ['ratePerSecond'],
        message: `must be at most ${MAX_MOVE_MESSAGES_PER_SECOND} with queue (the SQS limit)`,
      });
    if (body.ratePerSecond !== undefined && !Number.isInteger(body.ratePerSecond))
      ctx.addIssue({ code: 'custom', path: ['ratePerSecond'], message: 'must be an integer with queue' });
  });
export type RedriveBody = z.output<typeof redriveBodySchema>;

// ---------------------------------------------------------------------------------------------
// Responses.

const isoDateTime = z.iso.datetime({ offset: true });
const count = z.int().min(0);
const percentilesSchema = z.object({ p50: z.number(), p95: z.number(), p99: z.number() }).nullable();
const queueDepthSchema = z.object({ visible: count, inFlight: count, delayed: count });

export const statsSchema = z.object({
  generatedAt: isoDateTime,
  tasks: z.object({
    total: count,
    byStatus: z.record(taskStatusSchema, count),
    byPriority: z.record(prioritySchema, count),
    byType: z.record(z.string(), count),
    breakdown: z.array(
      z.object({ status: taskStatusSchema, priority: prioritySchema, type: z.string(), count }),
    ),
  }),
  throughput: z.object({
    lastMinute: z.object({ completed: count, failed: count }),
    lastHour: z.object({ completed: count, failed: count }),
  }),
  latency: z.object({
    windowSeconds: z.int(),
    samples: count,
    durationMs: percentilesSchema,
    queueWaitMs: percentilesSchema,
  }),
  schedules: z.object({
    byState: z.object({ active: count, paused: count, finished: count }),
  }),
  /** System-wide (the queues are shared by every tenant); null when SQS could not be read. */
  queues: z.record(prioritySchema, queueDepthSchema.extend({ deadLetters: queueDepthSchema })).nullable(),
  /** System-wide: per priority, seconds the oldest due task still waiting for a worker has waited. */
  waiting: z.object({
    oldestDueSeconds: z
      .record(prioritySchema, z.number().nullable())
      .describe('QUEUED, or RETRYING past its backoff, every tenant; null where none waits.'),
  }),
  warnings: z.array(z.string()),
});
export type StatsJson = z.infer<typeof statsSchema>;

export const deadLetterGroupSchema = z.object({
  fingerprint: z.string(),
  signature: z.string(),
  sampleError: taskErrorSchema.nullable(),
  sampleTaskId: z.uuid(),
  count,
  types: z.record(z.string(), count),
  firstSeen: isoDateTime.nullable(),
  lastSeen: isoDateTime.nullable(),
});

export const deadLetterTaskSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  priority: prioritySchema,
  attempts: count,
  error: taskErrorSchema.nullable(),
  fingerprint: z.string(),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
});

export const deadLettersSchema = z.object({
  total: count,
  groupCount: count,
  groups: z.array(deadLetterGroupSchema),
  /** The group's most recent tasks, when the query names a fingerprint. */
  tasks: z.array(deadLetterTaskSchema).optional(),
});

export const redriveResponseSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('tasks'),
    redriven: count,
    matching: count,
    remaining: count,
    ratePerSecond: z.number().nullable(),
    lastAvailableAt: isoDateTime.nullable(),
  }),
  z.object({
    mode: z.literal('queue'),
    queue: prioritySchema,
    taskHandle: z.string(),
    sourceArn: z.string(),
    destinationArn: z.string(),
    maxMessagesPerSecond: z.int().nullable(),
  }),
]);

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

export function toDeadLetterGroupJson(group: DeadLetterGroup): z.infer<typeof deadLetterGroupSchema> {
  return { ...group, firstSeen: iso(group.firstSeen), lastSeen: iso(group.lastSeen) };
}

export function toDeadLetterTaskJson(task: DeadLetterTask): z.infer<typeof deadLetterTaskSchema> {
  return { ...task, createdAt: task.createdAt.toISOString(), finishedAt: iso(task.finishedAt) };
}

/** Every status and priority, zero-filled, so clients need not guess which keys exist. */
export function zeroFilled<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

export const ALL_STATUSES = TASK_STATUSES;
export const ALL_PRIORITIES = PRIORITIES;
