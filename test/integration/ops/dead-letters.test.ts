import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addOperatorToken } from '../../../shared/ops/operator-token-store.ts';
import { configureProcessDeps } from '../../../shared/process-deps.ts';
import { call, expectProblem } from '../../helpers/api.ts';
import { waitFor } from '../../helpers/task-fixtures.ts';
import { finish, submit, useOps } from './ops-fixtures.ts';

const ops = useOps();
let key: string;

beforeAll(() => {
  key = ops.tenantA.apiKey;
});

afterEach(() => {
  delete process.env.ADMIN_TOKEN;
  configureProcessDeps({ opsConfig: undefined });
});

async function failed(
  error: object,
  body: Record<string, unknown> = {},
  finishedAgoSeconds = 0,
): Promise<string> {
  const id = await submit(key, body);
  await finish(ops.db, id, 'FAILED', { error, finishedAgoSeconds });
  return id;
}

const timeout = (seconds: number) => ({
  name: 'TaskTimeoutError',
  message: `task timed out after ${seconds}s`,
});

describe('GET /v1/dead-letters', () => {
  it('groups FAILED tasks by a fingerprint of the normalised error, largest group first', async () => {
    const timeouts = [
      await failed(timeout(31), {}, 300),
      await failed(timeout(58)),
      await failed(timeout(7)),
    ];
    await failed(
      { name: 'Error', message: 'HTTP 503 from "https://a.example/hook"' },
      {
        type: 'reverse',
        payload: { text: 'x' },
      },
    );
    await failed({ name: 'Error', message: 'HTTP 503 from "https://b.example/other"' });
    await failed({
      name: 'PermanentTaskError',
      message: 'bad input 0193a9c2-1234-7abc-8def-0123456789ab',
      permanent: true,
    });
    await submit(ops.tenantB.apiKey);

    const res = await call('GET', '/v1/dead-letters', { apiKey: key });

    expect(res.status).toBe(200);
    expect(res.body.total).toBe(6);
    expect(res.body.groupCount).toBe(3);
    const [first, second, third] = res.body.groups;
    expect(first).toMatchObject({
      signature: 'TaskTimeoutError: task timed out after <n>s',
      count: 3,
      types: { echo: 3 },
      sampleTaskId: timeouts[2],
      sampleError: timeout(7),
    });
    expect(first.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(Date.parse(first.firstSeen)).toBeLessThan(Date.parse(first.lastSeen));
    expect(second).toMatchObject({
      signature: 'Error: HTTP <n> from <value>',
      count: 2,
      types: { echo: 1, reverse: 1 },
    });
    expect(third).toMatchObject({ signature: 'PermanentTaskError: bad input <uuid>', count: 1 });
  });

  it('filters by type and by fingerprint, listing that group’s tasks with their last error', async () => {
    const all = (await call('GET', '/v1/dead-letters', { apiKey: key })).body;
    const timeouts = all.groups[0];

    const byType = await call('GET', '/v1/dead-letters?type=reverse', { apiKey: key });
    const byFingerprint = await call('GET', `/v1/dead-letters?fingerprint=${timeouts.fingerprint}&limit=2`, {
      apiKey: key,
    });

    expect(byType.body.total).toBe(1);
    expect(byType.body.groups).toHaveLength(1);
    expect(byType.body.groups[0].types).toEqual({ reverse: 1 });
    expect(byType.body.tasks).toBeUndefined();
    expect(byFingerprint.body.groups).toHaveLength(1);
    expect(byFingerprint.body.tasks).toHaveLength(2);
    expect(byFingerprint.body.tasks[0]).toMatchObject({
      type: 'echo',
      priority: 'medium',
      attempts: 1,
      fingerprint: timeouts.fingerprint,
      error: { name: 'TaskTimeoutError' },
    });
  });

  it('rejects a malformed fingerprint, an unknown parameter and a missing key', async () => {
    expectProblem(await call('GET', '/v1/dead-letters?fingerprint=XYZ', { apiKey: key }), 400, 'fingerprint');
    expectProblem(await call('GET', '/v1/dead-letters?limit=0', { apiKey: key }), 400, 'limit');
    expectProblem(await call('GET', '/v1/dead-letters?status=FAILED', { apiKey: key }), 400, 'status');
    expectProblem(await call('GET', '/v1/dead-letters'), 401);
  });
});

describe('POST /v1/dead-letters/redrive', () => {
  it('redrives one fingerprint through the outbox: attempts reset, events recorded, the rest left alone', async () => {
    const groups = (await call('GET', '/v1/dead-letters', { apiKey: key })).body.groups;
    const timeouts = groups[0];

    const res = await call('POST', '/v1/dead-letters/redrive', {
      apiKey: key,
      body: { fingerprint: timeouts.fingerprint },
    });

    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      mode: 'tasks',
      redriven: 3,
      matching: 3,
      remaining: 0,
      ratePerSecond: null,
    });
    const { rows } = await ops.db.query<{ status: string; attempts: number; outbox: number; events: number }>(
      `SELECT t.status, t.attempts,
              (SELECT count(*)::int FROM outbox o WHERE o.task_id = t.id AND o.available_at <= now()) AS outbox,
              (SELECT count(*)::int FROM task_events e WHERE e.task_id = t.id AND e.type = 'redriven'
                 AND e.detail->>'source' = 'dead-letter-redrive' AND e.detail->>'previousAttempts' = '1') AS events
         FROM tasks t WHERE t.id = :id::uuid`,
      { id: timeouts.sampleTaskId },
    );
    expect(rows[0]).toEqual({ status: 'PENDING', attempts: 0, outbox: 1, events: 1 });
    const after = (await call('GET', '/v1/dead-letters', { apiKey: key })).body;
    expect(after.total).toBe(3);
    expect(after.groups.map((g: { fingerprint: string }) => g.fingerprint)).not.toContain(
      timeouts.fingerprint,
    );
  });

  it('spreads a rate-limited redrive over time with available_at, oldest failure first, and reports what remains', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        await failed(
          { name: 'RateError', message: `n ${i}` },
          { type: 'sleep', payload: { seconds: 0 } },
          50 - i,
        ),
      );

    const res = await call('POST', '/v1/dead-letters/redrive', {
      apiKey: key,
      body: { type: 'sleep', limit: 4, ratePerSecond: 2 },
    });

    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ redriven: 4, matching: 5, remaining: 1, ratePerSecond: 2 });
    const { rows } = await ops.db.query<{ id: string; delay: number }>(
      `SELECT t.id::text, round(EXTRACT(EPOCH FROM o.available_at - min(o.available_at) OVER ())::numeric, 1)::float8 AS delay
         FROM outbox o JOIN tasks t ON t.id = o.task_id WHERE t.type = 'sleep' ORDER BY o.available_at`,
    );
    expect(rows.map((r) => r.id)).toEqual(ids.slice(0, 4));
    expect(rows.map((r) => r.delay)).toEqual([0, 0.5, 1, 1.5]);
    expect(Date.parse(res.body.lastAvailableAt) - Date.now()).toBeGreaterThan(1000);
  });

  it('redrives everything with an empty filter', async () => {
    const res = await call('POST', '/v1/dead-letters/redrive', { apiKey: key, body: {} });

    expect(res.body).toMatchObject({ redriven: 4, matching: 4, remaining: 0 });
    expect((await call('GET', '/v1/dead-letters', { apiKey: key })).body.total).toBe(0);
  });

  it('never touches another tenant’s tasks', async () => {
    const other = await submit(ops.tenantB.apiKey);
    await finish(ops.db, other, 'FAILED', { error: timeout(1) });

    const res = await call('POST', '/v1/dead-letters/redrive', { apiKey: key, body: {} });

    expect(res.body.redriven).toBe(0);
    expect((await call('GET', '/v1/dead-letters', { apiKey: ops.tenantB.apiKey })).body.total).toBe(1);
  });

  it('moves a whole SQS dead-letter queue back to its queue with the operator token', async () => {
    process.env.ADMIN_TOKEN = 'operator-secret';
    configureProcessDeps({ opsConfig: undefined });
    const { client, queues } = ops.sqs;
    for (const body of ['m1', 'm2'])
      await client.send(new SendMessageCommand({ QueueUrl: queues.dlqUrls.high, MessageBody: body }));

    const res = await call('POST', '/v1/dead-letters/redrive', {
      apiKey: key,
      headers: { authorization: 'Bearer operator-secret' },
      body: { queue: 'high', ratePerSecond: 10 },
    });

    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ mode: 'queue', queue: 'high', maxMessagesPerSecond: 10 });
    expect(res.body.taskHandle).toEqual(expect.any(String));
    expect(res.body.sourceArn).toMatch(/-high-dlq$/);
    expect(res.body.destinationArn).toMatch(/-high$/);
    await waitFor(
      async () => {
        const { Attributes = {} } = await client.send(
          new GetQueueAttributesCommand({
            QueueUrl: queues.urls.high,
            AttributeNames: ['ApproximateNumberOfMessages'],
          }),
        );
        return Attributes.ApproximateNumberOfMessages === '2' ? true : undefined;
      },
      10_000,
      'the messages to move',
    );
  });

  it('refuses a whole-queue redrive with a stored metrics-scope token; only admin scope may move queues', async () => {
    await addOperatorToken(ops.db, 'stored-metrics-token-0123456789abcdef', 'metrics', 'scope-test');
    expectProblem(
      await call('POST', '/v1/dead-letters/redrive', {
        apiKey: key,
        headers: { authorization: 'Bearer stored-metrics-token-0123456789abcdef' },
        body: { queue: 'low' },
      }),
      403,
      'header:Authorization',
    );
    await addOperatorToken(ops.db, 'stored-admin-token-0123456789abcdefgh', 'admin', 'scope-test');
    const res = await call('POST', '/v1/dead-letters/redrive', {
      apiKey: key,
      headers: { authorization: 'Bearer stored-admin-token-0123456789abcdefgh' },
      body: { queue: 'low' },
    });
    expect(res.status).toBe(202);
    await ops.db.query("DELETE FROM operator_tokens WHERE name = 'scope-test'");
  });

  it('refuses a whole-queue redrive without the operator token (403), and invalid bodies (400)', async () => {
    expectProblem(
      await call('POST', '/v1/dead-letters/redrive', { apiKey: key, body: { queue: 'low' } }),
      403,
      'header:Authorization',
    );
    process.env.ADMIN_TOKEN = 'operator-secret';
    configureProcessDeps({ opsConfig: undefined });
    expectProblem(
      await call('POST', '/v1/dead-letters/redrive', {
        apiKey: key,
        headers: { authorization: 'Bearer wrong' },
        body: { queue: 'low' },
      }),
      403,
    );
    expectProblem(await call('POST', '/v1/dead-letters/redrive', { apiKey: key }), 400, 'body');
    expectProblem(
      await call('POST', '/v1/dead-letters/redrive', { apiKey: key, body: { queue: 'low', type: 'echo' } }),
      400,
      'type',
    );
    expectProblem(
      await call('POST', '/v1/dead-letters/redrive', {
        apiKey: key,
        body: { queue: 'low', ratePerSecond: 501 },
      }),
      400,
      'ratePerSecond',
    );
    expectProblem(
      await call('POST', '/v1/dead-letters/redrive', { apiKey: key, body: { limit: 10_001 } }),
      400,
      'limit',
    );
    expectProblem(
      await call('POST', '/v1/dead-letters/redrive', { apiKey: key, body: { fingerprint: 'nope' } }),
      400,
      'fingerprint',
    );
    expectProblem(
      await call('POST', '/v1/dead-letters/redrive', {
        apiKey: key,
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
    );
    expectProblem(await call('POST', '/v1/dead-letters/redrive', { body: {} }), 401);
  });
});
