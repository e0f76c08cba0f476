/**
 * Builds the OpenAPI 3.1 document served at `GET /openapi.json` from the route manifest and the
 * zod schemas the handlers validate with (`operations.ts`), so the document cannot drift from
 * what the API accepts. Built once per process.
 */
import type { z } from 'zod';
import { ROUTE_MANIFEST } from '../../functions/api/route-manifest.ts';
import type { TaskDefaults } from '../config.ts';
import { PROBLEM_CONTENT_TYPE } from '../http/problem.ts';
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
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
  [key: string]: unknown;
}

const RESPONSE_HEADERS: Record<string, { description: string; schema: JsonSchema }> = {
  'X-Correlation-Id': {
    description:
      'The request’s correlation id (the one sent, or a new UUID); quote it when reporting a problem.',
    schema: { type: 'string' },
  },
  Location: { description: 'The task’s URL', schema: { type: 'string' } },
  'Idempotent-Replayed': {
    description: '`true` when the response replays an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
  'WWW-Authenticate': { description: 'The authentication scheme expected', schema: { type: 'string' } },
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid request: a field, query or path parameter or header is invalid (`field` names it)',
  401: 'Missing or invalid credentials',
  403: 'Not allowed (see detail)',
  404: 'Not found (another tenant’s task is not found either)',
  409: 'Conflicts with the current state (`taskStatus` gives it)',
  413: 'Body or payload too large',
  415: 'Content-Type is not application/json',
  422: 'Idempotency-Key reused with a different request',
};

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

function responseHeaders(names: readonly string[]) {
  return Object.fromEntries(
    ['X-Correlation-Id', ...names].map((name) => [
      name,
      RESPONSE_HEADERS[name] ?? { schema: { type: 'string' } },
    ]),
  );
}

function successResponse(registry: SchemaRegistry, spec: ResponseSpec) {
  let schema: JsonSchema | undefined;
  if (spec.body && 'component' in spec.body) schema = { $ref: `#/components/schemas/${spec.body.component}` };
  else if (spec.body && 'schema' in spec.body) schema = registry.convert(spec.body.schema, 'output');
  else if (spec.body) schema = spec.body.raw;
  return {
    description: spec.description,
    headers: responseHeaders(spec.headers ?? []),
    ...(schema ? { content: { [spec.contentType ?? 'application/json']: { schema } } } : {}),
  };
}

function problemResponse(description: string, extraHeaders: string[] = []) {
  return {
    description,
    headers: responseHeaders(extraHeaders),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

function operation(registry: SchemaRegistry, name: string, spec: OperationSpec): OpenApiOperation {
  const headerParams = [
    {
      name: 'X-Correlation-Id',
      in: 'header',
      required: false,
      description: 'Up to 128 printable ASCII characters; echoed, and carried into every log line.',
      schema: { type: 'string', minLength: 1, maxLength: 128 },
    },
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
    responses[status] = successResponse(registry, response);
  for (const status of [400, ...spec.problems].sort((a, b) => a - b)) {
    responses[String(status)] = problemResponse(
      STATUS_TEXT[status] ?? 'Error',
      status === 401 ? ['WWW-Authenticate'] : [],
    );
  }
  responses.default = problemResponse(
    'Unexpected error (5xx); the detail is generic, the correlationId is logged',
  );
  const security =
    spec.security === 'apiKey'
      ? [{ ApiKey: [] }]
      : spec.security === 'metricsToken'
        ? [{ MetricsToken: [] }]
        : [];
  return {
    operationId: name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    security,
    parameters: [
      ...parameters(registry, spec.path, 'path'),
      ...parameters(registry, spec.query, 'query'),
      ...headerParams,
    ],
    ...(spec.body
      ? {
          requestBody: {
            required: spec.body.required,
            content: { 'application/json': { schema: registry.convert(spec.body.schema, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

/** The document for these task defaults (they bound maxAttempts and timeoutSeconds). */
export function buildOpenApiDocument(defaults: TaskDefaults): OpenApiDocument {
  const registry = new SchemaRegistry();
  for (const [name, schema] of Object.entries(componentSchemas())) registry.component(name, schema, 'output');
  const specs = operations(defaults);
  const paths: OpenApiDocument['paths'] = {};
  for (const route of ROUTE_MANIFEST) {
    const path = route.path.replace(/\{([^}+]+)\+\}/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(registry, route.name, specs[route.name]);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Taskforge API',
      version: '0.1.0',
      description:
        'Serverless task queue. Routes under /v1 need X-API-Key; errors are RFC 9457 application/problem+json.',
    },
    tags: [
      { name: 'Tasks', description: 'Submit, read, cancel, retry and delete tasks' },
      { name: 'Operations', description: 'Statistics, metrics and dead-letter triage' },
      { name: 'Meta', description: 'Health, this document and its UI' },
    ],
    paths,
    components: {
      schemas: registry.components,
      securitySchemes: {
        ApiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        MetricsToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'METRICS_TOKEN, or the operator’s ADMIN_TOKEN',
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
