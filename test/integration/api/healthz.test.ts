import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../shared/db/database.ts';
import { configureProcessDeps } from '../../../shared/process-deps.ts';
import { call, useApi } from '../../helpers/api.ts';
import { freePort, testEdgeConfig, testRedisClient } from '../../helpers/redis.ts';

const api = useApi();

afterAll(() => {
  configureProcessDeps({ database: api.testDb.db });
});

/** A database whose every query behaves like `query`. */
function fakeDatabase(query: () => Promise<never>): Database {
  return { query, transaction: query, close: async () => undefined };
}

describe('GET /healthz', () => {
  it('answers 200 without an API key when the database responds', async () => {
    const res = await call('GET', '/healthz');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
    expect(res.headers['x-correlation-id']).toBeTruthy();
  });

  it('answers 503 naming the database when it fails', async () => {
    configureProcessDeps({ database: fakeDatabase(() => Promise.reject(new Error('connection refused'))) });
    try {
      const res = await call('GET', '/healthz');

      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'error', checks: { database: 'error', redis: 'ok' } });
      expect(JSON.stringify(res.body)).not.toContain('refused');
    } finally {
      configureProcessDeps({ database: api.testDb.db });
    }
  });

  it('answers 503 within its time budget when the database hangs', async () => {
    configureProcessDeps({ database: fakeDatabase(() => new Promise<never>(() => undefined)) });
    try {
      const started = Date.now();
      const res = await call('GET', '/healthz');

      expect(res.status).toBe(503);
      expect(res.body.checks).toEqual({ database: 'timeout', redis: 'ok' });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      configureProcessDeps({ database: api.testDb.db });
    }
  });
});

describe('GET /healthz with the edge Redis down', () => {
  it('answers 200 "degraded" while rate limiting fails open, 503 when it fails closed', async () => {
    const dead = testRedisClient({ url: `redis://127.0.0.1:${await freePort()}` });
    configureProcessDeps({ redis: dead });
    try {
      const open = await call('GET', '/healthz');
      configureProcessDeps({ edgeConfig: testEdgeConfig({ rateLimitFailMode: 'closed' }) });
      const closed = await call('GET', '/healthz');

      expect(open.status).toBe(200);
      expect(open.body).toEqual({ status: 'degraded', checks: { database: 'ok', redis: 'error' } });
      expect(closed.status).toBe(503);
      expect(closed.body.checks.redis).toBe('error');
    } finally {
      dead.disconnect();
      configureProcessDeps({ redis: testRedisClient(), edgeConfig: testEdgeConfig() });
    }
  });
});
