/**
 * What the OpenAPI document says about each route: keyed by route name, so a route added to the
 * route table without an entry here fails to compile. Who may call a route and whether it takes
 * `Idempotency-Key` are the route table's (`shared/http/routes.ts`), not repeated here. Inputs and outputs are the zod schemas the
 * handlers validate with and answer from; error statuses are those the handlers and middlewares
 * can produce. The statuses every route of a kind shares are added by the document builder:
 * 400 everywhere (a malformed `X-Correlation-Id` at least); 401, 429 and 503 with an API key;
 * 413 and 415 with a body; 409 and 422 with `Idempotency-Key`; and a `default` problem response
 * for unexpected 5xx. `test/contract/openapi-coverage.test.ts` produces every documented status
 * against the real handlers, and `test/contract/openapi-properties.test.ts` sends requests
 * generated from the document.
 */
import * as z from 'zod';
import {
  apiKeyListSchema,
  apiKeySchema,
  newApiKeySchema,
  newOperatorTokenSchema,
  operatorTokenListSchema,
  operatorTokenSchema,
  tenantPageSchema,
  tenantSchema,
} from '../admin/admin-schemas.ts';
import { DASHBOARD_ASSET_NAMES } from '../dashboard/dashboard-page.ts';
import type { RouteName } from '../http/routes.ts';
import {
  deadLettersQuerySchema,
  deadLettersSchema,
  redriveResponseSchema,
  statsQuerySchema,
  statsSchema,
} from '../ops/ops-schemas.ts';
import { schedulePageSchema, scheduleSchema } from '../schedules/schedule-schemas.ts';
import {
  cancelTaskBodySchema,
  explanationSchema,
  listEventsQuerySchema,
  listTasksQuerySchema,
  taskBatchResponseSchema,
  taskEventPageSchema,
  taskIdParamsSchema,
  taskPageSchema,
  taskResultSchema,
  taskSchema,
} from '../tasks/task-schemas.ts';
import { adminOperations } from './admin-operations.ts';
import type { HeaderParam, OperationSpec, ResponseSpec } from './operation-spec.ts';
import { scheduleOperations } from './schedule-operations.ts';
import { acceptEncodingSchema, DOCS_ASSET_NAMES } from './swagger-ui.ts';

export type { HeaderParam, OperationSpec, ResponseSpec } from './operation-spec.ts';

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
    TaskExplanation: explanationSchema,
    Schedule: scheduleSchema,
    SchedulePage: schedulePageSchema,
    Stats: statsSchema,
    DeadLetters: deadLettersSchema,
    RedriveResult: redriveResponseSchema,
    Tenant: tenantSchema,
    TenantPage: tenantPageSchema,
    ApiKey: apiKeySchema,
    NewApiKey: newApiKeySchema,
    ApiKeyList: apiKeyListSchema,
    OperatorToken: operatorTokenSchema,
    NewOperatorToken: newOperatorTokenSchema,
    OperatorTokenList: operatorTokenListSchema,
  };
}

const acceptEncoding: HeaderParam = {
  name: 'Accept-Encoding',
  description: 'With gzip, the file is sent gzipped (Content-Encoding: gzip).',
  schema: acceptEncodingSchema,
};

const HEALTH_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded', 'error'] },
    checks: {
      type: 'object',
      additionalProperties: { type: 'string', enum: ['ok', 'error', 'timeout', 'disabled'] },
    },
  },
  required: ['status', 'checks'],
};

const task = (description: string, headers?: string[]): ResponseSpec => ({
  description,
  body: { component: 'Task' },
  ...(headers ? { headers } : {}),
});

/** Every route's documentation. */
export function operations(): Record<RouteName, OperationSpec> {
  return {
    ...adminOperations(),
    ...scheduleOperations(),
    'create-task': {
      summary: 'Submit a task',
      tag: 'Tasks',
      body: { schema: { component: 'TaskSubmission' }, required: true },
      responses: { 202: task('Accepted: the task, PENDING', ['Location']) },
      problems: [],
    },
    'create-task-batch': {
      summary: 'Submit up to 100 tasks, validated as a whole',
      tag: 'Tasks',
      body: { schema: { component: 'TaskBatchSubmission' }, required: true },
      responses: { 202: { description: 'Accepted: the tasks, in order', body: { component: 'TaskBatch' } } },
      problems: [],
    },
    'list-tasks': {
      summary: 'List tasks, newest first',
      tag: 'Tasks',
      query: listTasksQuerySchema,
      responses: { 200: { description: 'A page of task summaries', body: { component: 'TaskPage' } } },
      problems: [],
    },
    'get-task': {
      summary: 'Read a task',
      tag: 'Tasks',
      path: taskIdParamsSchema,
      responses: { 200: task('The task') },
      problems: [404],
    },
    'get-task-result': {
      summary: "Read a completed task's result",
      description: '409 (with taskStatus) while the task is not COMPLETED.',
      tag: 'Tasks',
      path: taskIdParamsSchema,
      responses: { 200: { description: 'The result', body: { component: 'TaskResult' } } },
      problems: [404, 409],
    },
    'list-task-events': {
      summary: "Read a task's event log, oldest first",
      tag: 'Tasks',
      path: taskIdParamsSchema,
      query: listEventsQuerySchema,
      responses: { 200: { description: 'A page of events', body: { component: 'TaskEventPage' } } },
      problems: [404],
    },
    'explain-task': {
      summary: 'Explain why a task is where it is (why it has not started yet)',
      description:
        'One reason: scheduled, publishing, queued (with its queue, system-wide), backoff, running, interrupted, or the terminal completed, failed, cancelled. The list may grow; show an unknown reason by its detail.',
      tag: 'Tasks',
      path: taskIdParamsSchema,
      responses: { 200: { description: 'The explanation', body: { component: 'TaskExplanation' } } },
      problems: [404],
    },
    'cancel-task': {
      summary: 'Cancel a PENDING, QUEUED or RETRYING task',
      tag: 'Tasks',
      path: taskIdParamsSchema,
      body: { schema: cancelTaskBodySchema, required: false },
      responses: { 200: task('The task, CANCELLED') },
      problems: [404, 409],
    },
    'retry-task': {
      summary: 'Run a FAILED or CANCELLED task again from scratch',
      tag: 'Tasks',
      path: taskIdParamsSchema,
      responses: { 202: task('The task, PENDING again', ['Location']) },
      problems: [404, 409],
    },
    'delete-task': {
      summary: 'Delete a COMPLETED, FAILED or CANCELLED task',
      tag: 'Tasks',
      path: taskIdParamsSchema,
      responses: { 204: { description: 'Deleted' } },
      problems: [404, 409],
    },
    healthz: {
      summary: 'Health check',
      description:
        'Each check is ok, error or timeout. A failed database is a 503; a failed Redis is a 200 "degraded" while rate limiting fails open, else a 503.',
      tag: 'Meta',
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
      query: statsQuerySchema,
      responses: { 200: { description: 'Statistics', body: { component: 'Stats' } } },
      problems: [],
    },
    'get-metrics': {
      summary: 'Prometheus metrics (every tenant)',
      description:
        'Authorization: Bearer <METRICS_TOKEN or ADMIN_TOKEN>. 403 when neither is configured (metrics disabled).',
      tag: 'Operations',
      responses: {
        200: {
          description: 'Prometheus text exposition format 0.0.4',
          contentType: 'text/plain; version=0.0.4',
          body: { raw: { type: 'string' } },
        },
      },
      problems: [403],
    },
    'list-dead-letters': {
      summary: 'FAILED tasks grouped by error fingerprint',
      tag: 'Operations',
      query: deadLettersQuerySchema,
      responses: { 200: { description: 'Dead-letter groups', body: { component: 'DeadLetters' } } },
      problems: [],
    },
    'redrive-dead-letters': {
      summary: 'Run FAILED tasks again, or move a whole SQS dead-letter queue back',
      description:
        'Without queue: FAILED tasks (all, one fingerprint and/or type; at most limit, default 1000) return to PENDING through the outbox, spread at ratePerSecond. With queue: StartMessageMoveTask from that DLQ to its queue; needs Authorization: Bearer <ADMIN_TOKEN> (403 otherwise).',
      tag: 'Operations',
      body: { schema: { component: 'RedriveRequest' }, required: true },
      responses: { 202: { description: 'Redrive started', body: { component: 'RedriveResult' } } },
      problems: [403],
    },
    'get-openapi': {
      summary: 'This OpenAPI document',
      tag: 'Meta',
      responses: { 200: { description: 'OpenAPI 3.1', body: { raw: { type: 'object' } } } },
      problems: [],
    },
    'get-docs': {
      summary: 'Swagger UI for this API',
      tag: 'Meta',
      responses: {
        200: { description: 'HTML page', contentType: 'text/html', body: { raw: { type: 'string' } } },
      },
      problems: [],
    },
    'get-dashboard': {
      summary: 'The web dashboard',
      description:
        'Sign in with an API key (tenant view) and/or an operator token (admin view); both stay in the browser tab (sessionStorage) and are sent as headers.',
      tag: 'Meta',
      responses: {
        200: { description: 'HTML page', contentType: 'text/html', body: { raw: { type: 'string' } } },
      },
      problems: [],
    },
    'get-dashboard-asset': {
      summary: 'Static files of the dashboard',
      tag: 'Meta',
      path: z.strictObject({ asset: z.enum(DASHBOARD_ASSET_NAMES) }),
      headers: [acceptEncoding],
      responses: {
        200: { description: 'The file', contentType: '*/*', body: { raw: { type: 'string' } } },
      },
      problems: [404],
    },
    'get-docs-asset': {
      summary: 'Static files of the Swagger UI page',
      tag: 'Meta',
      path: z.strictObject({ asset: z.enum(DOCS_ASSET_NAMES) }),
      headers: [acceptEncoding],
      responses: {
        200: { description: 'The file', contentType: '*/*', body: { raw: { type: 'string' } } },
      },
      problems: [404],
    },
  };
}
