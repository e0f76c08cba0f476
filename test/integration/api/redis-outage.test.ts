import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MetricName, metrics } from '../../../shared/observability.ts';
import { configureProcessDeps } from '../../../shared/process-deps.ts';
import { setTenantRateLimits } from '../../../shared/tenants/tenant-store.ts';
import { type ApiResponse, call, countRows, useApi } from '../../helpers/api.ts';
import {
  eventually,
  freePort,
  type RedisServer,
  startRedisServer,
  testEdgeConfig,
  testRedisClient,
  uniqueRedisPrefix,
} from '../../helpers/redis.ts';

// A redis-server of this test's own, killed and restarted on the same port while requests run.
const api = useApi();
let server: RedisServer;
let port: number;
let client: Redis;

beforeAll(async () => {
  await setTenantRateLimits(api.db, api.tenantA.id, { rateLimitPerSecond: 10_000, rateLimitBurst: 10_000 });
  port = await freePort();
  server = await startRedisServer(port);
  // Production timeouts: a dead or hung Redis may cost a request ~50 ms, never more.
  client = testRedisClient({ url: server.url, commandTimeoutMs: 50, breakerCooldownMs: 200 });
  configureProcessDeps({
    redis: client,
    redisKeyPrefix: uniqueRedisPrefix('outage'),
    edgeConfig: testEdgeConfig(),
  });
});

afterAll(async () => {
  client.disconnect();
  await server.kill();
  configureProcessDeps({ redis: testRedisClient() });
});

const submit = (idempotencyKey: string, n: number) =>
  call('POST', '/v1/tasks', {
    apiKey: api.tenantA.apiKey,
    headers: { 'Idempotency-Key': idempotencyKey },
    body: { type: 'echo', payload: { n } },
  });

async function timed(work: () => Promise<ApiResponse>): Promise<{ res: ApiResponse; ms: number }> {
  const started = performance.now();
  const res = await work();
  return { res, ms: performance.now() - started };
}

describe('submitting while the edge Redis dies and comes back', () => {
  it('never answers 5xx, never duplicates a task, degrades within bounds and recovers without a restart', async () => {
    // Prepare: a first request whose record lives only in the Redis about to die.
    const degraded = vi.spyOn(metrics, 'addMetric');
    const before = await countRows(api.db);
    const firstKey = `outage-${randomUUID()}`;
    const first = await submit(firstKey, 0);
    expect(first.status).toBe(202);
    expect(first.headers['ratelimit-limit']).toBe('10000');

    // Act 1: a stream of submissions (each key sent twice) while the server is killed mid-run.
    const keys: string[] = [];
    const responses: ApiResponse[] = [];
    let running = true;
    const stream = (async () => {
      for (let n = 1; running; n++) {
        const key = `outage-${randomUUID()}`;
        keys.push(key);
        responses.push(await submit(key, n), await submit(key, n));
      }
    })();
    await eventually(async () => responses.length >= 20);
    await server.kill();
    const killedAt = responses.length;
    await eventually(async () => responses.length >= killedAt + 20);
    running = false;
    await stream;

    // Act 2: with Redis down, a retry of the first request and fresh requests.
    const retried = await timed(() => submit(firstKey, 0));
    const down = [];
    for (let i = 0; i < 5; i++) down.push(await timed(() => submit(`outage-down-${i}-${randomUUID()}`, i)));

    // Assess 1: nothing failed, nothing duplicated, each request bounded.
    expect(responses.every((r) => r.status === 202)).toBe(true);
    for (let i = 0; i < keys.length; i++)
      expect(responses[2 * i + 1]!.body.id).toBe(responses[2 * i]!.body.id);
    expect(retried.res.status).toBe(202);
    expect(retried.res.headers['idempotent-replayed']).toBe('true');
    expect(retried.res.body.id).toBe(first.body.id);
    for (const { res, ms } of [retried, ...down]) {
      expect(res.status).toBe(202);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
      expect(ms).toBeLessThan(1000);
    }
    expect((await countRows(api.db)).tasks).toBe(before.tasks + 1 + keys.length + down.length);
    expect(degraded).toHaveBeenCalledWith(MetricName.EdgeDegraded, expect.anything(), 1);

    // Act 3: the server comes back on the same port; the running client reconnects by itself.
    server = await startRedisServer(port);
    let recovered: ApiResponse | undefined;
    await eventually(async () => {
      recovered = await submit(`outage-back-${randomUUID()}`, 1);
      return recovered.headers['ratelimit-limit'] !== undefined;
    });
    const recoveredKey = `outage-recovered-${randomUUID()}`;
    const again = [await submit(recoveredKey, 7), await submit(recoveredKey, 7)];

    // Assess 2: rate limits and the idempotency fast path work again.
    expect(recovered!.status).toBe(202);
    expect(again[1]!.headers['idempotent-replayed']).toBe('true');
    expect(again[1]!.body).toEqual(again[0]!.body);
    const probe = testRedisClient({ url: server.url });
    try {
      await probe.connect();
      expect(await probe.dbsize()).toBeGreaterThan(0);
    } finally {
      probe.disconnect();
    }
    degraded.mockRestore();
  });

  it('bounds the cost of a hung Redis (process stopped) and recovers when it resumes', async () => {
    await eventually(
      async () => (await submit(`hung-warm-${randomUUID()}`, 0)).headers['ratelimit-limit'] !== undefined,
    );
    server.process.kill('SIGSTOP');
    try {
      const hung = [];
      for (let i = 0; i < 5; i++) hung.push(await timed(() => submit(`hung-${randomUUID()}`, i)));

      for (const { res, ms } of hung) {
        expect(res.status).toBe(202);
        expect(ms).toBeLessThan(1000);
      }
    } finally {
      server.process.kill('SIGCONT');
    }
    await eventually(
      async () => (await submit(`hung-back-${randomUUID()}`, 0)).headers['ratelimit-limit'] !== undefined,
    );
  });
});
