import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { expect } from 'vitest';
import { routes } from '../../functions/api/routes.ts';
import { lambdaContext, matchRoute, toApiGatewayEvent } from '../../infra/local/api-gateway-event.ts';
import type { Executor } from '../../shared/db/database.ts';
import { configureProcessDeps } from '../../shared/process-deps.ts';
import { addApiKey, createTenant, generateApiKey } from '../../shared/tenants/tenant-store.ts';
import { fixture } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface ApiResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** Parsed JSON body (undefined when empty); other media types as text. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response JSON and assert on it
  body: any;
  raw: APIGatewayProxyStructuredResultV2;
}

export interface CallOptions {
  apiKey?: string;
  headers?: Record<string, string>;
  /** A value is sent as JSON with `Content-Type: application/json`; a string is sent verbatim. */
  body?: unknown;
  /** The caller's address as API Gateway reports it (default 127.0.0.1). */
  sourceIp?: string;
}

/**
 * Calls the route API Gateway would pick for `method` and `target` (path plus query) through its
 * real handler and middy chain, with an event built like the local runtime builds it.
 */
export async function call(method: string, target: string, options: CallOptions = {}): Promise<ApiResponse> {
  const [rawPath = '', rawQueryString = ''] = target.split('?', 2);
  const match = matchRoute(routes, method, rawPath);
  if (!match) throw new Error(`no route for ${method} ${rawPath}`);
  const headers: Record<string, string> = { 'user-agent': 'vitest', ...options.headers };
  if (options.apiKey !== undefined) headers['x-api-key'] = options.apiKey;
  let body: string | undefined;
  if (typeof options.body === 'string') body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const event = toApiGatewayEvent({
    method,
    rawPath,
    rawQueryString,
    headers,
    body,
    sourceIp: options.sourceIp ?? '127.0.0.1',
    routeKey: match.routeKey,
    pathParameters: match.pathParameters,
  });
  const raw = await match.route.handler(event, lambdaContext(`api-${match.route.name}`, 10_000));
  const responseHeaders = Object.fromEntries(
    Object.entries(raw.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  return {
    status: raw.statusCode ?? 200,
    headers: responseHeaders,
    body: parseBody(raw, responseHeaders['content-type']),
    raw,
  };
}

function parseBody(raw: APIGatewayProxyStructuredResultV2, contentType: string | undefined): unknown {
  if (!raw.body) return undefined;
  if (/json/.test(contentType ?? 'application/json')) return JSON.parse(raw.body);
  return raw.isBase64Encoded ? Buffer.from(raw.body, 'base64').toString('utf8') : raw.body;
}

export interface ApiFixture {
  testDb: TestDatabase;
  db: Executor;
  tenantA: { id: string; apiKey: string };
  tenantB: { id: string; apiKey: string };
}

/** A fresh database wired into the runtime, with two tenants and an API key each. */
export async function setUpApi(): Promise<ApiFixture> {
  const testDb = await createTestDatabase(5);
  configureProcessDeps({ database: testDb.db });
  const tenant = async (name: string) => {
    const { id } = await createTenant(testDb.db, name);
    const apiKey = generateApiKey();
    await addApiKey(testDb.db, id, apiKey, 'test');
    return { id, apiKey };
  };
  return { testDb, db: testDb.db, tenantA: await tenant('tenant-a'), tenantB: await tenant('tenant-b') };
}

export async function countRows(db: Executor): Promise<{ tasks: number; outbox: number; events: number }> {
  const { rows } = await db.query<{ tasks: number; outbox: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM tasks) AS tasks, (SELECT count(*)::int FROM outbox) AS outbox,
            (SELECT count(*)::int FROM task_events) AS events`,
  );
  return rows[0]!;
}

/** Asserts a problem+json response with this status and field. */
export function expectProblem(res: ApiResponse, status: number, field?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toBe('application/problem+json');
  expect(res.body.status).toBe(status);
  expect(res.body.type).toMatch(/^urn:taskforge:problem:[a-z-]+$/);
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
  expect(typeof res.body.correlationId).toBe('string');
  expect(res.headers['x-correlation-id']).toBe(res.body.correlationId);
  if (field !== undefined) expect(res.body.field).toBe(field);
}

/** Sets a task's status directly, for states only the worker reaches. */
export async function forceStatus(
  db: Executor,
  taskId: string,
  status: string,
  result?: unknown,
): Promise<void> {
  await db.query(
    `UPDATE tasks SET status = :status, result = :result::jsonb,
            finished_at = CASE WHEN :status IN ('COMPLETED', 'FAILED', 'CANCELLED') THEN now() END
      WHERE id = :taskId::uuid`,
    { taskId, status, result: result === undefined ? null : JSON.stringify(result) },
  );
}

/** {@link setUpApi} for the tests of this file, its database dropped after them. */
export function useApi(): ApiFixture {
  return fixture('the API fixture', setUpApi, (api) => api.testDb.drop());
}
