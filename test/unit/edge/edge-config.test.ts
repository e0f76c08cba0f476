import { afterEach, describe, expect, it } from 'vitest';
import { edgeConfig, redisConfig } from '../../../shared/config/edge.ts';
import { createRedisClient } from '../../../shared/edge/redis-client.ts';
import { redisKey } from '../../../shared/edge/redis-keys.ts';
import { configureProcessDeps } from '../../../shared/process-deps.ts';

afterEach(() => {
  configureProcessDeps({ redisKeyPrefix: undefined });
});

describe('redisKey', () => {
  it('joins the prefix and URI-encoded parts, so client-chosen parts cannot forge another key', () => {
    configureProcessDeps({ redisKeyPrefix: 'env1' });

    expect(redisKey('idem', 'tenant', 'order:42')).toBe('env1:idem:tenant:order%3A42');
    expect(redisKey('rl', 't', 'write', 'client', 'a b/{c}')).toBe('env1:rl:t:write:client:a%20b%2F%7Bc%7D');
    expect(redisKey('idem', 't', 'x:y')).not.toBe(redisKey('idem', 't:x', 'y'));
  });
});

describe('redisConfig and edgeConfig', () => {
  it('have production defaults: 50 ms commands, fail open, 24 h replays', () => {
    const redis = redisConfig({});
    const edge = edgeConfig({});

    expect(redis).toMatchObject({
      url: 'redis://127.0.0.1:6379',
      tls: false,
      keyPrefix: 'tf',
      commandTimeoutMs: 50,
    });
    expect(edge).toMatchObject({
      enabled: true,
      idempotencyTtlSeconds: 86_400,
      idempotencyLockSeconds: 30,
      defaultRatePerSecond: 50,
      defaultBurst: 100,
      rateLimitFailMode: 'open',
    });
  });

  it('turns TLS on for rediss:// or REDIS_TLS, and rejects what it cannot use, naming the variable', () => {
    expect(redisConfig({ REDIS_URL: 'rediss://cache.example:6379' }).tls).toBe(true);
    expect(redisConfig({ REDIS_TLS: 'true' }).tls).toBe(true);
    expect(edgeConfig({ EDGE_PROTECTION: 'off' }).enabled).toBe(false);
    expect(() => redisConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
    expect(() => edgeConfig({ RATE_LIMIT_FAIL_MODE: 'maybe' })).toThrow(/RATE_LIMIT_FAIL_MODE/);
    expect(() => edgeConfig({ DEFAULT_RATE_LIMIT_BURST: '0' })).toThrow(/DEFAULT_RATE_LIMIT_BURST/);
  });

  it('creates a client that opens no socket until used (lazyConnect)', () => {
    const client = createRedisClient({ ...redisConfig({}), url: 'rediss://cache.example:6379', tls: true });

    expect(client.status).toBe('wait');
    expect(client.options.tls).toEqual({});
    expect(client.options.enableOfflineQueue).toBe(false);
    client.disconnect();
  });
});
