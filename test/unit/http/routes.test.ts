import { describe, expect, it } from 'vitest';
import { routes } from '../../../functions/api/routes.ts';
import type { RequestOf, RouteHandler } from '../../../shared/http/route-handler.ts';
import { ROUTES, type RouteSpec, routeNamed, usesApiKey } from '../../../shared/http/routes.ts';

describe('route table', () => {
  it('names each route once, and each method and path once', () => {
    expect(new Set(ROUTES.map((route) => route.name)).size).toBe(ROUTES.length);
    expect(new Set(ROUTES.map((route) => `${route.method} ${route.path}`)).size).toBe(ROUTES.length);
  });

  it('deploys, from the file named after each route, the handler built for that route', async () => {
    for (const route of ROUTES) {
      // The stack's entry for the route (infra/taskforge-stack.ts): functions/api/<name>.ts.
      const module = (await import(`../../../functions/api/${route.name}.ts`)) as { handler: RouteHandler };
      expect(module.handler.routeName, route.name).toBe(route.name);
    }
  });

  it('pairs every route with its own handler for the local runtime', () => {
    expect(routes.map((route) => [route.name, route.handler.routeName])).toEqual(
      ROUTES.map((route) => [route.name, route.name]),
    );
  });

  it('says why each route without an API key needs none, and takes Idempotency-Key only with a caller to scope it to', () => {
    for (const route of ROUTES as readonly RouteSpec[]) {
      if (usesApiKey(route.auth)) expect(route.publicBecause, route.name).toBeUndefined();
      else expect(route.publicBecause?.length, route.name).toBeGreaterThan(20);
      if (route.idempotent)
        expect(usesApiKey(route.auth) || route.auth === 'adminToken', route.name).toBe(true);
    }
    expect(routeNamed('get-metrics').auth).toBe('metricsToken');
  });

  it('puts every /v1/admin route, and only those, behind the admin token', () => {
    for (const route of ROUTES as readonly RouteSpec[])
      expect(route.auth === 'adminToken', route.name).toBe(route.path.startsWith('/v1/admin/'));
  });

  it('types the request by the route’s auth, and a handler by its route', () => {
    const publicRequest = {} as RequestOf<'healthz'>;
    const tenantRequest = {} as RequestOf<'get-task'>;
    const operatorRequest = {} as RequestOf<'create-tenant'>;
    // @ts-expect-error: a route without an API key has no tenant.
    expect(publicRequest.tenant).toBeUndefined();
    expect(tenantRequest.tenant).toBeUndefined();
    expect(operatorRequest.operator).toBeUndefined();
    // @ts-expect-error: an admin route has an operator, no tenant.
    expect(operatorRequest.tenant).toBeUndefined();
    const getTask = routes.find((route) => route.name === 'get-task')!.handler as RouteHandler<'get-task'>;
    // @ts-expect-error: the handler of get-task cannot stand in for get-task-result's.
    const crossed: RouteHandler<'get-task-result'> = getTask;
    expect(crossed.routeName).toBe('get-task');
  });
});
