/**
 * What the OpenAPI document says about each route: keyed by route name, so a route added to the
 * manifest without an entry here fails to compile. Inputs and outputs are the zod schemas the
 * handlers validate with and answer from; error statuses are those the handlers and middlewares
 * can produce (every operation also documents 400 for a malformed `X-Correlation-Id`, and a
 * `default` problem response for unexpected 5xx). `test/contract/openapi-coverage.test.ts`
 * produces every documented status against the real handlers.
 */
import { z } from 'zod';
import type { RouteName } from '../../functions/api/route-manifest.ts';
import type { TaskDefaults } from '../config.ts';
import {
  deadLettersQuerySchema,
  deadLettersSchema,
  redriveBodySchema,
  redriveResponseSchema,
  statsQuerySchema,
  statsSchema,
} from '../ops/ops-schemas.ts';
import {
  cancelTaskBodySchema,
  clientIdSchema,
  idempotencyKeySchema,
  listEventsQuerySchema,
  listTasksQuerySchema,
  submitBatchSchema,
  submitTaskSchema,
  taskBatchResponseSchema,
  taskEventPageSchema,
  taskIdParamsSchema,
  taskPageSchema,
  taskResultSchema,
  taskSchema,
} from '../tasks/task-schemas.ts';

export type Security = 'apiKey' | 'metricsToken' | 'none';

export interface HeaderParam {
  name: string;
  description: string;
  schema: z.ZodType;
}

export interface ResponseSpec {
  description: string;
  /** A named component (from `schemas`) or an inline zod schema; absent for no body. */
  body?: { component: string } | { schema: z.ZodType } | { raw: Record<string, unknown> };
  contentType?: string;
  /** Response headers besides X-Correlation-Id (which every response carries). */
  headers?: string[];
}

export interface OperationSpec {
  summary: string;
  description?: string;
  tag: 'Tasks' | 'Operations' | 'Meta';
  security: Security;
  path?: z.ZodObject;
  query?: z.ZodObject;
  headers?: HeaderParam[];
  body?: { schema: z.ZodType; required: boolean; description?: string };
  /** Success responses. */
  responses: Record<number, ResponseSpec>;
  /** Error statuses, answered as problem+json (400 is added to every operation). */
  problems: number[];
}

const problemSchema = z
  .object({
    type: z.string().describe('urn:taskforge:problem:<slug>'),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    field: z
      .string()
      .optional()
      .describe('The first offending field: body path, query/path name or header:<Name>'),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    instance: z.string(),
    correlationId: z.string(),
  })
  .catchall(z.unknown())
  .describe('RFC 9457 problem details; some problems add members, e.g. taskStatus on a 409.');

/** Named response schemas, published under components.schemas. */
export function componentSchemas(): Record<string, z.ZodType> {
  return {
    Problem: problemSchema,
    Task: taskSchema,
    TaskPage: taskPageSchema,
    TaskBatch: taskBatchResponseSchema,
    TaskResult: taskResultSchema,
    TaskEventPage: taskEventPageSchema,
    Stats: statsSchema,
    DeadLetters: deadLettersSchema,
    RedriveResult: redriveResponseSchema,
  };
}

const idempotencyKey: HeaderParam = {
  name: 'Idempotency-Key',
  description:
    'Makes the submission safe to retry: the same key and body return the original task with Idempotent-Replayed: true; the same key with another body is a 422.',
  schema: idempotencyKeySchema,
};

const clientId: HeaderParam = {
  name: 'X-Client-Id',
  description: 'A label of the submitting client, stored on the task and filterable.',
  schema: clientIdSchema,
};

const HEALTH_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded', 'error'] },
    checks: { type: 'object', additionalProperties: { type: 'string', enum: ['ok', 'error', 'timeout'] } },
  },
  required: ['status', 'checks'],
};

const task = (description: string, headers?: string[]): ResponseSpec => ({
  description,
  body: { component: 'Task' },
  ...(headers ? { headers } : {}),
});

/** Every route's documentation; `defaults` bound the task schemas as the handlers do. */
export function operations(defaults: TaskDefaults): Record<RouteName, OperationSpec> {
  return {
    'create-task': {
      summary: 'Submit a task',
      tag: 'Tasks',
      security: 'apiKey',
      headers: [idempotencyKey, clientId],
      body: { schema: submitTaskSchema(defaults), required: true },
      responses: { 202: task('Accepted: the task, PENDING', ['Location', 'Idempotent-Replayed']) },
      problems: [401, 413, 415, 422],
    },
    'create-task-batch': {
      summary: 'Submit up to 100 tasks, validated as a whole',
      tag: 'Tasks',
      security: 'apiKey',
      headers: [clientId],
      body: { schema: submitBatchSchema(defaults), required: true },
      responses: { 202: { description: 'Accepted: the tasks, in order', body: { component: 'TaskBatch' } } },
      problems: [401, 413, 415],
    },
    'list-tasks': {
      summary: 'List tasks, newest first',
      tag: 'Tasks',
      security: 'apiKey',
      query: listTasksQuerySchema,
      responses: { 200: { description: 'A page of task summaries', body: { component: 'TaskPage' } } },
      problems: [401],
    },
    'get-task': {
      summary: 'Read a task',
      tag: 'Tasks',
      security: 'apiKey',
      path: taskIdParamsSchema,
      responses: { 200: task('The task') },
      problems: [401, 404],
    },
    'get-task-result': {
      summary: "Read a completed task's result",
      description: '409 (with taskStatus) while the task is not COMPLETED.',
      tag: 'Tasks',
      security: 'apiKey',
      path: taskIdParamsSchema,
      responses: { 200: { description: 'The result', body: { component: 'TaskResult' } } },
      problems: [401, 404, 409],
    },
    'list-task-events': {
      summary: "Read a task's event log, oldest first",
      tag: 'Tasks',
      security: 'apiKey',
      path: taskIdParamsSchema,
      query: listEventsQuerySchema,
      responses: { 200: { description: 'A page of events', body: { component: 'TaskEventPage' } } },
      problems: [401, 404],
    },
    'cancel-task': {
      summary: 'Cancel a PENDING, QUEUED or RETRYING task',
      tag: 'Tasks',
      security: 'apiKey',
      path: taskIdParamsSchema,
      body: { schema: cancelTaskBodySchema, required: false },
      responses: { 200: task('The task, CANCELLED') },
      problems: [401, 404, 409, 413, 415],
    },
    'retry-task': {
      summary: 'Run a FAILED or CANCELLED task again from scratch',
      tag: 'Tasks',
      security: 'apiKey',
      path: taskIdParamsSchema,
      responses: { 202: task('The task, PENDING again', ['Location']) },
      problems: [401, 404, 409],
    },
    'delete-task': {
      summary: 'Delete a COMPLETED, FAILED or CANCELLED task',
      tag: 'Tasks',
      security: 'apiKey',
      path: taskIdParamsSchema,
      responses: { 204: { description: 'Deleted' } },
      problems: [401, 404, 409],
    },
    healthz: {
      summary: 'Health check',
      description:
        'Each check is ok, error or timeout. A failed database is a 503; a failed Redis is a 200 "degraded" while rate limiting fails open, else a 503.',
      tag: 'Meta',
      security: 'none',
      responses: {
        200: { description: 'Every dependency answered', body: { raw: HEALTH_SCHEMA } },
        503: { description: 'A dependency failed (named in checks)', body: { raw: HEALTH_SCHEMA } },
      },
      problems: [],
    },
    'get-stats': {
      summary: 'Task counts, throughput, latency percentiles and queue depths',
      description:
        'Counts are the tenant’s; queue depths are system-wide (the queues are shared). Percentiles cover tasks finished in the last windowSeconds, at most the latest 10,000.',
      tag: 'Operations',
      security: 'apiKey',
      query: statsQuerySchema,
      responses: { 200: { description: 'Statistics', body: { component: 'Stats' } } },
      problems: [401],
    },
    'get-metrics': {
      summary: 'Prometheus metrics (every tenant)',
      description:
        'Authorization: Bearer <METRICS_TOKEN or ADMIN_TOKEN>. 403 when neither is configured (metrics disabled).',
      tag: 'Operations',
      security: 'metricsToken',
      responses: {
        200: {
          description: 'Prometheus text exposition format 0.0.4',
          contentType: 'text/plain; version=0.0.4',
          body: { raw: { type: 'string' } },
        },
      },
      problems: [401, 403],
    },
    'list-dead-letters': {
      summary: 'FAILED tasks grouped by error fingerprint',
      tag: 'Operations',
      security: 'apiKey',
      query: deadLettersQuerySchema,
      responses: { 200: { description: 'Dead-letter groups', body: { component: 'DeadLetters' } } },
      problems: [401],
    },
    'redrive-dead-letters': {
      summary: 'Run FAILED tasks again, or move a whole SQS dead-letter queue back',
      description:
        'Without queue: FAILED tasks (all, one fingerprint and/or type; at most limit, default 1000) return to PENDING through the outbox, spread at ratePerSecond. With queue: StartMessageMoveTask from that DLQ to its queue; needs Authorization: Bearer <ADMIN_TOKEN> (403 otherwise).',
      tag: 'Operations',
      security: 'apiKey',
      body: { schema: redriveBodySchema, required: true },
      responses: { 202: { description: 'Redrive started', body: { component: 'RedriveResult' } } },
      problems: [401, 403, 413, 415],
    },
    'get-openapi': {
      summary: 'This OpenAPI document',
      tag: 'Meta',
      security: 'none',
      responses: { 200: { description: 'OpenAPI 3.1', body: { raw: { type: 'object' } } } },
      problems: [],
    },
    'get-docs': {
      summary: 'Swagger UI for this API',
      tag: 'Meta',
      security: 'none',
      responses: {
        200: { description: 'HTML page', contentType: 'text/html', body: { raw: { type: 'string' } } },
      },
      problems: [],
    },
    'get-docs-asset': {
      summary: 'Static files of the Swagger UI page',
      tag: 'Meta',
      security: 'none',
      path: z.strictObject({ asset: z.string().describe('e.g. swagger-ui.css') }),
      responses: {
        200: { description: 'The file', contentType: '*/*', body: { raw: { type: 'string' } } },
      },
      problems: [404],
    },
  };
}
