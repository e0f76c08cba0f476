/**
 * Wraps a route function in the API's middy chain. Route functions receive a typed request
 * (correlation id, logger, parsed body, tenant) and return a response or throw an `AppError`;
 * they never build error responses themselves.
 *
 * @example
 * export const handler = tenantHandler(async ({ tenant, event }) => json(200, await load(tenant.id, event)));
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { idempotent } from '../edge/idempotent-route.ts';
import { rateLimit } from '../edge/rate-limits.ts';
import { requestFingerprint } from '../edge/request-fingerprint.ts';
import { getApiConfig } from '../process-deps.ts';
import { idempotencyKeySchema } from '../tasks/task-schemas.ts';
import type { Idempotency } from '../tasks/task-service.ts';
import { parseHeader } from './inputs.ts';
import {
  apiKeyAuth,
  errorHandler,
  jsonBody,
  publishMetrics,
  requestContext,
  requestHeaders,
} from './middlewares.ts';
import { operatorAuth } from './operator-auth.ts';
import {
  type ApiContext,
  type ApiHandler,
  type ApiMiddleware,
  type ApiRequest,
  headerValue,
  type OperatorRequest,
  type TenantRequest,
} from './request.ts';

export interface RouteOptions {
  /** Parse a JSON request body. Routes without it ignore any body. */
  body?: boolean;
  /**
   * Accept `Idempotency-Key` (tenant routes that change state): replays, 409 and 422 come from the
   * Redis fast path in `edge/idempotent-route.ts`; the route still passes `request.idempotency` to the database
   * backstop where one exists. Routes without it ignore the header.
   */
  idempotent?: boolean;
}

/** Who a chain authenticates: a tenant by API key, an operator by admin token, or nobody. */
type Caller = 'tenant' | 'operator' | 'none';

function build<R extends ApiRequest>(
  route: (request: R) => Promise<APIGatewayProxyStructuredResultV2>,
  options: RouteOptions & { caller: Caller },
): ApiHandler {
  const cfg = getApiConfig();
  const middlewares: ApiMiddleware[] = [requestContext(), publishMetrics()];
  if (options.caller === 'tenant') {
    middlewares.push(apiKeyAuth({ cacheTtlSeconds: cfg.authCacheTtlSeconds }), rateLimit());
  }
  if (options.caller === 'operator') middlewares.push(operatorAuth());
  middlewares.push(requestHeaders({ tenant: options.caller === 'tenant' }));
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
      const { tenant, operator } = context;
      const idempotency = options.idempotent ? idempotencyOf(request) : null;
      // `tenant` (`operator`) is present exactly when the chain authenticates one, which is what R promises.
      if (tenant) {
        const tenantRequest: TenantRequest = { ...request, tenant, idempotency };
        return idempotent(tenant.id, idempotency, request.logger, () => route(tenantRequest as unknown as R));
      }
      if (operator) {
        const operatorRequest: OperatorRequest = { ...request, operator, idempotency };
        // Keys are scoped to the token, as a tenant's are to the tenant.
        const scope = `operator:${operator.tokenId ?? operator.name}`;
        return idempotent(
          scope,
          idempotency,
          request.logger,
          () => route(operatorRequest as unknown as R),
          context.responseSealer,
        );
      }
      return route(request as R);
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
  return build(route, { ...options, caller: 'none' });
}

/** A route that requires `X-API-Key`; the request carries the authenticated tenant. */
export function tenantHandler(
  route: (request: TenantRequest) => Promise<APIGatewayProxyStructuredResultV2>,
  options: RouteOptions = {},
): ApiHandler {
  return build(route, { ...options, caller: 'tenant' });
}

/** A route that requires an operator token of scope admin; the request carries the operator. */
export function operatorHandler(
  route: (request: OperatorRequest) => Promise<APIGatewayProxyStructuredResultV2>,
  options: RouteOptions = {},
): ApiHandler {
  return build(route, { ...options, caller: 'operator' });
}
