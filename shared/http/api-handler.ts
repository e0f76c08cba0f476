/**
 * Wraps a route function in the API's middy chain. Route functions receive a typed request
 * (correlation id, logger, parsed body, tenant) and return a response or throw an `AppError`;
 * they never build error responses themselves.
 *
 * @example
 * export const handler = tenantHandler(async ({ tenant, event }) => json(200, await load(tenant.id, event)));
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type ApiConfig, apiConfig } from '../config.ts';
import type { AppLogger } from '../observability.ts';
import { idempotencyKeySchema } from '../tasks/task-schemas.ts';
import { type Idempotency, requestFingerprint } from '../tasks/task-service.ts';
import type { Tenant } from '../tenants/tenant-store.ts';
import { idempotent, rateLimit } from './edge.ts';
import { parseHeader } from './inputs.ts';
import {
  type ApiContext,
  type ApiMiddleware,
  apiKeyAuth,
  errorHandler,
  headerValue,
  jsonBody,
  publishMetrics,
  requestContext,
  requestHeaders,
} from './middlewares.ts';

export type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface ApiRequest {
  event: APIGatewayProxyEventV2;
  context: Context;
  correlationId: string;
  logger: AppLogger;
  /** Parsed JSON body (routes created with `{ body: true }`); undefined when absent. */
  body: unknown;
  /** Case-insensitive request header. */
  header(name: string): string | undefined;
}

export interface TenantRequest extends ApiRequest {
  tenant: Tenant;
  /**
   * The validated `Idempotency-Key` and the request's fingerprint (method, path, canonical body),
   * on routes created with `{ idempotent: true }` when the header is present; else null.
   */
  idempotency: Idempotency | null;
}

export interface RouteOptions {
  /** Parse a JSON request body. Routes without it ignore any body. */
  body?: boolean;
  /**
   * Accept `Idempotency-Key` (tenant routes that change state): replays, 409 and 422 come from the
   * Redis fast path in `edge.ts`; the route still passes `request.idempotency` to the database
   * backstop where one exists. Routes without it ignore the header.
   */
  idempotent?: boolean;
}

let config: ApiConfig | undefined;

/** The API settings, read from the environment once per process. */
export function getApiConfig(): ApiConfig {
  config ??= apiConfig();
  return config;
}

function build<R extends ApiRequest>(
  route: (request: R) => Promise<APIGatewayProxyStructuredResultV2>,
  options: RouteOptions & { auth: boolean },
): ApiHandler {
  const cfg = getApiConfig();
  const middlewares: ApiMiddleware[] = [requestContext(), publishMetrics()];
  if (options.auth) {
    middlewares.push(apiKeyAuth({ cacheTtlSeconds: cfg.authCacheTtlSeconds }), rateLimit());
  }
  middlewares.push(requestHeaders({ tenant: options.auth }));
  if (options.body) middlewares.push(jsonBody({ maxBytes: cfg.maxBodyBytes }));
  // Last, so its onError runs first and the others see the problem response.
  middlewares.push(errorHandler());
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext>(
    async (event: APIGatewayProxyEventV2, context: ApiContext) => {
      const request: ApiRequest = {
        event,
        context,
        correlationId: context.correlationId,
        logger: context.logger,
        body: context.jsonBody,
        header: (name) => headerValue(event, name),
      };
      const tenant = context.tenant;
      // `tenant` is present exactly when options.auth is, which is what R promises.
      if (!tenant) return route(request as R);
      const idempotency = options.idempotent ? idempotencyOf(request) : null;
      const tenantRequest: TenantRequest = { ...request, tenant, idempotency };
      return idempotent(tenant.id, idempotency, request.logger, () => route(tenantRequest as unknown as R));
    },
  ).use(middlewares);
  // The middlewares fill in ApiContext's fields, so callers pass a plain Lambda context.
  return handler as unknown as ApiHandler;
}

/** The request's `Idempotency-Key` (400 when empty or over 255 characters) and fingerprint, or null. */
function idempotencyOf(request: ApiRequest): Idempotency | null {
  const key = parseHeader(idempotencyKeySchema, request.header('Idempotency-Key'), 'Idempotency-Key');
  if (key === undefined) return null;
  const method = request.event.requestContext?.http?.method ?? 'POST';
  return { key, fingerprint: requestFingerprint(method, request.event.rawPath, request.body) };
}

/** A route that needs no API key (health checks, docs). */
export function publicHandler(
  route: (request: ApiRequest) => Promise<APIGatewayProxyStructuredResultV2>,
  options: RouteOptions = {},
): ApiHandler {
  return build(route, { ...options, auth: false });
}

/** A route that requires `X-API-Key`; the request carries the authenticated tenant. */
export function tenantHandler(
  route: (request: TenantRequest) => Promise<APIGatewayProxyStructuredResultV2>,
  options: RouteOptions = {},
): ApiHandler {
  return build(route, { ...options, auth: true });
}
