import { beforeAll, describe, expect, it } from 'vitest';
import { type CallOptions, call, countRows, expectProblem, useApi } from '../../helpers/api.ts';

const api = useApi();
let key: string;

beforeAll(() => {
  key = api.tenantA.apiKey;
});

const echo = (i: number) => ({ type: 'echo', payload: { i } });

describe('POST /v1/tasks/batch', () => {
  it('creates every task in one go: 202 with the tasks in request order', async () => {
    const before = await countRows(api.db);

    const res = await call('POST', '/v1/tasks/batch', {
      apiKey: key,
      headers: { 'X-Correlation-Id': 'batch-1', 'X-Client-Id': 'importer' },
      body: {
        tasks: [
          echo(0),
          { type: 'reverse', payload: { text: 'ab' }, priority: 'high' },
          { type: 'sleep', payload: { seconds: 0 }, delaySeconds: 60, maxAttempts: 2 },
        ],
      },
    });

    expect(res.status).toBe(202);
    expect(res.body.tasks).toHaveLength(3);
    expect(res.body.tasks.map((t: { type: string }) => t.type)).toEqual(['echo', 'reverse', 'sleep']);
    expect(res.body.tasks[1]).toMatchObject({ priority: 'high', payload: { text: 'ab' }, status: 'PENDING' });
    expect(res.body.tasks[2]).toMatchObject({
      maxAttempts: 2,
      correlationId: 'batch-1',
      clientId: 'importer',
    });
    expect(new Set(res.body.tasks.map((t: { id: string }) => t.id)).size).toBe(3);
    expect(await countRows(api.db)).toEqual({
      tasks: before.tasks + 3,
      outbox: before.outbox + 3,
      events: before.events + 3,
    });
  });

  it('accepts 100 tasks', async () => {
    const res = await call('POST', '/v1/tasks/batch', {
      apiKey: key,
      body: { tasks: Array.from({ length: 100 }, (_, i) => echo(i)) },
    });

    expect(res.status).toBe(202);
    expect(res.body.tasks).toHaveLength(100);
  });

  describe('rejects the whole batch when any part is bad, writing nothing', () => {
    const cases: Array<{ name: string; options: CallOptions; status: number; field: string }> = [
      {
        name: 'one task with a bad payload',
        options: { body: { tasks: [echo(0), echo(1), echo(2), { type: 'reverse', payload: { text: 1 } }] } },
        status: 400,
        field: 'tasks[3].payload.text',
      },
      {
        name: 'one task of an unknown type',
        options: { body: { tasks: [echo(0), { type: 'nope', payload: {} }] } },
        status: 400,
        field: 'tasks[1].type',
      },
      {
        name: 'one task scheduled in the past',
        options: {
          body: { tasks: [{ ...echo(0), runAt: new Date(Date.now() - 86_400_000).toISOString() }] },
        },
        status: 400,
        field: 'tasks[0].runAt',
      },
      {
        name: 'one payload over 256 KiB',
        options: { body: { tasks: [echo(0), { type: 'echo', payload: 'x'.repeat(300_000) }] } },
        status: 413,
        field: 'tasks[1].payload',
      },
      {
        name: 'more than 100 tasks',
        options: { body: { tasks: Array.from({ length: 101 }, (_, i) => echo(i)) } },
        status: 400,
        field: 'tasks',
      },
      { name: 'no tasks', options: { body: { tasks: [] } }, status: 400, field: 'tasks' },
      { name: 'tasks not an array', options: { body: { tasks: echo(0) } }, status: 400, field: 'tasks' },
      {
        name: 'an unknown field',
        options: { body: { tasks: [echo(0)], atomic: true } },
        status: 400,
        field: 'atomic',
      },
      {
        name: 'malformed JSON',
        options: { body: '{"tasks": [', headers: { 'content-type': 'application/json' } },
        status: 400,
        field: 'body',
      },
      {
        name: 'an empty Idempotency-Key',
        options: { body: { tasks: [echo(0)] }, headers: { 'Idempotency-Key': '' } },
        status: 400,
        field: 'header:Idempotency-Key',
      },
      {
        name: 'a missing API key',
        options: { apiKey: undefined, body: { tasks: [echo(0)] } },
        status: 401,
        field: 'header:X-API-Key',
      },
    ];

    for (const c of cases) {
      it(c.name, async () => {
        const before = await countRows(api.db);

        const res = await call('POST', '/v1/tasks/batch', { apiKey: key, ...c.options });

        expectProblem(res, c.status, c.field);
        expect(await countRows(api.db)).toEqual(before);
      });
    }
  });
});
