/**
 * Reading the parts of a request other than the body, each validated with zod and reported on
 * its own field: path parameters by name (`id`), query parameters by name (`cursor`), headers as
 * `header:<Name>`. Like the body, each is first checked for text PostgreSQL cannot store.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { clientIdSchema } from '../tasks/task-schemas.ts';
import type { Caller } from '../tasks/task-service.ts';
import type { TenantRequest } from './request.ts';
import { assertStorableJson, MAX_JSON_DEPTH, parseInput } from './validation.ts';

export function parsePath<S extends z.ZodType>(schema: S, event: APIGatewayProxyEventV2): z.output<S> {
  const params = event.pathParameters ?? {};
  assertStorableJson(params, 'path', MAX_JSON_DEPTH);
  return parseInput(schema, params, { root: 'path', what: 'Invalid path' });
}

export function parseQuery<S extends z.ZodType>(schema: S, event: APIGatewayProxyEventV2): z.output<S> {
  const query = event.queryStringParameters ?? {};
  assertStorableJson(query, 'query', MAX_JSON_DEPTH);
  return parseInput(schema, query, { root: 'query', what: 'Invalid query' });
}

/** An optional header's value, validated; undefined when absent. */
export function parseHeader<S extends z.ZodType>(
  schema: S,
  value: string | undefined,
  name: string,
): z.output<S> | undefined {
  if (value === undefined) return undefined;
  assertStorableJson(value, `header:${name}`, MAX_JSON_DEPTH);
  return parseInput(schema, value, { root: `header:${name}`, what: `Invalid ${name} header` });
}

/** The authenticated caller, with the optional `X-Client-Id` label. */
export function callerOf(request: TenantRequest): Caller {
  return {
    tenantId: request.tenant.id,
    correlationId: request.correlationId,
    clientId: parseHeader(clientIdSchema, request.header('X-Client-Id'), 'X-Client-Id') ?? null,
  };
}
