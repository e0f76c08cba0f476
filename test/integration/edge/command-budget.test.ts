import { randomUUID } from 'node:crypto';
import type { Command, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeDegradedChecks } from '../../../shared/edge/degraded.ts';
import { takeTokens } from '../../../shared/edge/rate-limiter.ts';
import {
  isRedisUsable,
  pingRedis,
  RedisUnavailableError,
  withRedis,
} from '../../../shared/edge/redis-client.ts';
import { redisKey } from '../../../shared/edge/redis-keys.ts';
import { configureProcessDeps } from '../../../shared/process-deps.ts';
import { setTenantRateLimits } from '../../../shared/tenants/tenant-store.ts';
import { call, useApi } from '../../helpers/api.ts';
import {
  freePort,
  type RedisServer,
  startRedisServer,
  testEdgeConfig,
  testRedisClient,
  uniqueRedisPrefix,
} from '../../helpers/redis.ts';

// The production budget: a command has 50 ms of Redis time.
const BUDGET_MS = 50;
const BLOCK_MS = 200;

function blockEventLoop(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Busy: no timer, no I/O callback runs meanwhile, as under a burst of CPU-heavy requests.
  }
}

/**
 * Makes `client` block the event loop for `ms` right after each write to Redis, so every reply
 * arrives while the loop is busy and sits unread in the socket until the loop is free again.
 */
function blockAfterEachWrite(client: Redis, ms: number): void {
  const send = client.sendCommand.bind(client);
  let blocking = false;
  client.sendCommand = (command: Command, stream?: Parameters<Redis['sendCommand']>[1]) => {
    const sent = send(command, stream);
    // After the current callback: an auto-pipeline writes all its commands first.
    if (!blocking) {
      blocking = true;
      queueMicrotask(() => {
        blocking = false;
        blockEventLoop(ms);
      });
    }
    return sent;
  };
}

async function ready(client: Redis): Promise<void> {
  await client.connect();
  await client.ping();
}

let n = 0;
const bucket = () => redisKey('budget', n++);
const limits = { ratePerSecond: 1000, burst: 1000 };

beforeAll(() => {
  configureProcessDeps({ redisKeyPrefix: uniqueRedisPrefix('command-budget') });
});

describe('the Redis command budget under a busy event loop', () => {
  let client: Redis;

  beforeAll(async () => {
    client = testRedisClient({ commandTimeoutMs: BUDGET_MS });
    await ready(client);
    blockAfterEachWrite(client, BLOCK_MS);
  });

  afterAll(() => {
    client.disconnect();
  });

  it('counts a reply that waited behind a 200 ms busy loop as answered, and keeps the breaker closed', async () => {
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await takeTokens(client, bucket(), limits));
    const concurrent = await Promise.all(
      Array.from({ length: 10 }, () => takeTokens(client, bucket(), limits)),
    );

    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true]);
    expect(concurrent.every((d) => d.allowed && d.remaining === 999)).toBe(true);
    expect(isRedisUsable(client)).toBe(true);
    expect(await pingRedis(client, 2000)).toBe('ok');
  });
});

describe('the API while each Redis reply waits behind a busy event loop', () => {
  const api = useApi();
  let client: Redis;

  beforeAll(async () => {
    await setTenantRateLimits(api.db, api.tenantA.id, { rateLimitPerSecond: 1000, rateLimitBurst: 1000 });
    client = testRedisClient({ commandTimeoutMs: BUDGET_MS });
    await ready(client);
    blockAfterEachWrite(client, BLOCK_MS);
    configureProcessDeps({
      redis: client,
      redisKeyPrefix: uniqueRedisPrefix('command-budget-api'),
      edgeConfig: testEdgeConfig(),
    });
  });

  afterAll(async () => {
    client.disconnect();
    configureProcessDeps({ redis: testRedisClient() });
  });

  it('keeps the rate limit and the Idempotency-Key fast path, and /healthz says ok', async () => {
    const before = edgeDegradedChecks();
    const submit = () =>
      call('POST', '/v1/tasks', {
        apiKey: api.tenantA.apiKey,
        headers: { 'Idempotency-Key': `budget-${randomUUID()}` },
        body: { type: 'echo', payload: { n: 1 } },
      });
    const key = `budget-${randomUUID()}`;
    const again = () =>
      call('POST', '/v1/tasks', {
        apiKey: api.tenantA.apiKey,
        headers: { 'Idempotency-Key': key },
        body: { type: 'echo', payload: { n: 2 } },
      });

    const first = await again();
    const replay = await again();
    const others = [await submit(), await submit()];
    const health = await call('GET', '/healthz');

    expect(first.status).toBe(202);
    expect(first.headers['ratelimit-limit']).toBe('1000');
    expect(replay.status).toBe(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    for (const res of others) {
      expect(res.status).toBe(202);
      expect(res.headers['ratelimit-limit']).toBe('1000');
    }
    expect(health.body).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
    expect(edgeDegradedChecks()).toEqual(before);
  });
});

async function timedFailure(work: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await work().then(
    () => undefined,
    (err: unknown) => err,
  );
  return { error, ms: performance.now() - started };
}

describe('a Redis that stops answering (process stopped) under the same budget', () => {
  let server: RedisServer;
  const clients: Redis[] = [];

  async function connectedClient(): Promise<Redis> {
    const client = testRedisClient({
      url: server.url,
      commandTimeoutMs: BUDGET_MS,
      breakerCooldownMs: 60_000,
    });
    clients.push(client);
    await ready(client);
    return client;
  }

  beforeAll(async () => {
    server = await startRedisServer(await freePort());
  });

  afterAll(async () => {
    server.process.kill('SIGCONT');
    for (const client of clients) client.disconnect();
    await server.kill();
  });

  it('keeps the breaker closed after one hiccup that times out every command in flight at once', async () => {
    const client = await connectedClient();
    server.process.kill('SIGSTOP');
    let burst: Array<{ error: unknown; ms: number }>;
    try {
      burst = await Promise.all(
        Array.from({ length: 10 }, () => timedFailure(() => takeTokens(client, bucket(), limits))),
      );
    } finally {
      server.process.kill('SIGCONT');
    }
    const after = await takeTokens(client, bucket(), limits);

    for (const { error } of burst) expect(error).toBeInstanceOf(RedisUnavailableError);
    expect(after.allowed).toBe(true);
    expect(isRedisUsable(client)).toBe(true);
  });

  it('still fails each command within about the budget while it hangs, and then opens the breaker', async () => {
    const client = await connectedClient();
    server.process.kill('SIGSTOP');
    try {
      const idle = await timedFailure(() => takeTokens(client, bucket(), limits));
      blockAfterEachWrite(client, BLOCK_MS);
      const busy = await timedFailure(() => withRedis(client, (redis) => redis.get(bucket())));
      const third = await timedFailure(() => withRedis(client, (redis) => redis.get(bucket())));
      const skipped = await timedFailure(() => withRedis(client, (redis) => redis.get(bucket())));

      for (const { error } of [idle, busy, third, skipped])
        expect(error).toBeInstanceOf(RedisUnavailableError);
      // Generous bounds (timing is not what this test measures): without a bound they would wait forever.
      expect(idle.ms).toBeLessThan(1000);
      expect(busy.ms).toBeLessThan(BLOCK_MS + 1000);
      expect(String((third.error as Error).message)).toContain('timed out');
      expect(isRedisUsable(client)).toBe(false);
      expect(String((skipped.error as Error).message)).toContain('recent failure');
      expect(await pingRedis(client, 2000)).toBe('timeout');
    } finally {
      server.process.kill('SIGCONT');
    }
  });
});
