/**
 * The `$default` route (any method and path no other route takes): 404, or 405 with `Allow` when
 * the path has routes for other methods, in the API's problem format with a correlation id, like
 * every other error. API Gateway's own answer would be `{"message":"Not Found"}`. The local
 * runtime sends unmatched requests to the same function, built over its own route table.
 */
import { publicHandler } from '../../shared/http/api-handler.ts';
import type { ApiHandler } from '../../shared/http/request.ts';
import { ROUTES } from '../../shared/http/routes.ts';
import { noRouteError, type RoutePattern } from '../../shared/http/routing.ts';

/** The `$default` route's handler for a table of routes. */
export function notFoundHandler(routes: readonly RoutePattern[]): ApiHandler {
  return publicHandler(async ({ event }) => {
    throw noRouteError(routes, event.requestContext?.http?.method ?? 'GET', event.rawPath ?? '/');
  });
}

export const handler = notFoundHandler(ROUTES);
