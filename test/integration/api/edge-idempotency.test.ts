import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beginIdempotentRequest, idempotencyRecordKey } from '../../../shared/edge/idempotency.ts';
import { requestFingerprint } from '../../../shared/edge/request-fingerprint.ts';
import { configureProcessDeps } from '../../../shared/process-deps.ts';
import { type CallOptions, call, countRows, expectProblem, forceStatus, useApi } from '../../helpers/api.ts';
import { freePort, testEdgeConfig, testRedisClient, uniqueRedisPrefix } from '../../helpers/redis.ts';

const api = useApi();
let redis: Redis;
let prefix: string;

beforeAll(() => {
  prefix = uniqueRedisPrefix('idempotency');
  redis = testRedisClient();
  configureProcessDeps({ redis, redisKeyPrefix: prefix, edgeConfig: testEdgeConfig() });
});

afterAll(() => {
  redis.disconnect();
});

const newKey = () => `key-${randomUUID()}`;
const post = (path: string, options: CallOptions) =>
  call('POST', path, { apiKey: api.tenantA.apiKey, ...options });

/** Forgets every record of this file, as a flushed or replaced Redis would. */
async function flushRedis(): Promise<void> {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
}

describe('Idempotency-Key on the Redis fast path', () => {
  it('turns 50 concurrent identical requests into exactly one task; the rest replay it or get 409', async () => {
    // Prepare
    const headers = { 'Idempotency-Key': newKey() };
    const body = { type: 'echo', payload: { concurrent: 50 } };
    const before = await countRows(api.db);

    // Act
    const results = await Promise.all(Array.from({ length: 50 }, () => post('/v1/tasks', { headers, body })));

    // Assess
    const created = results.filter((r) => r.status === 202 && r.headers['idempotent-replayed'] === undefined);
    const replays = results.filter((r) => r.status === 202 && r.headers['idempotent-replayed'] === 'true');
    const inFlight = results.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(replays.length + inFlight.length).toBe(49);
    for (const r of replays) expect(r.body).toEqual(created[0]!.body);
    for (const r of inFlight) {
      expectProblem(r, 409, 'header:Idempotency-Key');
      expect(r.body.type).toBe('urn:taskforge:problem:idempotency-key-in-flight');
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    expect((await countRows(api.db)).tasks).toBe(before.tasks + 1);
  });

  it('replays the original status, headers and body, not the task as it is now', async () => {
    const headers = { 'Idempotency-Key': newKey() };
    const body = { type: 'reverse', payload: { text: 'abc' } };
    const first = await post('/v1/tasks', { headers, body });
    await forceStatus(api.db, first.body.id, 'COMPLETED', { reversed: 'cba' });

    const again = await post('/v1/tasks', { headers, body: { payload: { text: 'abc' }, type: 'reverse' } });

    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['content-type']).toBe('application/json');
    expect(again.body).toEqual(first.body);
    expect(again.body.status).toBe('PENDING');
    // Each response keeps its own correlation id.
    expect(again.headers['x-correlation-id']).toBeTruthy();
  });

  it('answers 422 when the key is reused with another body or on another route, writing nothing', async () => {
    const headers = { 'Idempotency-Key': newKey() };
    const first = await post('/v1/tasks', { headers, body: { type: 'echo', payload: { n: 1 } } });
    const before = await countRows(api.db);

    const otherBody = await post('/v1/tasks', { headers, body: { type: 'echo', payload: { n: 2 } } });
    const otherRoute = await post(`/v1/tasks/${first.body.id}/cancel`, { headers });

    expectProblem(otherBody, 422, 'header:Idempotency-Key');
    expect(otherBody.body.type).toBe('urn:taskforge:problem:idempotency-key-reused');
    expectProblem(otherRoute, 422, 'header:Idempotency-Key');
    expect(await countRows(api.db)).toEqual(before);
  });

  it('answers 409 with Retry-After while the key is in flight, and a crashed request never locks it for good', async () => {
    // Prepare: another "request" holds the key, then crashes (its lock is left to expire).
    const key = newKey();
    const body = { type: 'echo', payload: { crash: true } };
    const fingerprint = requestFingerprint('POST', '/v1/tasks', body);
    const held = await beginIdempotentRequest(redis, api.tenantA.id, key, fingerprint, 30);
    expect(held.kind).toBe('owner');

    // Act
    const whileHeld = await post('/v1/tasks', { headers: { 'Idempotency-Key': key }, body });
    // The lock's expiry, without waiting 30 s for it.
    await redis.pexpire(idempotencyRecordKey(api.tenantA.id, key), 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const afterExpiry = await post('/v1/tasks', { headers: { 'Idempotency-Key': key }, body });

    // Assess
    expectProblem(whileHeld, 409, 'header:Idempotency-Key');
    expect(whileHeld.headers['retry-after']).toBe('1');
    expect(afterExpiry.status).toBe(202);
    expect(afterExpiry.headers['idempotent-replayed']).toBeUndefined();
    expect(await redis.pttl(idempotencyRecordKey(api.tenantA.id, key))).toBeGreaterThan(23 * 3600 * 1000);
  });

  it('releases the key when the request fails, so it can be corrected and retried', async () => {
    const headers = { 'Idempotency-Key': newKey() };

    const invalid = await post('/v1/tasks', { headers, body: { type: 'echo' } });
    const corrected = await post('/v1/tasks', { headers, body: { type: 'echo', payload: {} } });

    expectProblem(invalid, 400);
    expect(corrected.status).toBe(202);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
  });

  it('rejects an empty key or one over 255 characters with 400 on every route that takes one', async () => {
    const id = (await post('/v1/tasks', { body: { type: 'echo', payload: {} } })).body.id;
    const routes: Array<[string, unknown]> = [
      ['/v1/tasks', { type: 'echo', payload: {} }],
      ['/v1/tasks/batch', { tasks: [{ type: 'echo', payload: {} }] }],
      [`/v1/tasks/${id}/cancel`, undefined],
      [`/v1/tasks/${id}/retry`, undefined],
    ];
    for (const [path, body] of routes) {
      for (const key of ['', 'k'.repeat(256)]) {
        const res = await post(path, { headers: { 'Idempotency-Key': key }, body });
        expectProblem(res, 400, 'header:Idempotency-Key');
      }
    }
    const longest = await post('/v1/tasks', {
      headers: { 'Idempotency-Key': 'k'.repeat(255) },
      body: { type: 'echo', payload: {} },
    });
    expect(longest.status).toBe(202);
  });

  it('makes cancel and retry idempotent: a repeat replays the first answer', async () => {
    const id = (await post('/v1/tasks', { body: { type: 'echo', payload: {} } })).body.id;
    const cancelKey = { 'Idempotency-Key': newKey() };
    const retryKey = { 'Idempotency-Key': newKey() };

    const cancelled = await post(`/v1/tasks/${id}/cancel`, { headers: cancelKey, body: { reason: 'test' } });
    const cancelAgain = await post(`/v1/tasks/${id}/cancel`, {
      headers: cancelKey,
      body: { reason: 'test' },
    });
    const retried = await post(`/v1/tasks/${id}/retry`, { headers: retryKey });
    const retryAgain = await post(`/v1/tasks/${id}/retry`, { headers: retryKey });
    const retryWithoutKey = await post(`/v1/tasks/${id}/retry`, {});

    expect(cancelled.status).toBe(200);
    expect(cancelAgain.status).toBe(200);
    expect(cancelAgain.headers['idempotent-replayed']).toBe('true');
    expect(cancelAgain.body).toEqual(cancelled.body);
    expect(retried.status).toBe(202);
    expect(retryAgain.status).toBe(202);
    expect(retryAgain.headers['idempotent-replayed']).toBe('true');
    expect(retryAgain.body).toEqual(retried.body);
    // Without a key a repeat is an ordinary second attempt, which the state machine refuses.
    expectProblem(retryWithoutKey, 409);
  });

  it('makes a batch idempotent, with the database backstop when Redis has forgotten the key', async () => {
    const headers = { 'Idempotency-Key': newKey() };
    const body = {
      tasks: [
        { type: 'echo', payload: { i: 0 } },
        { type: 'echo', payload: { i: 1 }, priority: 'low' },
      ],
    };
    const first = await post('/v1/tasks/batch', { headers, body });
    const before = await countRows(api.db);

    const replay = await post('/v1/tasks/batch', { headers, body });
    await flushRedis();
    const afterFlush = await post('/v1/tasks/batch', { headers, body });
    const otherBody = await post('/v1/tasks/batch', {
      headers,
      body: { tasks: [{ type: 'echo', payload: 1 }] },
    });

    expect(first.status).toBe(202);
    expect(first.body.tasks.map((t: { idempotencyKey: string }) => t.idempotencyKey)).toEqual([
      `${headers['Idempotency-Key']}#0`,
      `${headers['Idempotency-Key']}#1`,
    ]);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(afterFlush.status).toBe(202);
    expect(afterFlush.headers['idempotent-replayed']).toBe('true');
    expect(afterFlush.body.tasks.map((t: { id: string }) => t.id)).toEqual(
      first.body.tasks.map((t: { id: string }) => t.id),
    );
    expectProblem(otherBody, 422, 'header:Idempotency-Key');
    expect(await countRows(api.db)).toEqual(before);
  });

  it('never creates a second task when Redis was flushed or is unreachable (PostgreSQL backstop)', async () => {
    const headers = { 'Idempotency-Key': newKey() };
    const body = { type: 'echo', payload: { backstop: true } };
    const first = await post('/v1/tasks', { headers, body });
    const before = await countRows(api.db);

    await flushRedis();
    const afterFlush = await post('/v1/tasks', { headers, body });
    const dead = testRedisClient({ url: `redis://127.0.0.1:${await freePort()}` });
    configureProcessDeps({ redis: dead });
    let withRedisDown: Awaited<ReturnType<typeof post>>;
    try {
      withRedisDown = await post('/v1/tasks', { headers, body });
    } finally {
      dead.disconnect();
      configureProcessDeps({ redis });
    }

    for (const res of [afterFlush, withRedisDown]) {
      expect(res.status).toBe(202);
      expect(res.headers['idempotent-replayed']).toBe('true');
      expect(res.body.id).toBe(first.body.id);
    }
    expect(await countRows(api.db)).toEqual(before);
  });

  it('scopes keys per tenant', async () => {
    const headers = { 'Idempotency-Key': newKey() };
    const body = { type: 'echo', payload: {} };

    const a = await post('/v1/tasks', { headers, body });
    const b = await call('POST', '/v1/tasks', { apiKey: api.tenantB.apiKey, headers, body });

    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body.id).not.toBe(a.body.id);
  });
});
