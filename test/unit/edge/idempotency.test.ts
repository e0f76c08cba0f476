import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { edgeConfig } from '../../../shared/config/edge.ts';
import { edgeDegradedChecks } from '../../../shared/edge/degraded.ts';
import {
  beginIdempotentRequest,
  completeIdempotentRequest,
  idempotencyRecordKey,
  releaseIdempotentRequest,
} from '../../../shared/edge/idempotency.ts';
import { idempotent } from '../../../shared/edge/idempotent-route.ts';
import { requestFingerprint } from '../../../shared/edge/request-fingerprint.ts';
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError } from '../../../shared/errors.ts';
import type { ApiResult } from '../../../shared/http/responses.ts';
import { logger } from '../../../shared/observability.ts';
import { configureProcessDeps } from '../../../shared/process-deps.ts';
import { FakeRedis } from './fake-redis.ts';

const TENANT = '01900000-0000-7000-8000-00000000000a';
const FP = requestFingerprint('POST', '/v1/tasks', { type: 'echo', payload: { n: 1 } });
const OTHER_FP = requestFingerprint('POST', '/v1/tasks', { type: 'echo', payload: { n: 2 } });
const accepted: ApiResult = { statusCode: 202, headers: { Location: '/v1/tasks/1' }, body: '{"id":"1"}' };

let redis: FakeRedis;

beforeEach(() => {
  redis = new FakeRedis();
  configureProcessDeps({ redis: redis.asRedis(), redisKeyPrefix: 'unit', edgeConfig: edgeConfig({}) });
});

afterEach(() => {
  configureProcessDeps({ redis: undefined, redisKeyPrefix: undefined, edgeConfig: undefined });
});

describe('Idempotency-Key records', () => {
  it('makes the first request the owner, with an in-flight record under the tenant and key', async () => {
    const begun = await beginIdempotentRequest(redis.asRedis(), TENANT, 'k1', FP, 30);

    expect(begun.kind).toBe('owner');
    const record = JSON.parse(redis.store.get(idempotencyRecordKey(TENANT, 'k1'))!);
    expect(record).toMatchObject({ state: 'in-flight', fingerprint: FP });
    expect(idempotencyRecordKey(TENANT, 'k1')).toBe(`unit:idem:${TENANT}:k1`);
  });

  it('answers a repeat while the first runs with in-flight, and one with another body with mismatch', async () => {
    await beginIdempotentRequest(redis.asRedis(), TENANT, 'k1', FP, 30);

    expect(await beginIdempotentRequest(redis.asRedis(), TENANT, 'k1', FP, 30)).toEqual({
      kind: 'in-flight',
    });
    expect(await beginIdempotentRequest(redis.asRedis(), TENANT, 'k1', OTHER_FP, 30)).toEqual({
      kind: 'mismatch',
    });
  });

  it('replays the stored response once completed, and still refuses another body', async () => {
    const begun = await beginIdempotentRequest(redis.asRedis(), TENANT, 'k1', FP, 30);
    if (begun.kind !== 'owner') throw new Error('expected to own the key');
    const response = { statusCode: 202, headers: { Location: '/v1/tasks/1' }, body: '{"id":"1"}' };

    expect(await completeIdempotentRequest(redis.asRedis(), begun.lock, FP, response, 86_400)).toBe(true);

    expect(await beginIdempotentRequest(redis.asRedis(), TENANT, 'k1', FP, 30)).toEqual({
      kind: 'replay',
      response,
    });
    expect((await beginIdempotentRequest(redis.asRedis(), TENANT, 'k1', OTHER_FP, 30)).kind).toBe('mismatch');
  });

  it('frees the key on release, so the next request owns it', async () => {
    const begun = await beginIdempotentRequest(redis.asRedis(), TENANT, 'k1', FP, 30);
    if (begun.kind !== 'owner') throw new Error('expected to own the key');

    await releaseIdempotentRequest(redis.asRedis(), begun.lock);

    expect(redis.store.size).toBe(0);
    expect((await beginIdempotentRequest(redis.asRedis(), TENANT, 'k1', OTHER_FP, 30)).kind).toBe('owner');
  });

  it('never overwrites or frees the record of a request that took over an expired lock', async () => {
    const first = await beginIdempotentRequest(redis.asRedis(), TENANT, 'k1', FP, 30);
    if (first.kind !== 'owner') throw new Error('expected to own the key');
    redis.store.delete(first.lock.key); // the lock expired
    const second = await beginIdempotentRequest(redis.asRedis(), TENANT, 'k1', FP, 30);
    const secondRecord = redis.store.get(first.lock.key);

    const response = { statusCode: 202, headers: {}, body: '{}' };
    const kept = await completeIdempotentRequest(redis.asRedis(), first.lock, FP, response, 60);
    await releaseIdempotentRequest(redis.asRedis(), first.lock);

    expect(second.kind).toBe('owner');
    expect(kept).toBe(false);
    expect(redis.store.get(first.lock.key)).toBe(secondRecord);
  });

  it('treats a record it cannot read as in flight rather than trusting or replacing it', async () => {
    redis.store.set(idempotencyRecordKey(TENANT, 'k1'), 'not json');
    redis.store.set(idempotencyRecordKey(TENANT, 'k2'), JSON.stringify({ state: 'other', fingerprint: FP }));

    expect(await beginIdempotentRequest(redis.asRedis(), TENANT, 'k1', FP, 30)).toEqual({
      kind: 'in-flight',
    });
    expect(await beginIdempotentRequest(redis.asRedis(), TENANT, 'k2', FP, 30)).toEqual({
      kind: 'in-flight',
    });
    expect(redis.store.get(idempotencyRecordKey(TENANT, 'k1'))).toBe('not json');
  });
});

describe('idempotent(): the fast path around a route', () => {
  const key = { key: 'order-42', fingerprint: FP };
  const run = (execute: () => Promise<ApiResult>, idempotency: typeof key | null = key) =>
    idempotent(TENANT, idempotency, logger, execute);
  const counting = (response: ApiResult = accepted) => {
    const calls = { count: 0 };
    const execute = async () => {
      calls.count += 1;
      return response;
    };
    return { calls, execute };
  };

  it('runs the route once and replays its 2xx response, marked Idempotent-Replayed', async () => {
    const { calls, execute } = counting();

    const first = await run(execute);
    const second = await run(execute);

    expect(calls.count).toBe(1);
    expect(first).toEqual(accepted);
    expect(second).toEqual({ ...accepted, headers: { ...accepted.headers, 'Idempotent-Replayed': 'true' } });
  });

  it('refuses the same key with another request (422) and a repeat while the first runs (409)', async () => {
    let finish: (response: ApiResult) => void = () => undefined;
    const slow = run(() => new Promise<ApiResult>((resolve) => (finish = resolve)));
    while (redis.store.size === 0) await new Promise((resolve) => setImmediate(resolve));

    await expect(run(async () => accepted)).rejects.toBeInstanceOf(IdempotencyKeyInFlightError);
    await expect(run(async () => accepted, { key: key.key, fingerprint: OTHER_FP })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    finish(accepted);
    await slow;
    await expect(run(async () => accepted, { key: key.key, fingerprint: OTHER_FP })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
  });

  it('frees the key after a response that is not 2xx and after a thrown error, so a retry runs again', async () => {
    const rejected = counting({ statusCode: 400, headers: {}, body: '{}' });

    expect((await run(rejected.execute)).statusCode).toBe(400);
    await expect(run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const retried = counting();
    await run(retried.execute);

    expect(rejected.calls.count).toBe(1);
    expect(retried.calls.count).toBe(1);
    expect(redis.store.size).toBe(1);
  });

  it('runs the route without Redis when the record cannot be read, counting the degradation', async () => {
    const before = edgeDegradedChecks().idempotency;
    const { calls, execute } = counting();
    redis.failNext();

    const response = await run(execute);

    expect(response).toEqual(accepted);
    expect(calls.count).toBe(1);
    expect(edgeDegradedChecks().idempotency).toBe(before + 1);
  });

  it('still answers when storing the response fails (the record expires; the database backstop holds)', async () => {
    const before = edgeDegradedChecks().idempotency;
    const { execute } = counting();
    const begin = redis.tfIdemBegin.bind(redis);
    redis.tfIdemBegin = async (...args) => {
      const result = await begin(...args);
      redis.failNext();
      return result;
    };

    const response = await run(execute);

    expect(response).toEqual(accepted);
    expect(edgeDegradedChecks().idempotency).toBe(before + 1);
  });

  it('passes straight through without a key, or with edge protection off', async () => {
    const { calls, execute } = counting();

    await run(execute, null);
    configureProcessDeps({ redis: null });
    await run(execute);
    await run(execute);

    expect(calls.count).toBe(3);
    expect(redis.calls).toEqual([]);
  });
});
