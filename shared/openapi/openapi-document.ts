/**
 * Builds the OpenAPI 3.1 document served at `GET /openapi.json` from the route manifest and the
 * zod schemas the handlers validate with (`operations.ts`), so the document cannot drift from
 * what the API accepts. Built once per process.
 *
 * What each kind of route shares is added here, once: the headers every route reads, the
 * statuses of authentication, rate limiting, bodies and Idempotency-Key, and the response
 * headers that go with them. Shared parts are components (parameters, headers, responses), so
 * the document stays small enough to read.
 */
import { z } from 'zod';
import { ROUTE_MANIFEST } from '../../functions/api/route-manifest.ts';
import type { TaskDefaults } from '../config/tasks.ts';
import { PROBLEM_CONTENT_TYPE } from '../http/problem.ts';
import { CORRELATION_ID_PATTERN } from '../http/request.ts';
import { MAX_BODY_DEPTH, MAX_JSON_DEPTH, SAFE_TEXT_RULE } from '../http/validation.ts';
import { redriveBodyVariants } from '../ops/ops-schemas.ts';
import {
  clientIdSchema,
  idempotencyKeySchema,
  submitBatchSchema,
  submitTaskSchema,
  submitTaskVariants,
} from '../tasks/task-schemas.ts';
import { type JsonSchema, SchemaRegistry } from './json-schema.ts';
import { componentSchemas, type OperationSpec, operations, type ResponseSpec } from './operations.ts';

export interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: Record<string, unknown>;
  [key: string]: unknown;
}

export interface OpenApiOperation {
  operationId: string;
  responses: Record<
    string,
    { description?: string; $ref?: string; content?: Record<string, { schema: JsonSchema }> }
  >;
  [key: string]: unknown;
}

const ref = (kind: 'schemas' | 'parameters' | 'headers' | 'responses', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});

const RESPONSE_HEADERS: Record<string, { description: string; schema: JsonSchema }> = {
  'X-Correlation-Id': {
    description:
      'The request’s correlation id (the one sent, or a new UUID); quote it when reporting a problem.',
    schema: { type: 'string' },
  },
  Location: { description: 'The task’s URL', schema: { type: 'string', pattern: '^/v1/tasks/' } },
  'Idempotent-Replayed': {
    description: '`true` when the response replays an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  'RateLimit-Limit': {
    description:
      'Requests of this class (reads or writes) the bucket holds when full (IETF RateLimit fields draft)',
    schema: { type: 'string' },
  },
  'RateLimit-Remaining': { description: 'Requests left in the bucket', schema: { type: 'string' } },
  'RateLimit-Reset': { description: 'Seconds until the bucket is full again', schema: { type: 'string' } },
  'WWW-Authenticate': { description: 'The authentication scheme expected', schema: { type: 'string' } },
  Allow: { description: 'The methods this path serves', schema: { type: 'string' } },
};

/** Response header name -> components.headers key. */
const headerKey = (name: string) => name.replaceAll('-', '');

const RATE_LIMIT_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid request: a field, query or path parameter or header is invalid (`field` names it)',
  401: 'Missing or invalid credentials',
  403: 'Not allowed (see detail)',
  404: 'Not found (another tenant’s task is not found either)',
  405: 'The path exists, but not with this method (`Allow` lists those it serves)',
  409: 'Conflicts with the current state (`taskStatus` gives it), or a request with the same Idempotency-Key is still in progress (with `Retry-After`)',
  413: 'Body or payload too large',
  415: 'Content-Type is not application/json',
  422: 'Idempotency-Key reused with a different request',
  429: 'Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address',
  503: 'A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After`',
};

/** Headers a problem of this status always or sometimes carries, besides X-Correlation-Id. */
const PROBLEM_HEADERS: Record<number, { name: string; required: boolean }[]> = {
  401: [{ name: 'WWW-Authenticate', required: false }],
  405: [{ name: 'Allow', required: true }],
  409: [{ name: 'Retry-After', required: false }],
  429: [{ name: 'Retry-After', required: true }],
  503: [{ name: 'Retry-After', required: false }],
};

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

const INFO_DESCRIPTION = `Serverless task queue. Routes under /v1 need X-API-Key; errors are RFC 9457 application/problem+json with \`field\` naming what was wrong.

Every string a request carries (values, query and path parameters, headers, and the strings and property names inside payloads) ${SAFE_TEXT_RULE}: PostgreSQL cannot store them. A payload may nest at most ${MAX_JSON_DEPTH} levels (a request body at most ${MAX_BODY_DEPTH}, room for the batch envelope), and serialize to at most the configured payload size (256 KiB by default). String lengths count UTF-16 code units.

Requests no route takes are answered in the same problem format, with a correlation id: 404 for an unknown path, 405 with \`Allow\` for a known path and another method (see x-unmatched-requests).`;

function parameters(
  registry: SchemaRegistry,
  schema: z.ZodObject | undefined,
  location: 'path' | 'query',
): Record<string, unknown>[] {
  if (!schema) return [];
  const json = registry.convert(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

/** Headers every response that lists them carries; the others are there only sometimes. */
const ALWAYS_PRESENT = new Set(['X-Correlation-Id', 'Location', 'Allow']);
/** Only on responses outside `paths` (405), so written inline rather than as a component. */
const INLINE_ONLY = new Set(['Allow']);

function responseHeaders(headers: readonly { name: string; required: boolean }[]) {
  return Object.fromEntries(
    [{ name: 'X-Correlation-Id', required: true }, ...headers].map(({ name, required }) => [
      name,
      // A reference cannot add `required` (siblings of $ref other than description are ignored).
      INLINE_ONLY.has(name) || (required && !ALWAYS_PRESENT.has(name))
        ? { ...RESPONSE_HEADERS[name], required: true }
        : ref('headers', headerKey(name)),
    ]),
  );
}

function headerComponents() {
  return Object.fromEntries(
    Object.entries(RESPONSE_HEADERS)
      .filter(([name]) => !INLINE_ONLY.has(name))
      .map(([name, header]) => [
        headerKey(name),
        ALWAYS_PRESENT.has(name) ? { ...header, required: true } : header,
      ]),
  );
}

interface Kind {
  tenant: boolean;
  idempotent: boolean;
}

function successResponse(registry: SchemaRegistry, spec: ResponseSpec, kind: Kind) {
  let schema: JsonSchema | undefined;
  if (spec.body && 'component' in spec.body) schema = ref('schemas', spec.body.component);
  else if (spec.body && 'schema' in spec.body) schema = registry.convert(spec.body.schema, 'output');
  else if (spec.body) schema = spec.body.raw;
  const headers = [
    ...(spec.headers ?? []).map((name) => ({ name, required: true })),
    ...(kind.idempotent ? [{ name: 'Idempotent-Replayed', required: false }] : []),
    ...(kind.tenant ? RATE_LIMIT_HEADERS.map((name) => ({ name, required: false })) : []),
  ];
  return {
    description: spec.description,
    headers: responseHeaders(headers),
    ...(schema ? { content: { [spec.contentType ?? 'application/json']: { schema } } } : {}),
  };
}

function problemResponse(description: string, headers: { name: string; required: boolean }[]) {
  return {
    description,
    headers: responseHeaders(headers),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('schemas', 'Problem') } },
  };
}

/** Every error status of an operation: its own plus those its kind shares. */
function problemStatuses(spec: OperationSpec): number[] {
  const tenant = spec.security === 'apiKey' || spec.security === 'apiKeyOrAdmin';
  const statuses = [
    400,
    ...spec.problems,
    ...(tenant ? [401, 429, 503] : []),
    ...(spec.security === 'metricsToken' ? [401, 503] : []),
    ...(spec.body ? [413, 415] : []),
    ...(spec.idempotent ? [409, 422] : []),
  ];
  return [...new Set(statuses)].sort((a, b) => a - b);
}

function securityOf(spec: OperationSpec): Record<string, string[]>[] {
  switch (spec.security) {
    case 'apiKey':
      return [{ ApiKey: [] }];
    case 'apiKeyOrAdmin':
      return [{ ApiKey: [] }, { ApiKey: [], AdminToken: [] }];
    case 'metricsToken':
      return [{ MetricsToken: [] }];
    case 'none':
      return [];
  }
}

function operation(
  registry: SchemaRegistry,
  name: string,
  spec: OperationSpec,
  bodies: Record<string, JsonSchema>,
): OpenApiOperation {
  const tenant = spec.security === 'apiKey' || spec.security === 'apiKeyOrAdmin';
  const kind: Kind = { tenant, idempotent: spec.idempotent === true };
  const headerParams = [
    ref('parameters', 'XCorrelationId'),
    ...(spec.idempotent ? [ref('parameters', 'IdempotencyKey')] : []),
    ...(tenant ? [ref('parameters', 'XClientId')] : []),
    ...(spec.headers ?? []).map((header) => ({
      name: header.name,
      in: 'header',
      required: false,
      description: header.description,
      schema: registry.convert(header.schema, 'input'),
    })),
  ];
  const responses: OpenApiOperation['responses'] = {};
  for (const [status, response] of Object.entries(spec.responses))
    responses[status] = successResponse(registry, response, kind);
  for (const status of problemStatuses(spec)) {
    const headers = [
      ...(PROBLEM_HEADERS[status] ?? []),
      ...(tenant && status !== 401 ? RATE_LIMIT_HEADERS.map((h) => ({ name: h, required: false })) : []),
    ];
    responses[String(status)] = problemResponse(STATUS_TEXT[status] ?? 'Error', headers);
  }
  responses.default = ref('responses', 'UnexpectedError');
  let requestBody: Record<string, unknown> | undefined;
  if (spec.body) {
    const schema =
      'component' in spec.body.schema
        ? bodies[spec.body.schema.component]!
        : registry.convert(spec.body.schema, 'input');
    requestBody = { required: spec.body.required, content: { 'application/json': { schema } } };
  }
  return {
    operationId: name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    security: securityOf(spec),
    parameters: [
      ...parameters(registry, spec.path, 'path'),
      ...parameters(registry, spec.query, 'query'),
      ...headerParams,
    ],
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

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
  };
}

/** The document for these task defaults (they bound maxAttempts and timeoutSeconds). */
export function buildOpenApiDocument(defaults: TaskDefaults): OpenApiDocument {
  const registry = new SchemaRegistry();
  for (const [name, schema] of Object.entries(componentSchemas())) registry.component(name, schema, 'output');
  const bodies = requestBodies(registry, defaults);
  const specs = operations();
  const paths: OpenApiDocument['paths'] = {};
  for (const route of ROUTE_MANIFEST) {
    const path = route.path.replace(/\{([^}+]+)\+\}/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(registry, route.name, specs[route.name], bodies);
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
      { name: 'Operations', description: 'Statistics, metrics and dead-letter triage' },
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
          description: 'The operator’s ADMIN_TOKEN: needed, besides the API key, to redrive a whole queue',
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
