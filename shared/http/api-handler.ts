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
import type { Tenant } from '../tenants/tenant-store.ts';
import {
  type ApiContext,
  type ApiMiddleware,
  apiKeyAuth,
  errorHandler,
  headerValue,
  jsonBody,
  publishMetrics,
  requestContext,
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
}

export interface RouteOptions {
  /** Parse a JSON request body. Routes without it ignore any body. */
  body?: boolean;
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
  if (options.auth) middlewares.push(apiKeyAuth({ cacheTtlSeconds: cfg.authCacheTtlSeconds }));
  if (options.body) middlewares.push(jsonBody({ maxBytes: cfg.maxBodyBytes }));
  // Last, so its onError runs first and the others see the problem response.
  middlewares.push(errorHandler());
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ApiContext>(
    async (event: APIGatewayProxyEventV2, context: ApiContext) => {
      const request: TenantRequest | ApiRequest = {
        event,
        context,
        correlationId: context.correlationId,
        logger: context.logger,
        body: context.jsonBody,
        header: (name) => headerValue(event, name),
        ...(context.tenant ? { tenant: context.tenant } : {}),
      };
      // `tenant` is present exactly when options.auth is, which is what R promises.
      return route(request as R);
    },
  ).use(middlewares);
  // The middlewares fill in ApiContext's fields, so callers pass a plain Lambda context.
  return handler as unknown as ApiHandler;
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
