import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configureProcessDeps } from '../../../shared/process-deps.ts';
import {
  addApiKey,
  createTenant,
  generateApiKey,
  setTenantRateLimits,
} from '../../../shared/tenants/tenant-store.ts';
import { type CallOptions, call, expectProblem, useApi } from '../../helpers/api.ts';
import { freePort, testEdgeConfig, testRedisClient, uniqueRedisPrefix } from '../../helpers/redis.ts';

const api = useApi();
let redis: Redis;
/** The rate limiter's clock, moved by the tests instead of sleeping. */
let now = 1_700_000_000_000;

beforeAll(() => {
  redis = testRedisClient();
  configureProcessDeps({
    redis,
    redisKeyPrefix: uniqueRedisPrefix('rate-limit'),
    edgeClock: () => now,
    edgeConfig: testEdgeConfig({ authFailureBurst: 3, authFailureRatePerSecond: 0.5 }),
  });
});

beforeEach(() => {
  // Every test starts on a fresh stretch of time, so earlier buckets are full again.
  now += 3_600_000;
});

afterAll(() => {
  configureProcessDeps({ edgeClock: undefined });
  redis.disconnect();
});

/** A tenant of its own with this bucket (1 token/s, burst 3 unless given). */
async function limitedTenant(limits = { rateLimitPerSecond: 1, rateLimitBurst: 3 }): Promise<string> {
  const tenant = await createTenant(api.db, `limited-${now}-${Math.random()}`);
  await setTenantRateLimits(api.db, tenant.id, limits);
  const key = generateApiKey();
  await addApiKey(api.db, tenant.id, key, 'test');
  return key;
}

const submit = (apiKey: string, options: CallOptions = {}) =>
  call('POST', '/v1/tasks', { apiKey, body: { type: 'echo', payload: {} }, ...options });

describe('per-tenant token buckets', () => {
  it('lets the burst through with RateLimit-* headers, then answers 429 with a correct Retry-After', async () => {
    // Prepare
    const key = await limitedTenant();

    // Act
    const burst = [await submit(key), await submit(key), await submit(key)];
    const limited = await submit(key);

    // Assess
    expect(burst.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(burst.map((r) => r.headers['ratelimit-remaining'])).toEqual(['2', '1', '0']);
    for (const r of burst) expect(r.headers['ratelimit-limit']).toBe('3');
    expectProblem(limited, 429);
    expect(limited.body.type).toBe('urn:taskforge:problem:rate-limited');
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.body.retryAfterSeconds).toBe(1);
    expect(limited.headers['ratelimit-limit']).toBe('3');
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    expect(limited.headers['ratelimit-reset']).toBe('3');
  });

  it('refills at the tenant rate: one more request per second, up to the burst', async () => {
    const key = await limitedTenant({ rateLimitPerSecond: 2, rateLimitBurst: 2 });
    await submit(key);
    await submit(key);

    const refused = await submit(key);
    now += 499;
    const stillRefused = await submit(key);
    now += 1;
    const refilled = await submit(key);
    const refusedAgain = await submit(key);
    now += 10_000;
    const afterIdle = [await submit(key), await submit(key), await submit(key)];

    expect(refused.status).toBe(429);
    expect(stillRefused.status).toBe(429);
    expect(refilled.status).toBe(202);
    expect(refusedAgain.status).toBe(429);
    expect(afterIdle.map((r) => r.status)).toEqual([202, 202, 429]);
  });

  it('keeps reads and writes in separate buckets', async () => {
    const key = await limitedTenant({ rateLimitPerSecond: 1, rateLimitBurst: 1 });
    const created = await submit(key);

    const writeLimited = await submit(key);
    const read = await call('GET', `/v1/tasks/${created.body.id}`, { apiKey: key });
    const readLimited = await call('GET', `/v1/tasks/${created.body.id}`, { apiKey: key });

    expect(writeLimited.status).toBe(429);
    expect(read.status).toBe(200);
    expect(read.headers['ratelimit-remaining']).toBe('0');
    expect(readLimited.status).toBe(429);
  });

  it('uses the defaults for tenants without their own limits', async () => {
    configureProcessDeps({
      edgeConfig: testEdgeConfig({ defaultBurst: 2, defaultRatePerSecond: 1, authFailureBurst: 3 }),
    });
    try {
      const key = await limitedTenant({ rateLimitPerSecond: null, rateLimitBurst: null } as never);

      const results = [await submit(key), await submit(key), await submit(key)];

      expect(results.map((r) => r.status)).toEqual([202, 202, 429]);
      expect(results[0]!.headers['ratelimit-limit']).toBe('2');
    } finally {
      configureProcessDeps({
        edgeConfig: testEdgeConfig({ authFailureBurst: 3, authFailureRatePerSecond: 0.5 }),
      });
    }
  });

  it('narrows the bucket to X-Client-Id, records the client on the task and filters by it', async () => {
    const key = await limitedTenant({ rateLimitPerSecond: 1, rateLimitBurst: 1 });
    const asClient = (clientId: string) => ({ headers: { 'X-Client-Id': clientId } });

    const a1 = await submit(key, asClient('client-a'));
    const a2 = await submit(key, asClient('client-a'));
    const b1 = await submit(key, asClient('client-b'));
    const listed = await call('GET', '/v1/tasks?clientId=client-b', { apiKey: key });

    expect([a1.status, a2.status, b1.status]).toEqual([202, 429, 202]);
    expect(a1.body.clientId).toBe('client-a');
    expect(b1.body.clientId).toBe('client-b');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((t: { id: string }) => t.id)).toEqual([b1.body.id]);
  });
});

describe('failed authentication per source IP', () => {
  it('answers 429 once an address has used up its failures, even for a valid key, and leaves other addresses alone', async () => {
    const validKey = await limitedTenant({ rateLimitPerSecond: 100, rateLimitBurst: 100 });
    const ip = '203.0.113.7';

    const failures = [];
    for (let i = 0; i < 3; i++) failures.push(await submit(`tf_wrong_${i}`, { sourceIp: ip }));
    const blocked = await submit(validKey, { sourceIp: ip });
    const otherIp = await submit(validKey, { sourceIp: '203.0.113.8' });
    now += 2000;
    const afterRefill = await submit('tf_wrong_again', { sourceIp: ip });

    for (const r of failures) expectProblem(r, 401, 'header:X-API-Key');
    expectProblem(blocked, 429);
    expect(blocked.headers['retry-after']).toBe('2');
    expect(otherIp.status).toBe(202);
    expectProblem(afterRefill, 401);
  });
});

describe('when Redis is unreachable', () => {
  it('fails open by default and closed (503 with Retry-After) when configured', async () => {
    const key = await limitedTenant({ rateLimitPerSecond: 1, rateLimitBurst: 1 });
    const dead = testRedisClient({ url: `redis://127.0.0.1:${await freePort()}` });
    configureProcessDeps({ redis: dead });
    try {
      const open = [await submit(key), await submit(key)];
      configureProcessDeps({ edgeConfig: testEdgeConfig({ rateLimitFailMode: 'closed' }) });
      const closed = await submit(key);
      const read = await call('GET', `/v1/tasks/${open[0]!.body.id}`, { apiKey: key });

      expect(open.map((r) => r.status)).toEqual([202, 202]);
      expect(open[0]!.headers['ratelimit-limit']).toBeUndefined();
      expectProblem(closed, 503);
      expect(closed.headers['retry-after']).toBe('1');
      expectProblem(read, 503);
    } finally {
      dead.disconnect();
      configureProcessDeps({
        redis,
        edgeConfig: testEdgeConfig({ authFailureBurst: 3, authFailureRatePerSecond: 0.5 }),
      });
    }
  });
});
