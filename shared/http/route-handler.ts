/**
 * A route's handler built from its entry in the route table (`routes.ts`): whether it checks
 * `X-API-Key` (and so whether the request carries a tenant) and whether it takes
 * `Idempotency-Key` come from the entry, not from the handler file. The handler is marked with
 * its route's name, so the handler map in `functions/api/routes.ts` does not compile when a
 * route is paired with another route's handler.
 *
 * @example
 * export const handler = routeHandler('get-task', async ({ tenant, event }) => json(200, await load(tenant.id, event)));
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { operatorHandler, publicHandler, tenantHandler } from './api-handler.ts';
import type { ApiHandler, ApiRequest, OperatorRequest, TenantRequest } from './request.ts';
import { type Route, type RouteName, routeNamed, usesApiKey } from './routes.ts';

/**
 * What the route function of `N` receives: the tenant's request on routes with an API key, the
 * operator's on admin routes.
 */
export type RequestOf<N extends RouteName> = Route<N>['auth'] extends 'apiKey' | 'apiKeyOrAdmin'
  ? TenantRequest
  : Route<N>['auth'] extends 'adminToken'
    ? OperatorRequest
    : ApiRequest;

export type RouteHandler<N extends RouteName = RouteName> = ApiHandler & { readonly routeName: N };

export interface RouteHandlerOptions {
  /** Parse a JSON request body. Routes without it ignore any body. */
  body?: boolean;
}

export function routeHandler<N extends RouteName>(
  name: N,
  route: (request: RequestOf<N>) => Promise<APIGatewayProxyStructuredResultV2>,
  options: RouteHandlerOptions = {},
): RouteHandler<N> {
  const spec = routeNamed(name);
  const idempotent = 'idempotent' in spec && spec.idempotent === true;
  // RequestOf<N> is TenantRequest exactly when usesApiKey(spec.auth), OperatorRequest when the
  // route takes the admin token, which picks the chain below.
  const handler = usesApiKey(spec.auth)
    ? tenantHandler(route as (request: TenantRequest) => Promise<APIGatewayProxyStructuredResultV2>, {
        ...options,
        idempotent,
      })
    : spec.auth === 'adminToken'
      ? operatorHandler(route as (request: OperatorRequest) => Promise<APIGatewayProxyStructuredResultV2>, {
          ...options,
          idempotent,
        })
      : publicHandler(route as (request: ApiRequest) => Promise<APIGatewayProxyStructuredResultV2>, options);
  return Object.assign(handler, { routeName: name });
}
