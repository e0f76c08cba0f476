import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../shared/db/database.ts';
import { getRedis } from '../../shared/edge/edge-redis.ts';
import {
  configureProcessDeps,
  getAttemptStop,
  getDatabase,
  getOpsConfig,
  getRedisKeyPrefix,
  resetProcessDeps,
} from '../../shared/process-deps.ts';
import { FakeRedis } from './edge/fake-redis.ts';

function fakeDatabase(): Database & { closed: number } {
  const db = {
    closed: 0,
    async close() {
      db.closed += 1;
    },
  };
  return db as unknown as Database & { closed: number };
}

const saved = { ...process.env };

afterEach(async () => {
  process.env = { ...saved };
  await resetProcessDeps();
});

describe('process-deps', () => {
  it('reads a setting once from the environment, and again after it is set to undefined', () => {
    process.env.METRICS_TOKEN = 'first';
    expect(getOpsConfig().metricsToken).toBe('first');

    process.env.METRICS_TOKEN = 'second';
    expect(getOpsConfig().metricsToken).toBe('first');
    configureProcessDeps({ opsConfig: undefined });

    expect(getOpsConfig().metricsToken).toBe('second');
  });

  it('serves what the local runtime or a test sets instead of reading the environment', () => {
    const db = fakeDatabase();
    configureProcessDeps({ database: db, redisKeyPrefix: 'mine', opsConfig: { adminToken: 'a' } });

    expect(getDatabase()).toBe(db);
    expect(getRedisKeyPrefix()).toBe('mine');
    expect(getOpsConfig()).toEqual({ adminToken: 'a' });
  });

  it('runs without Redis when EDGE_PROTECTION is off, and takes the key prefix from REDIS_KEY_PREFIX', () => {
    process.env.EDGE_PROTECTION = 'off';
    process.env.REDIS_KEY_PREFIX = 'env-prefix';

    expect(getRedis()).toBeNull();
    expect(getRedisKeyPrefix()).toBe('env-prefix');
  });

  it('closes the database and Redis on reset and forgets everything, the stop signal included', async () => {
    const db = fakeDatabase();
    const redis = new FakeRedis();
    configureProcessDeps({ database: db, redis: redis.asRedis() });
    const stop = getAttemptStop();
    stop.abort();

    await resetProcessDeps();

    expect(db.closed).toBe(1);
    expect(redis.status).toBe('end');
    expect(getAttemptStop()).not.toBe(stop);
    expect(getAttemptStop().signal.aborted).toBe(false);
  });
});
