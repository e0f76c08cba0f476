import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { configureProcessDeps } from '../../../shared/process-deps.ts';
import { call, expectProblem, forceStatus } from '../../helpers/api.ts';
import { finish, submit, useOps } from './ops-fixtures.ts';

const ops = useOps();

/** task_counts must always equal what a GROUP BY over tasks says. */
async function expectCountersExact(): Promise<void> {
  const { rows: actual } = await ops.db.query(
    `SELECT tenant_id::text, status, priority, type, count(*)::int AS n FROM tasks GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  );
  const { rows: counted } = await ops.db.query(
    `SELECT tenant_id::text, status, priority, type, sum(current)::int AS n FROM task_counts
      GROUP BY 1, 2, 3, 4 HAVING sum(current) <> 0 ORDER BY 1, 2, 3, 4`,
  );
  expect(counted).toEqual(actual);
}

describe('GET /v1/stats', () => {
  it('counts the tenant’s tasks by status, priority and type, and nobody else’s', async () => {
    const a = ops.tenantA.apiKey;
    const ids = [
      await submit(a, { priority: 'high' }),
      await submit(a, { priority: 'high' }),
      await submit(a, { type: 'reverse', payload: { text: 'x' }, priority: 'low' }),
      await submit(a),
    ];
    await submit(ops.tenantB.apiKey);
    await forceStatus(ops.db, ids[0]!, 'QUEUED');
    await finish(ops.db, ids[1]!, 'COMPLETED');

    const res = await call('GET', '/v1/stats', { apiKey: a });

    expect(res.status).toBe(200);
    expect(res.body.tasks.total).toBe(4);
    expect(res.body.tasks.byStatus).toEqual({
      PENDING: 2,
      QUEUED: 1,
      RUNNING: 0,
      COMPLETED: 1,
      RETRYING: 0,
      FAILED: 0,
      CANCELLED: 0,
    });
    expect(res.body.tasks.byPriority).toEqual({ high: 2, medium: 1, low: 1 });
    expect(res.body.tasks.byType).toEqual({ echo: 3, reverse: 1 });
    expect(res.body.tasks.breakdown).toContainEqual({
      status: 'COMPLETED',
      priority: 'high',
      type: 'echo',
      count: 1,
    });
    await expectCountersExact();
  });

  it('keeps the trigger-maintained counts exact through cancel, retry, delete and bulk changes', async () => {
    const a = ops.tenantA.apiKey;
    const id = await submit(a, { priority: 'low' });
    expect((await call('POST', `/v1/tasks/${id}/cancel`, { apiKey: a })).status).toBe(200);
    expect((await call('POST', `/v1/tasks/${id}/retry`, { apiKey: a })).status).toBe(202);
    await forceStatus(ops.db, id, 'CANCELLED');
    expect((await call('DELETE', `/v1/tasks/${id}`, { apiKey: a })).status).toBe(204);
    const batch = await call('POST', '/v1/tasks/batch', {
      apiKey: a,
      body: { tasks: Array.from({ length: 7 }, () => ({ type: 'echo', payload: {} })) },
    });
    expect(batch.status).toBe(202);
    await ops.db.query(`UPDATE tasks SET status = 'QUEUED' WHERE status = 'PENDING'`);
    // A statement that changes no status (the worker's heartbeat) changes no count.
    await ops.db.query(`UPDATE tasks SET lease_until = now()`);

    await expectCountersExact();
  });

  it('reports tasks finished in the last minute and hour, and latency percentiles over the window', async () => {
    const { tenantA } = ops;
    const key = tenantA.apiKey;
    const before = (await call('GET', '/v1/stats', { apiKey: key })).body;
    const recent = [await submit(key), await submit(key), await submit(key)];
    await finish(ops.db, recent[0]!, 'COMPLETED', { durationMs: 1000, waitMs: 200 });
    await finish(ops.db, recent[1]!, 'COMPLETED', { durationMs: 3000, waitMs: 400, finishedAgoSeconds: 600 });
    await finish(ops.db, recent[2]!, 'FAILED', { durationMs: 2000, waitMs: 300, error: { message: 'x' } });
    const old = await submit(key);
    await finish(ops.db, old, 'COMPLETED', { durationMs: 99_000, finishedAgoSeconds: 7200 });

    const res = await call('GET', '/v1/stats?windowSeconds=900', { apiKey: key });

    expect(res.status).toBe(200);
    const { throughput, latency } = res.body;
    expect(throughput.lastMinute.completed - before.throughput.lastMinute.completed).toBe(1);
    expect(throughput.lastMinute.failed - before.throughput.lastMinute.failed).toBe(1);
    expect(throughput.lastHour.completed - before.throughput.lastHour.completed).toBe(2);
    expect(latency.windowSeconds).toBe(900);
    expect(latency.samples).toBe(before.latency.samples + 3);
    // Earlier tests' tasks finished with 100 ms / 50 ms; the median sits among them or these.
    expect(latency.durationMs.p99).toBeGreaterThan(2900);
    expect(latency.durationMs.p99).toBeLessThan(3001);
    expect(latency.queueWaitMs.p99).toBeGreaterThan(380);
    expect(latency.queueWaitMs.p99).toBeLessThan(401);

    const narrow = await call('GET', '/v1/stats?windowSeconds=60', { apiKey: key });
    expect(narrow.body.latency.durationMs.p99).toBeLessThan(2001);
  });

  it('gives null percentiles when nothing finished in the window', async () => {
    const res = await call('GET', '/v1/stats', { apiKey: ops.tenantB.apiKey });

    expect(res.body.latency).toEqual({ windowSeconds: 900, samples: 0, durationMs: null, queueWaitMs: null });
  });

  it('reports SQS queue and dead-letter queue depths', async () => {
    await ops.sqs.client.send(
      new SendMessageCommand({ QueueUrl: ops.sqs.queues.urls.high, MessageBody: 'a' }),
    );
    await ops.sqs.client.send(
      new SendMessageCommand({ QueueUrl: ops.sqs.queues.urls.low, MessageBody: 'b', DelaySeconds: 60 }),
    );
    await ops.sqs.client.send(
      new SendMessageCommand({ QueueUrl: ops.sqs.queues.dlqUrls.medium, MessageBody: 'c' }),
    );

    const res = await call('GET', '/v1/stats', { apiKey: ops.tenantA.apiKey });

    expect(res.body.warnings).toEqual([]);
    expect(res.body.queues.high).toEqual({
      visible: 1,
      inFlight: 0,
      delayed: 0,
      deadLetters: { visible: 0, inFlight: 0, delayed: 0 },
    });
    expect(res.body.queues.low.delayed).toBe(1);
    expect(res.body.queues.medium.deadLetters.visible).toBe(1);
  });

  it('reports, per priority, how long the oldest due task still waiting for a worker has waited', async () => {
    await ops.db.query(`UPDATE tasks SET status = 'CANCELLED' WHERE status IN ('QUEUED', 'RETRYING')`);
    const queued = await submit(ops.tenantA.apiKey, { priority: 'low' });
    const retrying = await submit(ops.tenantB.apiKey, { priority: 'low' });
    const later = await submit(ops.tenantA.apiKey, { priority: 'high' });
    await ops.db.query(
      `UPDATE tasks SET status = CASE id WHEN :queued::uuid THEN 'QUEUED' ELSE 'RETRYING' END,
              run_at = now() + make_interval(secs => CASE id WHEN :queued::uuid THEN -30 WHEN :retrying::uuid THEN -90 ELSE 60 END)
        WHERE id IN (:queued::uuid, :retrying::uuid, :later::uuid)`,
      { queued, retrying, later },
    );

    const res = await call('GET', '/v1/stats', { apiKey: ops.tenantA.apiKey });

    expect(res.body.waiting.oldestDueSeconds.high).toBeNull();
    expect(res.body.waiting.oldestDueSeconds.medium).toBeNull();
    expect(res.body.waiting.oldestDueSeconds.low).toBeGreaterThanOrEqual(90);
    expect(res.body.waiting.oldestDueSeconds.low).toBeLessThan(100);
  });

  it('still answers, with a warning, when SQS cannot be reached', async () => {
    const unreachable = new SQSClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    configureProcessDeps({ sqs: unreachable });
    try {
      const res = await call('GET', '/v1/stats', { apiKey: ops.tenantA.apiKey });

      expect(res.status).toBe(200);
      expect(res.body.queues).toBeNull();
      expect(res.body.warnings[0]).toMatch(/^queue depths unavailable/);
      expect(res.body.tasks.total).toBeGreaterThan(0);
    } finally {
      configureProcessDeps({ sqs: ops.sqs.client });
      unreachable.destroy();
    }
  });

  it('rejects an unknown or out-of-range query parameter and a missing key', async () => {
    expectProblem(
      await call('GET', '/v1/stats?windowSeconds=5', { apiKey: ops.tenantA.apiKey }),
      400,
      'windowSeconds',
    );
    expectProblem(await call('GET', '/v1/stats?tenant=x', { apiKey: ops.tenantA.apiKey }), 400, 'tenant');
    expectProblem(await call('GET', '/v1/stats'), 401);
  });
});
