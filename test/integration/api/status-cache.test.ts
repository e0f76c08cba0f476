import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../shared/db/database.ts';
import { configureProcessDeps } from '../../../shared/process-deps.ts';
import { call, expectProblem, forceStatus, useApi } from '../../helpers/api.ts';
import { testEdgeConfig, testRedisClient, uniqueRedisPrefix } from '../../helpers/redis.ts';

const api = useApi();
let redis: Redis;
let statements = 0;

/** The test database, counting the statements the API sends it. */
function countingDatabase(db: Database): Database {
  return {
    query: (sql, params) => {
      statements += 1;
      return db.query(sql, params);
    },
    transaction: (work) => db.transaction(work),
    close: () => db.close(),
  };
}

beforeAll(() => {
  redis = testRedisClient();
  configureProcessDeps({
    database: countingDatabase(api.testDb.db),
    redis,
    redisKeyPrefix: uniqueRedisPrefix('status-cache'),
    edgeConfig: testEdgeConfig(),
  });
});

afterAll(() => {
  redis.disconnect();
});

const key = () => api.tenantA.apiKey;
const get = (path: string) => call('GET', path, { apiKey: key() });

async function submitted(): Promise<string> {
  const res = await call('POST', '/v1/tasks', { apiKey: key(), body: { type: 'echo', payload: { n: 1 } } });
  return res.body.id;
}

/** Statements the database received while `work` ran. */
async function statementsDuring(work: () => Promise<unknown>): Promise<number> {
  const before = statements;
  await work();
  return statements - before;
}

describe('status cache of terminal tasks', () => {
  it('serves a finished task (and its result) without a database call once it was read', async () => {
    const id = await submitted();
    await forceStatus(api.db, id, 'COMPLETED', { ok: true });
    const first = await get(`/v1/tasks/${id}`);

    let cached: Awaited<ReturnType<typeof get>> | undefined;
    let result: Awaited<ReturnType<typeof get>> | undefined;
    const used = await statementsDuring(async () => {
      cached = await get(`/v1/tasks/${id}`);
      result = await get(`/v1/tasks/${id}/result`);
    });

    expect(used).toBe(0);
    expect(cached!.status).toBe(200);
    expect(cached!.body).toEqual(first.body);
    expect(result!.body).toEqual({ id, status: 'COMPLETED', result: { ok: true } });
  });

  it('answers a cached FAILED task with the same 409 on /result', async () => {
    const id = await submitted();
    await forceStatus(api.db, id, 'FAILED');
    await get(`/v1/tasks/${id}`);

    const res = await get(`/v1/tasks/${id}/result`);

    expectProblem(res, 409);
    expect(res.body.taskStatus).toBe('FAILED');
  });

  it('never serves a non-terminal task from the cache', async () => {
    const id = await submitted();
    await get(`/v1/tasks/${id}`);
    await forceStatus(api.db, id, 'RUNNING');

    const used = await statementsDuring(async () => {
      expect((await get(`/v1/tasks/${id}`)).body.status).toBe('RUNNING');
    });

    expect(used).toBeGreaterThan(0);
  });

  it('is invalidated by retry and by delete', async () => {
    const id = await submitted();
    await forceStatus(api.db, id, 'FAILED');
    expect((await get(`/v1/tasks/${id}`)).body.status).toBe('FAILED');

    const retried = await call('POST', `/v1/tasks/${id}/retry`, { apiKey: key() });
    const afterRetry = await get(`/v1/tasks/${id}`);
    await forceStatus(api.db, id, 'CANCELLED');
    await get(`/v1/tasks/${id}`);
    const deleted = await call('DELETE', `/v1/tasks/${id}`, { apiKey: key() });
    const afterDelete = await get(`/v1/tasks/${id}`);

    expect(retried.status).toBe(202);
    expect(afterRetry.body.status).toBe('PENDING');
    expect(deleted.status).toBe(204);
    expectProblem(afterDelete, 404);
  });

  it("does not serve another tenant's cached task", async () => {
    const id = await submitted();
    await forceStatus(api.db, id, 'COMPLETED', {});
    await get(`/v1/tasks/${id}`);

    const other = await call('GET', `/v1/tasks/${id}`, { apiKey: api.tenantB.apiKey });

    expectProblem(other, 404);
  });
});
