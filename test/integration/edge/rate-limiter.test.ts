import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitHeaders, takeTokens } from '../../../shared/edge/rate-limiter.ts';
import { redisKey } from '../../../shared/edge/redis-keys.ts';
import { configureProcessDeps } from '../../../shared/process-deps.ts';
import { testRedisClient, uniqueRedisPrefix } from '../../helpers/redis.ts';

let redis: Redis;
let n = 0;
const bucket = () => redisKey('rl-test', n++);

beforeAll(() => {
  configureProcessDeps({ redisKeyPrefix: uniqueRedisPrefix('rate-limiter') });
  redis = testRedisClient();
});

afterAll(() => {
  redis.disconnect();
});

describe('takeTokens (token bucket in one Lua script)', () => {
  it('lets a burst through, then refuses with the time until the next token', async () => {
    // Prepare: 2 tokens/s, bucket of 5, a clock the test moves.
    const key = bucket();
    const limits = { ratePerSecond: 2, burst: 5 };
    const t0 = 1_000_000;

    // Act
    const burst = [];
    for (let i = 0; i < 5; i++) burst.push(await takeTokens(redis, key, limits, { nowMs: t0 }));
    const refused = await takeTokens(redis, key, limits, { nowMs: t0 });

    // Assess
    expect(burst.map((d) => d.allowed)).toEqual([true, true, true, true, true]);
    expect(burst.map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0]);
    expect(refused).toMatchObject({ allowed: false, limit: 5, remaining: 0, retryAfterSeconds: 1 });
    // Empty bucket at 2/s: full again after 2.5 s.
    expect(refused.resetSeconds).toBe(3);
    expect(rateLimitHeaders(refused)).toEqual({
      'RateLimit-Limit': '5',
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': '3',
    });
  });

  it('refills at the configured rate and never above the burst', async () => {
    const key = bucket();
    const limits = { ratePerSecond: 4, burst: 3 };
    const t0 = 5_000_000;
    for (let i = 0; i < 3; i++) await takeTokens(redis, key, limits, { nowMs: t0 });

    const after249ms = await takeTokens(redis, key, limits, { nowMs: t0 + 249 });
    const after260ms = await takeTokens(redis, key, limits, { nowMs: t0 + 260 });
    const afterAMinute = await takeTokens(redis, key, limits, { nowMs: t0 + 60_000 });

    expect(after249ms.allowed).toBe(false);
    expect(after260ms.allowed).toBe(true);
    expect(afterAMinute).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('computes Retry-After from the rate (slow buckets wait longer)', async () => {
    const key = bucket();
    const limits = { ratePerSecond: 0.2, burst: 1 };
    await takeTokens(redis, key, limits, { nowMs: 0 + 10_000 });

    const refused = await takeTokens(redis, key, limits, { nowMs: 10_000 });
    const stillRefused = await takeTokens(redis, key, limits, { nowMs: 14_999 });
    const passes = await takeTokens(redis, key, limits, { nowMs: 15_010 });

    expect(refused.retryAfterSeconds).toBe(5);
    expect(stillRefused).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    expect(passes.allowed).toBe(true);
  });

  it('inspects without taking when the cost is 0', async () => {
    const key = bucket();
    const limits = { ratePerSecond: 1, burst: 1 };

    const peek = await takeTokens(redis, key, limits, { cost: 0, nowMs: 100_000 });
    const take = await takeTokens(redis, key, limits, { nowMs: 100_000 });
    const peekEmpty = await takeTokens(redis, key, limits, { cost: 0, nowMs: 100_000 });

    expect(peek).toMatchObject({ allowed: true, remaining: 1 });
    expect(take).toMatchObject({ allowed: true, remaining: 0 });
    expect(peekEmpty.allowed).toBe(false);
  });

  it("uses Redis's own clock when none is injected, and expires idle buckets", async () => {
    const key = bucket();
    const limits = { ratePerSecond: 1000, burst: 2 };

    const first = await takeTokens(redis, key, limits);
    const ttl = await redis.pttl(key);

    expect(first).toMatchObject({ allowed: true, remaining: 1 });
    // Full again after 1 ms; the key lives that long plus a second of slack.
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1001 + 1);
  });
});
