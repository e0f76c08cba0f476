/**
 * The HTTP API's routes: one table, one entry per API Gateway route and Lambda function, whose
 * entry file is `functions/api/<name>.ts` (exporting `handler`). Everything about a route that
 * more than one reader needs is here, and every reader takes it from here:
 * - the CDK stack (`infra/taskforge-stack.ts`): the function, its route, grants, shipped files
 *   and the reason a public route needs no authorizer;
 * - the local runtime and tests (`functions/api/routes.ts`): a handler map keyed by route name
 *   that does not compile while a route lacks its handler;
 * - the OpenAPI document (`shared/openapi/operations.ts`): keyed by route name, compile-time
 *   complete; security schemes and Idempotency-Key from the entry;
 * - the handlers (`route-handler.ts`): a route's middleware chain takes its auth and
 *   Idempotency-Key support from its entry.
 * Plain data: importing it loads no handler. The `$default` route (`functions/api/not-found.ts`)
 * is no entry: it takes whatever these do not.
 */
import { DASHBOARD_BUNDLED_DIR, DASHBOARD_FILES, DASHBOARD_SOURCES } from '../dashboard/dashboard-files.ts';
import { SWAGGER_UI_BUNDLED_DIR, SWAGGER_UI_FILES } from '../openapi/swagger-ui-files.ts';

export type RouteAuth =
  /** No credentials: the route serves no tenant data. */
  | 'none'
  /** `X-API-Key`, checked by the handler's middleware chain; the request carries the tenant. */
  | 'apiKey'
  /** `X-API-Key`, plus the operator's admin bearer token for some requests (checked in the route). */
  | 'apiKeyOrAdmin'
  /** No API key: an operator bearer token (METRICS_TOKEN, ADMIN_TOKEN, `operator_tokens`), checked in the route. */
  | 'metricsToken'
  /**
   * No API key: an operator bearer token of scope `admin` (ADMIN_TOKEN, `operator_tokens`), checked
   * by the handler's middleware chain; the request carries the operator.
   */
  | 'adminToken';

export type RouteAccess =
  /** sqs:GetQueueAttributes on every queue and DLQ (queue depths, dead-letter counts). */
  | 'inspect-queues'
  /** StartMessageMoveTask from the DLQs back to their queues. */
  | 'redrive-queues';

/** A file or directory shipped next to a function's bundle (files it reads at run time). */
export interface ShippedFile {
  /** Path relative to the repository root. */
  readonly from: string;
  /** Path relative to the bundle's directory (the function's LAMBDA_TASK_ROOT). */
  readonly to: string;
}

interface RouteFields {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** API Gateway route path, e.g. '/v1/tasks/{id}'. */
  readonly path: string;
  /** File name under functions/api (without .ts): the Lambda entry for this route. */
  readonly name: string;
  /**
   * What the function needs beyond the default (the database through the Data API and the edge
   * Redis); the default is all a route gets without this.
   */
  readonly access?: readonly RouteAccess[];
  /** Files the function reads at run time, shipped next to its bundle. */
  readonly files?: readonly ShippedFile[];
}

/**
 * A route with an API key or the admin token may take `Idempotency-Key`; a route without an API
 * key must say why it needs none.
 */
export type RouteSpec = RouteFields &
  (
    | {
        readonly auth: 'apiKey' | 'apiKeyOrAdmin';
        /** Accepts `Idempotency-Key` (replays, 409 and 422 from the edge; see `api-handler.ts`). */
        readonly idempotent?: boolean;
        readonly publicBecause?: never;
      }
    | {
        readonly auth: 'adminToken';
        readonly idempotent?: boolean;
        /** Why no API key (recorded with the cdk-nag APIG4 acknowledgement). */
        readonly publicBecause: string;
      }
    | {
        readonly auth: 'none' | 'metricsToken';
        readonly idempotent?: never;
        /** Why no API key (recorded with the cdk-nag APIG4 acknowledgement). */
        readonly publicBecause: string;
      }
  );

/** Why the admin routes take no API key (the cdk-nag acknowledgement of each). */
const ADMIN_ONLY =
  'operators authenticate with an admin-scope bearer token (stored hashed in operator_tokens, or ADMIN_TOKEN), verified by the function before anything else; tenant API keys are refused';

/** The admin API (`/v1/admin`): tenants, their API keys and operator tokens. */
const ADMIN_ROUTES = [
  { method: 'POST', path: '/v1/admin/tenants', name: 'create-tenant', idempotent: true },
  { method: 'GET', path: '/v1/admin/tenants', name: 'list-tenants' },
  { method: 'GET', path: '/v1/admin/tenants/{tenantId}', name: 'get-tenant' },
  { method: 'PATCH', path: '/v1/admin/tenants/{tenantId}', name: 'update-tenant' },
  { method: 'DELETE', path: '/v1/admin/tenants/{tenantId}', name: 'delete-tenant' },
  { method: 'POST', path: '/v1/admin/tenants/{tenantId}/keys', name: 'create-api-key', idempotent: true },
  { method: 'GET', path: '/v1/admin/tenants/{tenantId}/keys', name: 'list-api-keys' },
  { method: 'DELETE', path: '/v1/admin/tenants/{tenantId}/keys/{keyId}', name: 'revoke-api-key' },
  {
    method: 'POST',
    path: '/v1/admin/tenants/{tenantId}/keys/{keyId}/rotate',
    name: 'rotate-api-key',
    idempotent: true,
  },
  { method: 'POST', path: '/v1/admin/tokens', name: 'create-operator-token', idempotent: true },
  { method: 'GET', path: '/v1/admin/tokens', name: 'list-operator-tokens' },
  { method: 'DELETE', path: '/v1/admin/tokens/{tokenId}', name: 'revoke-operator-token' },
] as const;

export const ROUTES = [
  { method: 'POST', path: '/v1/tasks', name: 'create-task', auth: 'apiKey', idempotent: true },
  { method: 'POST', path: '/v1/tasks/batch', name: 'create-task-batch', auth: 'apiKey', idempotent: true },
  { method: 'GET', path: '/v1/tasks', name: 'list-tasks', auth: 'apiKey' },
  { method: 'GET', path: '/v1/tasks/{id}', name: 'get-task', auth: 'apiKey' },
  { method: 'GET', path: '/v1/tasks/{id}/result', name: 'get-task-result', auth: 'apiKey' },
  { method: 'GET', path: '/v1/tasks/{id}/events', name: 'list-task-events', auth: 'apiKey' },
  {
    method: 'GET',
    path: '/v1/tasks/{id}/explain',
    name: 'explain-task',
    auth: 'apiKey',
    access: ['inspect-queues'],
  },
  { method: 'POST', path: '/v1/tasks/{id}/cancel', name: 'cancel-task', auth: 'apiKey', idempotent: true },
  { method: 'POST', path: '/v1/tasks/{id}/retry', name: 'retry-task', auth: 'apiKey', idempotent: true },
  { method: 'DELETE', path: '/v1/tasks/{id}', name: 'delete-task', auth: 'apiKey' },
  { method: 'POST', path: '/v1/schedules', name: 'create-schedule', auth: 'apiKey', idempotent: true },
  { method: 'GET', path: '/v1/schedules', name: 'list-schedules', auth: 'apiKey' },
  { method: 'GET', path: '/v1/schedules/{id}', name: 'get-schedule', auth: 'apiKey' },
  { method: 'PATCH', path: '/v1/schedules/{id}', name: 'update-schedule', auth: 'apiKey' },
  { method: 'DELETE', path: '/v1/schedules/{id}', name: 'delete-schedule', auth: 'apiKey' },
  {
    method: 'POST',
    path: '/v1/schedules/{id}/pause',
    name: 'pause-schedule',
    auth: 'apiKey',
    idempotent: true,
  },
  {
    method: 'POST',
    path: '/v1/schedules/{id}/resume',
    name: 'resume-schedule',
    auth: 'apiKey',
    idempotent: true,
  },
  {
    method: 'POST',
    path: '/v1/schedules/{id}/trigger',
    name: 'trigger-schedule',
    auth: 'apiKey',
    idempotent: true,
  },
  {
    method: 'GET',
    path: '/healthz',
    name: 'healthz',
    auth: 'none',
    publicBecause:
      'a load balancer or uptime probe calls it without credentials; it reports only ok/degraded/error',
  },
  { method: 'GET', path: '/v1/stats', name: 'get-stats', auth: 'apiKey', access: ['inspect-queues'] },
  {
    method: 'GET',
    path: '/v1/dead-letters',
    name: 'list-dead-letters',
    auth: 'apiKey',
    access: ['inspect-queues'],
  },
  {
    method: 'POST',
    path: '/v1/dead-letters/redrive',
    name: 'redrive-dead-letters',
    auth: 'apiKeyOrAdmin',
    access: ['inspect-queues', 'redrive-queues'],
  },
  {
    method: 'GET',
    path: '/metrics',
    name: 'get-metrics',
    auth: 'metricsToken',
    access: ['inspect-queues'],
    publicBecause:
      'Prometheus scrapers authenticate with the operator bearer token (METRICS_TOKEN/ADMIN_TOKEN) checked in the function',
  },
  {
    method: 'GET',
    path: '/openapi.json',
    name: 'get-openapi',
    auth: 'none',
    publicBecause: 'it serves the static OpenAPI document, no tenant data',
  },
  {
    method: 'GET',
    path: '/docs',
    name: 'get-docs',
    auth: 'none',
    publicBecause: 'it serves the static Swagger UI page, no tenant data',
  },
  {
    method: 'GET',
    path: '/docs/{asset}',
    name: 'get-docs-asset',
    auth: 'none',
    publicBecause: 'it serves the static Swagger UI files, no tenant data',
    // shared/openapi/swagger-ui.ts looks for them in a folder beside the bundle.
    files: Object.keys(SWAGGER_UI_FILES).map((file) => ({
      from: `node_modules/swagger-ui-dist/${file}`,
      to: `${SWAGGER_UI_BUNDLED_DIR}/${file}`,
    })),
  },
  {
    method: 'GET',
    path: '/dashboard',
    name: 'get-dashboard',
    auth: 'none',
    publicBecause:
      'it serves the static dashboard page, no data; the app calls the API with the user’s own key',
  },
  {
    method: 'GET',
    path: '/dashboard/{asset}',
    name: 'get-dashboard-asset',
    auth: 'none',
    publicBecause: 'it serves the static dashboard script and stylesheets, no data',
    // shared/dashboard/dashboard-page.ts looks for them in a folder beside the bundle.
    files: Object.keys(DASHBOARD_FILES).map((file) => ({
      from: DASHBOARD_SOURCES[file]!,
      to: `${DASHBOARD_BUNDLED_DIR}/${file}`,
    })),
  },
  ...ADMIN_ROUTES.map((route) => ({ ...route, auth: 'adminToken' as const, publicBecause: ADMIN_ONLY })),
] as const satisfies readonly RouteSpec[];

export type RouteName = (typeof ROUTES)[number]['name'];

/** The admin API's routes (documented in `openapi/admin-operations.ts`). */
export type AdminRouteName = (typeof ADMIN_ROUTES)[number]['name'];

/** The table's entry for route `N`, with its literal types (`auth`, `idempotent`). */
export type Route<N extends RouteName = RouteName> = Extract<(typeof ROUTES)[number], { name: N }>;

/** Whether a route with this auth takes `X-API-Key` (and so has a tenant). */
export function usesApiKey(auth: RouteAuth): auth is 'apiKey' | 'apiKeyOrAdmin' {
  return auth === 'apiKey' || auth === 'apiKeyOrAdmin';
}

const byName = new Map<string, RouteSpec>(ROUTES.map((route) => [route.name, route]));

/** The entry of route `name`. */
export function routeNamed<N extends RouteName>(name: N): Route<N> {
  return byName.get(name) as Route<N>;
}
