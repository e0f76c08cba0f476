/**
 * What each API route's function needs beyond the default (the database through the Data API and
 * the edge Redis), keyed by route name from shared/http/routes.ts. A route without an
 * entry gets the default, so a new route needs an entry here only when it does more than that.
 */
import { SWAGGER_UI_FILES } from '../shared/openapi/swagger-ui.ts';
import type { ShippedFile } from './constructs/node-function.ts';

export type RouteAccess =
  /** sqs:GetQueueAttributes on every queue and DLQ (queue depths, dead-letter counts). */
  | 'inspect-queues'
  /** StartMessageMoveTask from the DLQs back to their queues. */
  | 'redrive-queues';

export interface RouteSettings {
  readonly access?: readonly RouteAccess[];
  /** Files the function reads at run time, shipped next to its bundle. */
  readonly files?: readonly ShippedFile[];
  /** For a route without X-API-Key: why (recorded with the cdk-nag APIG4 acknowledgement). */
  readonly publicBecause?: string;
}

export const ROUTE_SETTINGS: Readonly<Record<string, RouteSettings>> = {
  healthz: {
    publicBecause:
      'a load balancer or uptime probe calls it without credentials; it reports only ok/degraded/error',
  },
  'get-stats': { access: ['inspect-queues'] },
  'get-metrics': {
    access: ['inspect-queues'],
    publicBecause:
      'Prometheus scrapers authenticate with the operator bearer token (METRICS_TOKEN/ADMIN_TOKEN) checked in the function',
  },
  'get-openapi': { publicBecause: 'it serves the static OpenAPI document, no tenant data' },
  'get-docs': { publicBecause: 'it serves the static Swagger UI page, no tenant data' },
  'list-dead-letters': { access: ['inspect-queues'] },
  'redrive-dead-letters': { access: ['inspect-queues', 'redrive-queues'] },
  // shared/openapi/swagger-ui.ts looks for a swagger-ui-dist folder beside the bundle.
  'get-docs-asset': {
    publicBecause: 'it serves the static Swagger UI files, no tenant data',
    files: Object.keys(SWAGGER_UI_FILES).map((name) => ({
      from: `node_modules/swagger-ui-dist/${name}`,
      to: `swagger-ui-dist/${name}`,
    })),
  },
};

/** The settings of `routeName` (empty for a route without an entry). */
export function routeSettings(routeName: string): RouteSettings {
  return ROUTE_SETTINGS[routeName] ?? {};
}

/** The migration files the migrate function applies, shipped beside its bundle. */
export const MIGRATION_FILES: readonly ShippedFile[] = [{ from: 'shared/db/migrations', to: 'migrations' }];
