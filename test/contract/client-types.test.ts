/**
 * The typed client's committed types (`client/openapi-types.ts`) are what openapi-typescript
 * makes of the document the API serves: a route, field or task type added without
 * `npm run client:generate` fails here.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { IDEMPOTENT_OPERATIONS, TASK_TYPES } from '../../client/index.ts';
import { clientTypesSource, type OpenAPI3 } from '../../client/typegen/client-types.ts';
import { ROUTES } from '../../shared/http/routes.ts';
import { TASK_TYPE_NAMES } from '../../shared/tasks/task-catalog.ts';
import { call, useApi } from '../helpers/api.ts';

// The handler reads the runtime that the fixture configures.
useApi();

async function servedDocument(): Promise<OpenAPI3> {
  const response = await call('GET', '/openapi.json');
  expect(response.status).toBe(200);
  return response.body as OpenAPI3;
}

describe('the typed client', () => {
  it('has the types generated from the served OpenAPI document (else run npm run client:generate)', async () => {
    const committed = await readFile(new URL('../../client/openapi-types.ts', import.meta.url), 'utf8');

    const generated = await clientTypesSource(await servedDocument());

    expect(committed).toBe(generated);
  });

  it('types every route of the route table', async () => {
    const committed = await readFile(new URL('../../client/openapi-types.ts', import.meta.url), 'utf8');

    const missing = ROUTES.filter((route) => !committed.includes(`    "${route.path}": {`));

    expect(missing.map((route) => route.path)).toEqual([]);
  });

  it('knows the task types and the routes that take an Idempotency-Key', () => {
    expect([...TASK_TYPES].sort()).toEqual([...TASK_TYPE_NAMES].sort());
    const keyed = ROUTES.filter((route) => 'idempotent' in route && route.idempotent).map(
      (route) => `${route.method} ${route.path}`,
    );
    expect([...IDEMPOTENT_OPERATIONS].sort()).toEqual(keyed.sort());
  });
});
