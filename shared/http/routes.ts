/**
 * The HTTP API's routes as plain data: one entry per API Gateway route and Lambda function,
 * whose entry file is `functions/api/<name>.ts` (exporting `handler`). The CDK stack reads this
 * (without importing any handler); `functions/api/routes.ts` pairs each entry with its handler for the local
 * runtime. DESIGN section 7.
 */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** API Gateway route path, e.g. '/v1/tasks/{id}'. */
  path: string;
  /** File name under functions/api (without .ts): the Lambda entry for this route. */
  name: string;
  /** Whether the route requires X-API-Key (enforced by the handler's middleware chain). */
  auth: boolean;
}

export const ROUTE_MANIFEST = [
  { method: 'POST', path: '/v1/tasks', name: 'create-task', auth: true },
  { method: 'POST', path: '/v1/tasks/batch', name: 'create-task-batch', auth: true },
  { method: 'GET', path: '/v1/tasks', name: 'list-tasks', auth: true },
  { method: 'GET', path: '/v1/tasks/{id}', name: 'get-task', auth: true },
  { method: 'GET', path: '/v1/tasks/{id}/result', name: 'get-task-result', auth: true },
  { method: 'GET', path: '/v1/tasks/{id}/events', name: 'list-task-events', auth: true },
  { method: 'POST', path: '/v1/tasks/{id}/cancel', name: 'cancel-task', auth: true },
  { method: 'POST', path: '/v1/tasks/{id}/retry', name: 'retry-task', auth: true },
  { method: 'DELETE', path: '/v1/tasks/{id}', name: 'delete-task', auth: true },
  { method: 'GET', path: '/healthz', name: 'healthz', auth: false },
  { method: 'GET', path: '/v1/stats', name: 'get-stats', auth: true },
  { method: 'GET', path: '/v1/dead-letters', name: 'list-dead-letters', auth: true },
  { method: 'POST', path: '/v1/dead-letters/redrive', name: 'redrive-dead-letters', auth: true },
  // Operator scrape: a bearer token (METRICS_TOKEN / ADMIN_TOKEN), not an API key.
  { method: 'GET', path: '/metrics', name: 'get-metrics', auth: false },
  { method: 'GET', path: '/openapi.json', name: 'get-openapi', auth: false },
  { method: 'GET', path: '/docs', name: 'get-docs', auth: false },
  { method: 'GET', path: '/docs/{asset}', name: 'get-docs-asset', auth: false },
] as const satisfies readonly RouteSpec[];

export type RouteName = (typeof ROUTE_MANIFEST)[number]['name'];
