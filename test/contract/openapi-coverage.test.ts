/**
 * The OpenAPI document against the API itself:
 * 1. every route the router serves is documented with the same method and path, and nothing else is;
 * 2. every status code documented for an operation is produced here, through the real handler
 *    chain, by a scenario named `<METHOD> <path> <status>`, and the response matches the
 *    documented media type and schema (ajv, JSON Schema 2020-12).
 * A documented status without a scenario fails its own test, and so does a scenario for a status
 * the document does not list, so the two cannot drift apart silently.
 */

import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/api/routes.ts';
import type { Database } from '../../shared/db/database.ts';
import { getRedis } from '../../shared/edge/edge-redis.ts';
import { beginIdempotentRequest } from '../../shared/edge/idempotency.ts';
import { requestFingerprint } from '../../shared/edge/request-fingerprint.ts';
import { ServiceUnavailableError } from '../../shared/errors.ts';
import { configureProcessDeps, getEdgeConfig } from '../../shared/process-deps.ts';
import {
  addApiKey,
  createTenant,
  generateApiKey,
  setTenantRateLimits,
} from '../../shared/tenants/tenant-store.ts';
import { type ApiResponse, type CallOptions, call, forceStatus, useApi } from '../helpers/api.ts';
import { freePort, requireTestRedis, testEdgeConfig, testRedisClient } from '../helpers/redis.ts';
import { startTestQueues, type TestQueues } from '../helpers/sqs-emulator.ts';
import { adminScenarios } from './admin-scenarios.ts';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const api = useApi();
let queues: TestQueues;
let key: string;
// biome-ignore lint/suspicious/noExplicitAny: the document is arbitrary JSON walked by the assertions
let doc: any;
let ajv: Ajv2020;
/** A tenant whose buckets hold one request and refill once in 1,000 s. */
let limitedKey: string;
/** A Redis nothing listens on, for the rate limiter failing closed. */
let deadRedis: Redis;

const METRICS_TOKEN = 'contract-metrics-token';
const ADMIN_TOKEN = 'contract-admin-token';
const BAD_CORRELATION = { 'x-correlation-id': 'x'.repeat(200) };
const MISSING = '01900000-0000-7000-8000-000000000000';

beforeAll(async () => {
  // The 429 and Idempotency-Key scenarios need the edge Redis (the process's own, from REDIS_URL).
  requireTestRedis();
  key = api.tenantA.apiKey;
  queues = await startTestQueues();
  configureProcessDeps({ sqs: queues.client, queues: queues.queues });
  process.env.METRICS_TOKEN = METRICS_TOKEN;
  process.env.ADMIN_TOKEN = ADMIN_TOKEN;
  configureProcessDeps({ opsConfig: undefined });
  const limited = await createTenant(api.db, 'tenant-limited');
  limitedKey = generateApiKey();
  await addApiKey(api.db, limited.id, limitedKey, 'test');
  await setTenantRateLimits(api.db, limited.id, { rateLimitPerSecond: 0.001, rateLimitBurst: 1 });
  deadRedis = testRedisClient({ url: `redis://127.0.0.1:${await freePort()}`, commandTimeoutMs: 50 });
  doc = (await call('GET', '/openapi.json')).body;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: doc.components });
});

afterAll(async () => {
  deadRedis?.disconnect();
  delete process.env.METRICS_TOKEN;
  delete process.env.ADMIN_TOKEN;
  configureProcessDeps({ opsConfig: undefined });
  await queues?.stop();
});

async function task(status?: string, body: Record<string, unknown> = { type: 'echo', payload: { n: 1 } }) {
  const res = await call('POST', '/v1/tasks', { apiKey: key, body });
  expect(res.status).toBe(202);
  if (status)
    await forceStatus(api.db, res.body.id, status, status === 'COMPLETED' ? { ok: true } : undefined);
  return res.body.id as string;
}

const get = (target: string, options: CallOptions = {}) => call('GET', target, { apiKey: key, ...options });
const post = (target: string, options: CallOptions = {}) => call('POST', target, { apiKey: key, ...options });
const tooLargeBody = () => JSON.stringify({ tasks: [{ type: 'echo', payload: 'x'.repeat(1_100_000) }] });
const textBody = { body: 'hello', headers: { 'content-type': 'text/plain' } };
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/** The tenant's rate limit: the limited tenant's second request of a class (reads, writes) is refused. */
async function rateLimited(method: string, target: string, options: CallOptions = {}) {
  const first = await call(method, target, { ...options, apiKey: limitedKey });
  if (first.status === 429) return first;
  return call(method, target, { ...options, apiKey: limitedKey });
}

/** With RATE_LIMIT_FAIL_MODE=closed and Redis unreachable, every tenant route answers 503. */
async function rateLimiterDown(method: string, target: string, options: CallOptions = {}) {
  const redis = getRedis();
  const edgeConfig = getEdgeConfig();
  configureProcessDeps({ redis: deadRedis, edgeConfig: testEdgeConfig({ rateLimitFailMode: 'closed' }) });
  try {
    return await call(method, target, { apiKey: key, ...options });
  } finally {
    configureProcessDeps({ redis, edgeConfig });
  }
}

/** A database that reports itself unavailable, as the adapters do once their retries are spent. */
async function databaseUnavailable(work: () => Promise<ApiResponse>) {
  const unavailable = () => Promise.reject(new ServiceUnavailableError('The database is unavailable', 2));
  configureProcessDeps({
    database: { query: unavailable, transaction: unavailable, close: async () => undefined } as Database,
  });
  try {
    return await work();
  } finally {
    configureProcessDeps({ database: api.testDb.db });
  }
}

/** An earlier request with the same Idempotency-Key and body that has not finished. */
async function inFlight(target: string, body: unknown) {
  const idempotencyKey = `in-flight-${Math.random()}`;
  const redis = getRedis()!;
  const tenantId = api.tenantA.id;
  await beginIdempotentRequest(redis, tenantId, idempotencyKey, requestFingerprint('POST', target, body), 30);
  return post(target, { body, headers: { 'idempotency-key': idempotencyKey } });
}

/** The same Idempotency-Key sent again with another request (another body, or another task). */
async function keyReused(first: () => Promise<ApiResponse>, second: () => Promise<ApiResponse>) {
  expect((await first()).status).toBeLessThan(300);
  return second();
}

/** A request every tenant route takes (before its own checks), for the statuses all of them share. */
const TENANT_ROUTE_SAMPLES: Record<string, { target: string; body?: unknown }> = {
  'POST /v1/tasks': { target: '/v1/tasks', body: { type: 'echo', payload: {} } },
  'POST /v1/tasks/batch': { target: '/v1/tasks/batch', body: { tasks: [{ type: 'echo', payload: {} }] } },
  'GET /v1/tasks': { target: '/v1/tasks' },
  'GET /v1/tasks/{id}': { target: `/v1/tasks/${MISSING}` },
  'GET /v1/tasks/{id}/result': { target: `/v1/tasks/${MISSING}/result` },
  'GET /v1/tasks/{id}/events': { target: `/v1/tasks/${MISSING}/events` },
  'GET /v1/tasks/{id}/explain': { target: `/v1/tasks/${MISSING}/explain` },
  'POST /v1/tasks/{id}/cancel': { target: `/v1/tasks/${MISSING}/cancel` },
  'POST /v1/tasks/{id}/retry': { target: `/v1/tasks/${MISSING}/retry` },
  'DELETE /v1/tasks/{id}': { target: `/v1/tasks/${MISSING}` },
  'GET /v1/stats': { target: '/v1/stats' },
  'POST /v1/schedules': {
    target: '/v1/schedules',
    body: { name: 'sample', intervalSeconds: 60, task: { type: 'echo', payload: {} } },
  },
  'GET /v1/schedules': { target: '/v1/schedules' },
  'GET /v1/schedules/{id}': { target: `/v1/schedules/${MISSING}` },
  'PATCH /v1/schedules/{id}': { target: `/v1/schedules/${MISSING}`, body: {} },
  'DELETE /v1/schedules/{id}': { target: `/v1/schedules/${MISSING}` },
  'POST /v1/schedules/{id}/pause': { target: `/v1/schedules/${MISSING}/pause` },
  'POST /v1/schedules/{id}/resume': { target: `/v1/schedules/${MISSING}/resume` },
  'POST /v1/schedules/{id}/trigger': { target: `/v1/schedules/${MISSING}/trigger` },
  'GET /v1/dead-letters': { target: '/v1/dead-letters' },
  'POST /v1/dead-letters/redrive': { target: '/v1/dead-letters/redrive', body: {} },
};

const sharedScenarios: Record<string, () => Promise<ApiResponse>> = Object.fromEntries(
  Object.entries(TENANT_ROUTE_SAMPLES).flatMap(([route, { target, body }]) => {
    const method = route.split(' ')[0]!;
    const options = body === undefined ? {} : { body };
    return [
      [`${route} 429`, () => rateLimited(method, target, options)],
      [`${route} 503`, () => rateLimiterDown(method, target, options)],
    ];
  }),
);

let scheduleNames = 0;
let anonymousCallers = 0;
/** A call without credentials from an address of its own (failed authentications are limited per address). */
const anonymous = (method: string, target: string, body?: unknown) =>
  call(method, target, { body, sourceIp: `203.0.113.${++anonymousCallers}` });

/** A new schedule of the test tenant (hourly, so nothing fires during the test). */
async function schedule(): Promise<string> {
  scheduleNames += 1;
  const res = await post('/v1/schedules', {
    body: { name: `contract-${scheduleNames}`, intervalSeconds: 3600, task: { type: 'echo', payload: {} } },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const scheduleBody = (name: string) => ({ name, cron: '0 3 * * *', task: { type: 'echo', payload: {} } });

/** One scenario per documented (operation, status). */
const scenarios: Record<string, () => Promise<ApiResponse>> = {
  ...sharedScenarios,
  ...adminScenarios({
    adminToken: ADMIN_TOKEN,
    metricsToken: METRICS_TOKEN,
    databaseUnavailable,
    pendingTask: async (apiKey) => {
      const res = await call('POST', '/v1/tasks', { apiKey, body: { type: 'echo', payload: 'pending' } });
      expect(res.status).toBe(202);
      return res.body.id as string;
    },
  }),
  'POST /v1/tasks 409': () => inFlight('/v1/tasks', { type: 'echo', payload: 'in flight' }),
  'POST /v1/tasks/batch 409': () => inFlight('/v1/tasks/batch', { tasks: [{ type: 'echo', payload: 1 }] }),
  'POST /v1/tasks/batch 422': () => {
    const headers = { 'idempotency-key': 'contract-batch-422' };
    return keyReused(
      () => post('/v1/tasks/batch', { headers, body: { tasks: [{ type: 'echo', payload: 1 }] } }),
      () => post('/v1/tasks/batch', { headers, body: { tasks: [{ type: 'echo', payload: 2 }] } }),
    );
  },
  'POST /v1/tasks/{id}/cancel 422': async () => {
    const headers = { 'idempotency-key': 'contract-cancel-422' };
    const [a, b] = [await task(), await task()];
    return keyReused(
      () => post(`/v1/tasks/${a}/cancel`, { headers }),
      () => post(`/v1/tasks/${b}/cancel`, { headers }),
    );
  },
  'POST /v1/tasks/{id}/retry 422': async () => {
    const headers = { 'idempotency-key': 'contract-retry-422' };
    const [a, b] = [await task('FAILED'), await task('FAILED')];
    return keyReused(
      () => post(`/v1/tasks/${a}/retry`, { headers }),
      () => post(`/v1/tasks/${b}/retry`, { headers }),
    );
  },
  'GET /metrics 503': () => databaseUnavailable(() => call('GET', '/metrics', bearer(METRICS_TOKEN))),
  'POST /v1/tasks 202': () => post('/v1/tasks', { body: { type: 'echo', payload: {} } }),
  'POST /v1/tasks 400': () => post('/v1/tasks', { body: { type: 'nope', payload: {} } }),
  'POST /v1/tasks 401': () => call('POST', '/v1/tasks', { body: { type: 'echo', payload: {} } }),
  'POST /v1/tasks 413': () => post('/v1/tasks', { body: { type: 'echo', payload: 'x'.repeat(300_000) } }),
  'POST /v1/tasks 415': () => post('/v1/tasks', textBody),
  'POST /v1/tasks 422': async () => {
    const headers = { 'idempotency-key': 'contract-422' };
    await post('/v1/tasks', { headers, body: { type: 'echo', payload: 1 } });
    return post('/v1/tasks', { headers, body: { type: 'echo', payload: 2 } });
  },
  'POST /v1/tasks/batch 202': () =>
    post('/v1/tasks/batch', { body: { tasks: [{ type: 'echo', payload: {} }] } }),
  'POST /v1/tasks/batch 400': () => post('/v1/tasks/batch', { body: { tasks: [] } }),
  'POST /v1/tasks/batch 401': () => call('POST', '/v1/tasks/batch', { body: { tasks: [] } }),
  'POST /v1/tasks/batch 413': () =>
    post('/v1/tasks/batch', { body: tooLargeBody(), headers: { 'content-type': 'application/json' } }),
  'POST /v1/tasks/batch 415': () => post('/v1/tasks/batch', textBody),
  'GET /v1/tasks 200': () => get('/v1/tasks?limit=5'),
  'GET /v1/tasks 400': () => get('/v1/tasks?limit=0'),
  'GET /v1/tasks 401': () => call('GET', '/v1/tasks'),
  'GET /v1/tasks/{id} 200': async () => get(`/v1/tasks/${await task()}`),
  'GET /v1/tasks/{id} 400': () => get('/v1/tasks/not-a-uuid'),
  'GET /v1/tasks/{id} 401': () => call('GET', `/v1/tasks/${MISSING}`),
  'GET /v1/tasks/{id} 404': () => get(`/v1/tasks/${MISSING}`),
  'GET /v1/tasks/{id}/result 200': async () => get(`/v1/tasks/${await task('COMPLETED')}/result`),
  'GET /v1/tasks/{id}/result 400': () => get('/v1/tasks/not-a-uuid/result'),
  'GET /v1/tasks/{id}/result 401': () => call('GET', `/v1/tasks/${MISSING}/result`),
  'GET /v1/tasks/{id}/result 404': () => get(`/v1/tasks/${MISSING}/result`),
  'GET /v1/tasks/{id}/result 409': async () => get(`/v1/tasks/${await task()}/result`),
  'GET /v1/tasks/{id}/events 200': async () => get(`/v1/tasks/${await task()}/events`),
  'GET /v1/tasks/{id}/events 400': async () => get(`/v1/tasks/${await task()}/events?limit=1000`),
  'GET /v1/tasks/{id}/events 401': () => call('GET', `/v1/tasks/${MISSING}/events`),
  'GET /v1/tasks/{id}/events 404': () => get(`/v1/tasks/${MISSING}/events`),
  'GET /v1/tasks/{id}/explain 200': async () => get(`/v1/tasks/${await task()}/explain`),
  'GET /v1/tasks/{id}/explain 400': () => get('/v1/tasks/not-a-uuid/explain'),
  'GET /v1/tasks/{id}/explain 401': () => call('GET', `/v1/tasks/${MISSING}/explain`),
  'GET /v1/tasks/{id}/explain 404': () => get(`/v1/tasks/${MISSING}/explain`),
  'POST /v1/tasks/{id}/cancel 200': async () =>
    post(`/v1/tasks/${await task()}/cancel`, { body: { reason: 'x' } }),
  'POST /v1/tasks/{id}/cancel 400': async () =>
    post(`/v1/tasks/${await task()}/cancel`, { body: { reason: 5 } }),
  'POST /v1/tasks/{id}/cancel 401': () => call('POST', `/v1/tasks/${MISSING}/cancel`),
  'POST /v1/tasks/{id}/cancel 404': () => post(`/v1/tasks/${MISSING}/cancel`),
  'POST /v1/tasks/{id}/cancel 409': async () => post(`/v1/tasks/${await task('COMPLETED')}/cancel`),
  'POST /v1/tasks/{id}/cancel 413': async () =>
    post(`/v1/tasks/${await task()}/cancel`, {
      body: tooLargeBody(),
      headers: { 'content-type': 'application/json' },
    }),
  'POST /v1/tasks/{id}/cancel 415': async () => post(`/v1/tasks/${await task()}/cancel`, textBody),
  'POST /v1/tasks/{id}/retry 202': async () => post(`/v1/tasks/${await task('FAILED')}/retry`),
  'POST /v1/tasks/{id}/retry 400': () => post('/v1/tasks/not-a-uuid/retry'),
  'POST /v1/tasks/{id}/retry 401': () => call('POST', `/v1/tasks/${MISSING}/retry`),
  'POST /v1/tasks/{id}/retry 404': () => post(`/v1/tasks/${MISSING}/retry`),
  'POST /v1/tasks/{id}/retry 409': async () => post(`/v1/tasks/${await task()}/retry`),
  'DELETE /v1/tasks/{id} 204': async () =>
    call('DELETE', `/v1/tasks/${await task('COMPLETED')}`, { apiKey: key }),
  'DELETE /v1/tasks/{id} 400': () => call('DELETE', '/v1/tasks/not-a-uuid', { apiKey: key }),
  'DELETE /v1/tasks/{id} 401': () => call('DELETE', `/v1/tasks/${MISSING}`),
  'DELETE /v1/tasks/{id} 404': () => call('DELETE', `/v1/tasks/${MISSING}`, { apiKey: key }),
  'DELETE /v1/tasks/{id} 409': async () => call('DELETE', `/v1/tasks/${await task()}`, { apiKey: key }),
  'POST /v1/schedules 201': () => post('/v1/schedules', { body: scheduleBody('contract-created') }),
  'POST /v1/schedules 400': () =>
    post('/v1/schedules', { body: { ...scheduleBody('contract-bad'), cron: 'nope' } }),
  'POST /v1/schedules 401': () => anonymous('POST', '/v1/schedules', scheduleBody('x')),
  'POST /v1/schedules 409': async () => {
    await post('/v1/schedules', { body: scheduleBody('contract-twice') });
    return post('/v1/schedules', { body: scheduleBody('contract-twice') });
  },
  'POST /v1/schedules 413': () =>
    post('/v1/schedules', { body: tooLargeBody(), headers: { 'content-type': 'application/json' } }),
  'POST /v1/schedules 415': () => post('/v1/schedules', textBody),
  'POST /v1/schedules 422': () => {
    const headers = { 'idempotency-key': 'contract-schedule-422' };
    return keyReused(
      () => post('/v1/schedules', { headers, body: scheduleBody('contract-422-a') }),
      () => post('/v1/schedules', { headers, body: scheduleBody('contract-422-b') }),
    );
  },
  'GET /v1/schedules 200': async () => {
    await schedule();
    return get('/v1/schedules?limit=5');
  },
  'GET /v1/schedules 400': () => get('/v1/schedules?limit=0'),
  'GET /v1/schedules 401': () => anonymous('GET', '/v1/schedules'),
  'GET /v1/schedules/{id} 200': async () => get(`/v1/schedules/${await schedule()}`),
  'GET /v1/schedules/{id} 400': () => get('/v1/schedules/not-a-uuid'),
  'GET /v1/schedules/{id} 401': () => anonymous('GET', `/v1/schedules/${MISSING}`),
  'GET /v1/schedules/{id} 404': () => get(`/v1/schedules/${MISSING}`),
  'PATCH /v1/schedules/{id} 200': async () =>
    call('PATCH', `/v1/schedules/${await schedule()}`, { apiKey: key, body: { overlap: 'allow' } }),
  'PATCH /v1/schedules/{id} 400': async () =>
    call('PATCH', `/v1/schedules/${await schedule()}`, { apiKey: key, body: { intervalSeconds: 0 } }),
  'PATCH /v1/schedules/{id} 401': () => anonymous('PATCH', `/v1/schedules/${MISSING}`, {}),
  'PATCH /v1/schedules/{id} 404': () => call('PATCH', `/v1/schedules/${MISSING}`, { apiKey: key, body: {} }),
  'PATCH /v1/schedules/{id} 413': () =>
    call('PATCH', `/v1/schedules/${MISSING}`, {
      apiKey: key,
      body: tooLargeBody(),
      headers: { 'content-type': 'application/json' },
    }),
  'PATCH /v1/schedules/{id} 415': () =>
    call('PATCH', `/v1/schedules/${MISSING}`, { apiKey: key, ...textBody }),
  'DELETE /v1/schedules/{id} 204': async () =>
    call('DELETE', `/v1/schedules/${await schedule()}`, { apiKey: key }),
  'DELETE /v1/schedules/{id} 400': () => call('DELETE', '/v1/schedules/not-a-uuid', { apiKey: key }),
  'DELETE /v1/schedules/{id} 401': () => anonymous('DELETE', `/v1/schedules/${MISSING}`),
  'DELETE /v1/schedules/{id} 404': () => call('DELETE', `/v1/schedules/${MISSING}`, { apiKey: key }),
  ...Object.fromEntries(
    (['pause', 'resume'] as const).flatMap((action) => {
      const path = `POST /v1/schedules/{id}/${action}`;
      return [
        [`${path} 200`, async () => post(`/v1/schedules/${await schedule()}/${action}`)],
        [`${path} 400`, () => post(`/v1/schedules/not-a-uuid/${action}`)],
        [`${path} 401`, () => anonymous('POST', `/v1/schedules/${MISSING}/${action}`)],
        [`${path} 404`, () => post(`/v1/schedules/${MISSING}/${action}`)],
        [`${path} 409`, () => inFlight(`/v1/schedules/${MISSING}/${action}`, undefined)],
        [
          `${path} 422`,
          async () => {
            const headers = { 'idempotency-key': `contract-${action}-422` };
            const [a, b] = [await schedule(), await schedule()];
            return keyReused(
              () => post(`/v1/schedules/${a}/${action}`, { headers }),
              () => post(`/v1/schedules/${b}/${action}`, { headers }),
            );
          },
        ],
      ];
    }),
  ),
  'POST /v1/schedules/{id}/trigger 202': async () => post(`/v1/schedules/${await schedule()}/trigger`),
  'POST /v1/schedules/{id}/trigger 400': () => post('/v1/schedules/not-a-uuid/trigger'),
  'POST /v1/schedules/{id}/trigger 401': () => anonymous('POST', `/v1/schedules/${MISSING}/trigger`),
  'POST /v1/schedules/{id}/trigger 404': () => post(`/v1/schedules/${MISSING}/trigger`),
  'POST /v1/schedules/{id}/trigger 409': () => inFlight(`/v1/schedules/${MISSING}/trigger`, undefined),
  'POST /v1/schedules/{id}/trigger 422': async () => {
    const headers = { 'idempotency-key': 'contract-trigger-422' };
    const [a, b] = [await schedule(), await schedule()];
    return keyReused(
      () => post(`/v1/schedules/${a}/trigger`, { headers }),
      () => post(`/v1/schedules/${b}/trigger`, { headers }),
    );
  },
  'GET /healthz 200': () => call('GET', '/healthz'),
  'GET /healthz 400': () => call('GET', '/healthz', { headers: BAD_CORRELATION }),
  'GET /healthz 503': async () => {
    const failing = {
      query: () => Promise.reject(new Error('database down')),
      transaction: () => Promise.reject(new Error('database down')),
      close: async () => undefined,
    } as Database;
    configureProcessDeps({ database: failing });
    try {
      return await call('GET', '/healthz');
    } finally {
      configureProcessDeps({ database: api.testDb.db });
    }
  },
  'GET /v1/stats 200': () => get('/v1/stats'),
  'GET /v1/stats 400': () => get('/v1/stats?windowSeconds=1'),
  'GET /v1/stats 401': () => call('GET', '/v1/stats'),
  'GET /metrics 200': () => call('GET', '/metrics', bearer(METRICS_TOKEN)),
  'GET /metrics 400': () =>
    call('GET', '/metrics', { headers: { ...BAD_CORRELATION, ...bearer(METRICS_TOKEN).headers } }),
  'GET /metrics 401': () => call('GET', '/metrics', bearer('wrong')),
  'GET /metrics 403': async () => {
    delete process.env.METRICS_TOKEN;
    delete process.env.ADMIN_TOKEN;
    configureProcessDeps({ opsConfig: undefined });
    try {
      return await call('GET', '/metrics', bearer(METRICS_TOKEN));
    } finally {
      process.env.METRICS_TOKEN = METRICS_TOKEN;
      process.env.ADMIN_TOKEN = ADMIN_TOKEN;
      configureProcessDeps({ opsConfig: undefined });
    }
  },
  'GET /v1/dead-letters 200': async () => {
    await task('FAILED');
    return get('/v1/dead-letters');
  },
  'GET /v1/dead-letters 400': () => get('/v1/dead-letters?fingerprint=zz'),
  'GET /v1/dead-letters 401': () => call('GET', '/v1/dead-letters'),
  'POST /v1/dead-letters/redrive 202': async () => {
    await task('FAILED');
    return post('/v1/dead-letters/redrive', { body: { ratePerSecond: 10 } });
  },
  'POST /v1/dead-letters/redrive 400': () => post('/v1/dead-letters/redrive', { body: { limit: 0 } }),
  'POST /v1/dead-letters/redrive 401': () => call('POST', '/v1/dead-letters/redrive', { body: {} }),
  'POST /v1/dead-letters/redrive 403': () => post('/v1/dead-letters/redrive', { body: { queue: 'high' } }),
  'POST /v1/dead-letters/redrive 413': () =>
    post('/v1/dead-letters/redrive', {
      body: tooLargeBody(),
      headers: { 'content-type': 'application/json' },
    }),
  'POST /v1/dead-letters/redrive 415': () => post('/v1/dead-letters/redrive', textBody),
  'GET /openapi.json 200': () => call('GET', '/openapi.json'),
  'GET /openapi.json 400': () => call('GET', '/openapi.json', { headers: BAD_CORRELATION }),
  'GET /docs 200': () => call('GET', '/docs'),
  'GET /docs 400': () => call('GET', '/docs', { headers: BAD_CORRELATION }),
  'GET /docs/{asset} 200': () => call('GET', '/docs/swagger-ui.css'),
  'GET /docs/{asset} 400': () => call('GET', '/docs/swagger-ui.css', { headers: BAD_CORRELATION }),
  'GET /docs/{asset} 404': () => call('GET', '/docs/..%2Fpackage.json'),
  'GET /dashboard 200': () => call('GET', '/dashboard'),
  'GET /dashboard 400': () => call('GET', '/dashboard', { headers: BAD_CORRELATION }),
  'GET /dashboard/{asset} 200': () => call('GET', '/dashboard/app.css'),
  'GET /dashboard/{asset} 400': () => call('GET', '/dashboard/app.css', { headers: BAD_CORRELATION }),
  'GET /dashboard/{asset} 404': () => call('GET', '/dashboard/..%2Fpackage.json'),
};

/** `<METHOD> <path> <status>` for every status the document lists (the `default` response aside). */
function documentedStatuses(): string[] {
  const keys: string[] = [];
  for (const [path, methods] of Object.entries(
    doc.paths as Record<string, Record<string, { responses: object }>>,
  ))
    for (const [method, operation] of Object.entries(methods))
      for (const status of Object.keys(operation.responses))
        if (status !== 'default') keys.push(`${method.toUpperCase()} ${path} ${status}`);
  return keys;
}

function withAbsoluteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withAbsoluteRefs);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `openapi.json${v}` : withAbsoluteRefs(v),
    ]),
  );
}

describe('the OpenAPI document', () => {
  it('documents exactly the routes the router serves, with the same methods and paths', () => {
    const served = routes.map((route) => `${route.method} ${route.path}`).sort();
    const documented = Object.entries(doc.paths as Record<string, object>)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();

    expect(documented).toEqual(served);
  });

  it('has a scenario only for statuses it documents', () => {
    const documented = new Set(documentedStatuses());

    expect(Object.keys(scenarios).filter((scenario) => !documented.has(scenario))).toEqual([]);
  });

  it('lists at least every route’s success and 400 response', () => {
    expect(documentedStatuses().length).toBeGreaterThanOrEqual(routes.length * 2);
  });
});

describe('every documented status is produced, with the documented body', () => {
  // Built from the routes at collection time (the document itself is only fetched in beforeAll);
  // the test above checks that the two list the same operations.
  const statusesPerRoute = routes.flatMap((route) =>
    Object.keys(scenarios)
      .filter((name) => name.startsWith(`${route.method} ${route.path} `))
      .map((name) => name),
  );
  it.each(statusesPerRoute)('%s', async (name) => {
    const [method, path, status] = name.split(' ') as [string, string, string];
    const response = doc.paths[path]?.[method.toLowerCase()]?.responses?.[status];
    expect(response, `${name} is not documented`).toBeDefined();

    const res = await scenarios[name]!();

    expect(res.status, JSON.stringify(res.body)?.slice(0, 500)).toBe(Number(status));
    expect(res.headers['x-correlation-id']).toEqual(expect.any(String));
    for (const [header, documented] of Object.entries(
      (response.headers ?? {}) as Record<string, { $ref?: string; required?: boolean; schema?: object }>,
    )) {
      const definition = documented.$ref
        ? doc.components.headers[documented.$ref.split('/').at(-1)!]
        : documented;
      const value = res.headers[header.toLowerCase()];
      if (definition.required) expect(value, `${header} is documented as always present`).toBeDefined();
      if (value !== undefined)
        expect(ajv.validate(definition.schema, value), `${header}: ${value}`).toBe(true);
    }
    const [mediaType, media] =
      Object.entries((response.content ?? {}) as Record<string, { schema: object }>)[0] ?? [];
    if (!mediaType) {
      expect(res.raw.body ?? '').toBe('');
      return;
    }
    if (mediaType !== '*/*') expect(res.headers['content-type']).toContain(mediaType.split(';')[0]);
    if (/json/.test(mediaType)) {
      const validate = ajv.compile(withAbsoluteRefs(media!.schema) as object);
      expect(validate(res.body), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('covers every documented status with a scenario', () => {
    const missing = documentedStatuses().filter((key) => !(key in scenarios));

    expect(missing).toEqual([]);
  });
});
