/**
 * How a request finds its route, as API Gateway (HTTP API) does it, and what a request that finds
 * none is answered: the local runtime matches with these functions, and the `$default` route's
 * function (`functions/api/not-found.ts`) tells a 404 from a 405 with them, in AWS and locally.
 */
import { AppError, NotFoundError } from '../errors.ts';

export interface RoutePattern {
  method: string;
  /** API Gateway route path: literal segments, `{name}` (one segment) or `{name+}` (greedy, last). */
  path: string;
}

export interface RouteMatch<R extends RoutePattern> {
  route: R;
  /** Decoded path parameter values. */
  pathParameters: Record<string, string>;
  /** `METHOD /path`, the API Gateway route key. */
  routeKey: string;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Path parameters when `path` fits `pattern`, with the number of literal segments; else null. */
function matchPath(
  pattern: string,
  path: string,
): { params: Record<string, string>; literals: number } | null {
  const want = pattern.split('/').filter((s) => s !== '');
  const got = path.split('/').filter((s) => s !== '');
  const params: Record<string, string> = {};
  let literals = 0;
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!;
    const greedy = /^\{(.+)\+\}$/.exec(segment);
    if (greedy) {
      if (i >= got.length) return null;
      params[greedy[1]!] = got.slice(i).map(decodeSegment).join('/');
      return { params, literals };
    }
    const value = got[i];
    if (value === undefined) return null;
    const param = /^\{(.+)\}$/.exec(segment);
    if (param) params[param[1]!] = decodeSegment(value);
    else if (segment === value) literals++;
    else return null;
  }
  return got.length === want.length ? { params, literals } : null;
}

/**
 * The route API Gateway would pick for `method` and `path` (the most specific one: most literal
 * segments win, so `/v1/tasks/batch` beats `/v1/tasks/{id}`), or undefined. Use
 * `allowedMethods` to tell a 404 from a 405.
 */
export function matchRoute<R extends RoutePattern>(
  routes: readonly R[],
  method: string,
  path: string,
): RouteMatch<R> | undefined {
  let best: { route: R; params: Record<string, string>; literals: number } | undefined;
  for (const route of routes) {
    if (route.method.toUpperCase() !== method.toUpperCase()) continue;
    const found = matchPath(route.path, path);
    if (found && (!best || found.literals > best.literals)) best = { route, ...found };
  }
  return best
    ? { route: best.route, pathParameters: best.params, routeKey: `${best.route.method} ${best.route.path}` }
    : undefined;
}

/** The methods that have a route for `path` (for a 405 response's `Allow` header). */
export function allowedMethods(routes: readonly RoutePattern[], path: string): string[] {
  return [...new Set(routes.filter((r) => matchPath(r.path, path)).map((r) => r.method.toUpperCase()))];
}

/** A path the API serves, asked with a method it does not serve there (RFC 9110: 405 with Allow). */
export class MethodNotAllowedError extends AppError {
  constructor(method: string, path: string, allow: readonly string[]) {
    super(
      405,
      'method-not-allowed',
      'Method not allowed',
      `${method} is not supported on ${path}; use ${allow.join(', ')}`,
      { headers: { Allow: allow.join(', ') }, extensions: { allow: [...allow] } },
    );
    this.name = 'MethodNotAllowedError';
  }
}

/** The error for a request no route takes: 405 when its path has routes for other methods, else 404. */
export function noRouteError(routes: readonly RoutePattern[], method: string, path: string): AppError {
  const allow = allowedMethods(routes, path);
  if (allow.length > 0) return new MethodNotAllowedError(method.toUpperCase(), path, allow);
  return new NotFoundError(`No route for ${method.toUpperCase()} ${path.slice(0, 200)}`);
}
