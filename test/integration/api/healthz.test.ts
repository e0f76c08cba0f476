import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../shared/db/database.ts';
import { configureRuntime } from '../../../shared/runtime.ts';
import { type ApiFixture, call, setUpApi } from '../../helpers/api.ts';

let api: ApiFixture;

beforeAll(async () => {
  api = await setUpApi();
});

afterAll(async () => {
  configureRuntime({ database: api.testDb.db });
  await api.testDb.drop();
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
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'ok' } });
    expect(res.headers['x-correlation-id']).toBeTruthy();
  });

  it('answers 503 naming the database when it fails', async () => {
    configureRuntime({ database: fakeDatabase(() => Promise.reject(new Error('connection refused'))) });
    try {
      const res = await call('GET', '/healthz');

      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'error', checks: { database: 'error' } });
      expect(JSON.stringify(res.body)).not.toContain('refused');
    } finally {
      configureRuntime({ database: api.testDb.db });
    }
  });

  it('answers 503 within its time budget when the database hangs', async () => {
    configureRuntime({ database: fakeDatabase(() => new Promise<never>(() => undefined)) });
    try {
      const started = Date.now();
      const res = await call('GET', '/healthz');

      expect(res.status).toBe(503);
      expect(res.body.checks).toEqual({ database: 'timeout' });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      configureRuntime({ database: api.testDb.db });
    }
  });
});
