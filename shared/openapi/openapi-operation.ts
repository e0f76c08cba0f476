/**
 * One operation of the OpenAPI document: its parameters, request body, success responses and
 * every problem status, from the route's entry in the route table (who may call it, whether it
 * takes Idempotency-Key) and its documentation in `operations.ts`.
 */
import type * as z from 'zod';
import { type RouteSpec, usesApiKey } from '../http/routes.ts';
import type { JsonSchema, SchemaRegistry } from './json-schema.ts';
import {
  PROBLEM_HEADERS,
  problemResponse,
  RATE_LIMIT_HEADERS,
  ref,
  responseHeaders,
  STATUS_TEXT,
} from './openapi-responses.ts';
import type { OperationSpec, ResponseSpec } from './operations.ts';

export interface OpenApiOperation {
  operationId: string;
  responses: Record<
    string,
    { description?: string; $ref?: string; content?: Record<string, { schema: JsonSchema }> }
  >;
  [key: string]: unknown;
}

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

/** Every error status of an operation: its own plus those its kind shares. */
function problemStatuses(route: RouteSpec, spec: OperationSpec): number[] {
  const statuses = [
    400,
    ...spec.problems,
    ...(usesApiKey(route.auth) ? [401, 429, 503] : []),
    ...(route.auth === 'metricsToken' ? [401, 503] : []),
    // 429: too many failed authentications from one address, as on tenant routes.
    ...(route.auth === 'adminToken' ? [401, 403, 429, 503] : []),
    ...(spec.body ? [413, 415] : []),
    ...(route.idempotent ? [409, 422] : []),
  ];
  return [...new Set(statuses)].sort((a, b) => a - b);
}

function securityOf(route: RouteSpec): Record<string, string[]>[] {
  switch (route.auth) {
    case 'apiKey':
      return [{ ApiKey: [] }];
    case 'apiKeyOrAdmin':
      return [{ ApiKey: [] }, { ApiKey: [], AdminToken: [] }];
    case 'metricsToken':
      return [{ MetricsToken: [] }];
    case 'adminToken':
      return [{ AdminToken: [] }];
    case 'none':
      return [];
  }
}

/** The operation of `route`; `bodies` are the request bodies the document assembles itself. */
export function operation(
  registry: SchemaRegistry,
  route: RouteSpec,
  spec: OperationSpec,
  bodies: Record<string, JsonSchema>,
): OpenApiOperation {
  const tenant = usesApiKey(route.auth);
  const kind: Kind = { tenant, idempotent: route.idempotent === true };
  const headerParams = [
    ref('parameters', 'XCorrelationId'),
    ...(route.idempotent ? [ref('parameters', 'IdempotencyKey')] : []),
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
  for (const status of problemStatuses(route, spec)) {
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
    operationId: route.name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    security: securityOf(route),
    parameters: [
      ...parameters(registry, spec.path, 'path'),
      ...parameters(registry, spec.query, 'query'),
      ...headerParams,
    ],
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}
