/**
 * Builds the OpenAPI 3.1 document served at `GET /openapi.json` from the route table
 * (`shared/http/routes.ts`) and the zod schemas the handlers validate with (`operations.ts`), so
 * the document cannot drift from what the API accepts. Built once per process.
 *
 * What each kind of route shares is added once (`openapi-operation.ts`): the headers every route
 * reads, the statuses of authentication, rate limiting, bodies and Idempotency-Key, and the
 * response headers that go with them (`openapi-responses.ts`). Shared parts are components
 * (parameters, headers, responses), so the document stays small enough to read.
 */
import * as z from 'zod';
import type { TaskDefaults } from '../config/tasks.ts';
import { CORRELATION_ID_PATTERN } from '../http/request.ts';
import { ROUTES } from '../http/routes.ts';
import { MAX_BODY_DEPTH, MAX_JSON_DEPTH, SAFE_TEXT_RULE } from '../http/validation.ts';
import { redriveBodyVariants } from '../ops/ops-schemas.ts';
import { createScheduleSchema, updateScheduleSchema } from '../schedules/schedule-schemas.ts';
import {
  submitBatchSchema,
  submitTaskSchema,
  submitTaskVariants,
  taskTemplateSchema,
  taskTemplateVariants,
} from '../tasks/submit-schemas.ts';
import { clientIdSchema, idempotencyKeySchema } from '../tasks/task-schemas.ts';
import { type JsonSchema, SchemaRegistry } from './json-schema.ts';
import { type OpenApiOperation, operation } from './openapi-operation.ts';
import { headerComponents, PROBLEM_HEADERS, problemResponse, STATUS_TEXT } from './openapi-responses.ts';
import { componentSchemas, operations } from './operations.ts';

export interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: Record<string, unknown>;
  [key: string]: unknown;
}

const HEADER_PARAMETERS = {
  XCorrelationId: {
    name: 'X-Correlation-Id',
    in: 'header',
    required: false,
    description: 'Up to 128 printable ASCII characters; echoed, and carried into every log line.',
    schema: z.toJSONSchema(z.string().regex(CORRELATION_ID_PATTERN), { target: 'draft-2020-12' }),
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes the request safe to retry: the same key and request return the original response with Idempotent-Replayed: true (for 24 h); the same key with another request is a 422, and while the first is still running a 409.',
    schemaOf: idempotencyKeySchema,
  },
  XClientId: {
    name: 'X-Client-Id',
    in: 'header',
    required: false,
    description:
      'A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable.',
    schemaOf: clientIdSchema,
  },
} as const;

const INFO_DESCRIPTION = `Serverless task queue. Routes under /v1 need X-API-Key, except the admin API under /v1/admin, which takes an operator token of scope admin (Authorization: Bearer) and refuses tenant keys; errors are RFC 9457 application/problem+json with \`field\` naming what was wrong.

Every string a request carries (values, query and path parameters, headers, and the strings and property names inside payloads) ${SAFE_TEXT_RULE}: PostgreSQL cannot store them. A payload may nest at most ${MAX_JSON_DEPTH} levels (a request body at most ${MAX_BODY_DEPTH}, room for the batch envelope), and serialize to at most the configured payload size (256 KiB by default). String lengths count UTF-16 code units.

Requests no route takes are answered in the same problem format, with a correlation id: 404 for an unknown path, 405 with \`Allow\` for a known path and another method (see x-unmatched-requests).`;

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, __: string, c: string) => c.toUpperCase());
}

/**
 * The request bodies assembled from several schemas: a task submission as a `oneOf` over the
 * task types (discriminated by `type`), the batch of them, and the two forms of a redrive.
 */
function requestBodies(registry: SchemaRegistry, defaults: TaskDefaults): Record<string, JsonSchema> {
  const mapping: Record<string, string> = {};
  for (const [type, schema] of Object.entries(submitTaskVariants(defaults))) {
    const name = `${pascal(type)}TaskSubmission`;
    registry.component(name, schema, 'input');
    mapping[type] = `#/components/schemas/${name}`;
  }
  const submission = registry.raw('TaskSubmission', {
    description: 'A task to run: `type` selects the payload’s schema.',
    oneOf: Object.values(mapping).map((target) => ({ $ref: target })),
    discriminator: { propertyName: 'type', mapping },
  });
  // The batch as the validator defines it, each element documented as a submission.
  const single = submitTaskSchema(defaults);
  const batch = registry.convertWith(submitBatchSchema(defaults), 'input', new Map([[single, submission]]));
  const redrive = {
    oneOf: [
      registry.component('RedriveTasksRequest', redriveBodyVariants.tasks, 'input'),
      registry.component('RedriveQueueRequest', redriveBodyVariants.queue, 'input'),
    ],
  };
  return {
    TaskSubmission: submission,
    TaskBatchSubmission: registry.raw('TaskBatchSubmission', batch),
    RedriveRequest: registry.raw('RedriveRequest', redrive),
    ...scheduleBodies(registry, defaults),
  };
}

/**
 * The schedule bodies, whose task template is documented as a `oneOf` over the task types like a
 * submission (each type's payload schema), without a start time.
 */
function scheduleBodies(registry: SchemaRegistry, defaults: TaskDefaults): Record<string, JsonSchema> {
  const mapping: Record<string, string> = {};
  for (const [type, schema] of Object.entries(taskTemplateVariants(defaults))) {
    const name = `${pascal(type)}TaskTemplate`;
    registry.component(name, schema, 'input');
    mapping[type] = `#/components/schemas/${name}`;
  }
  const template = registry.raw('TaskTemplate', {
    description: 'The task each slot makes: a submission without a start time (the slot is its start time).',
    oneOf: Object.values(mapping).map((target) => ({ $ref: target })),
    discriminator: { propertyName: 'type', mapping },
  });
  const refs = new Map([[taskTemplateSchema(defaults) as z.ZodType, template]]);
  // "Exactly one of cron and intervalSeconds" as JSON Schema: one complete variant per form.
  const without = (schema: JsonSchema, drop: string, require?: string): JsonSchema => {
    const { [drop]: _dropped, ...properties } = schema.properties as Record<string, JsonSchema>;
    const required = (schema.required as string[] | undefined) ?? [];
    // The variant leaves the other field out, which says what the update's `not` says.
    const { not: _not, ...rest } = schema;
    return { ...rest, properties, required: require ? [...required, require] : required };
  };
  const create = registry.convertWith(createScheduleSchema(defaults), 'input', refs);
  const update = registry.convertWith(updateScheduleSchema(defaults), 'input', refs);
  return {
    ScheduleSubmission: registry.raw('ScheduleSubmission', {
      description: create.description,
      oneOf: [
        registry.raw('CronScheduleSubmission', without(create, 'intervalSeconds', 'cron')),
        registry.raw('IntervalScheduleSubmission', without(create, 'cron', 'intervalSeconds')),
      ],
    }),
    ScheduleUpdate: registry.raw('ScheduleUpdate', {
      description: 'Any field of the creation but name; at most one of cron and intervalSeconds.',
      anyOf: [without(update, 'intervalSeconds'), without(update, 'cron')],
    }),
  };
}

/** The document for these task defaults (they bound maxAttempts and timeoutSeconds). */
export function buildOpenApiDocument(defaults: TaskDefaults): OpenApiDocument {
  const registry = new SchemaRegistry();
  // A component that holds another (a list of keys, a batch of tasks) refers to it rather than
  // repeating it.
  const named = Object.entries(componentSchemas());
  for (const [name, schema] of named) {
    const others = new Map(
      named
        .filter(([other]) => other !== name)
        .map(([other, inner]) => [inner, { $ref: `#/components/schemas/${other}` }]),
    );
    registry.raw(name, registry.convertWith(schema, 'output', others));
  }
  const bodies = requestBodies(registry, defaults);
  const specs = operations();
  const paths: OpenApiDocument['paths'] = {};
  for (const route of ROUTES) {
    const path = route.path.replace(/\{([^}+]+)\+\}/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(registry, route, specs[route.name], bodies);
  }
  const { IdempotencyKey, XClientId, XCorrelationId } = HEADER_PARAMETERS;
  const headerParameter = ({ schemaOf, ...rest }: typeof IdempotencyKey | typeof XClientId) => ({
    ...rest,
    schema: registry.convert(schemaOf, 'input'),
  });
  const { $schema: _ignored, ...correlationSchema } = XCorrelationId.schema as JsonSchema;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Taskforge API',
      version: '0.1.0',
      description: INFO_DESCRIPTION,
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/', description: 'The host that serves this document' }],
    tags: [
      { name: 'Tasks', description: 'Submit, read, cancel, retry and delete tasks' },
      { name: 'Schedules', description: 'Recurring schedules: cron with a time zone, or an interval' },
      { name: 'Operations', description: 'Statistics, metrics and dead-letter triage' },
      {
        name: 'Admin',
        description:
          'Tenants, their API keys and operator tokens; an operator token of scope admin, never a tenant key',
      },
      { name: 'Meta', description: 'Health, this document and its UI' },
    ],
    paths,
    // Requests no route takes are no operation, so their responses have no place under paths.
    'x-unmatched-requests': {
      '404': problemResponse('No route has this path (any method)', []),
      '405': problemResponse(STATUS_TEXT[405]!, PROBLEM_HEADERS[405]!),
    },
    components: {
      schemas: registry.components,
      parameters: {
        XCorrelationId: { ...XCorrelationId, schema: correlationSchema },
        IdempotencyKey: headerParameter(IdempotencyKey),
        XClientId: headerParameter(XClientId),
      },
      headers: headerComponents(),
      responses: {
        UnexpectedError: problemResponse(
          'Unexpected error (5xx); the detail is generic, the correlationId is logged',
          [],
        ),
      },
      securitySchemes: {
        ApiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'The tenant’s API key' },
        MetricsToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'METRICS_TOKEN, or the operator’s ADMIN_TOKEN',
        },
        AdminToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An operator token of scope admin (ADMIN_TOKEN, or one issued by POST /v1/admin/tokens): the admin API, and, besides the API key, redriving a whole queue',
        },
      },
    },
  };
}

let cached: { defaults: TaskDefaults; document: OpenApiDocument } | undefined;

/** The document, built once per defaults object (once per process in practice). */
export function openApiDocument(defaults: TaskDefaults): OpenApiDocument {
  if (cached?.defaults !== defaults) cached = { defaults, document: buildOpenApiDocument(defaults) };
  return cached.document;
}
