import { beforeAll, describe, expect, it } from 'vitest';
import { call, countRows, expectProblem, forceStatus, useApi } from '../../helpers/api.ts';

const api = useApi();
let key: string;

beforeAll(() => {
  key = api.tenantA.apiKey;
});

async function newTask(): Promise<string> {
  const res = await call('POST', '/v1/tasks', { apiKey: key, body: { type: 'echo', payload: {} } });
  expect(res.status).toBe(202);
  return res.body.id;
}

async function outboxRows(taskId: string): Promise<number> {
  const { rows } = await api.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM outbox WHERE task_id = :taskId::uuid',
    { taskId },
  );
  return rows[0]!.n;
}

describe('POST /v1/tasks/{id}/cancel', () => {
  it.each(['PENDING', 'QUEUED', 'RETRYING'])(
    'cancels a %s task and removes its outbox row',
    async (status) => {
      const id = await newTask();
      await forceStatus(api.db, id, status);

      const res = await call('POST', `/v1/tasks/${id}/cancel`, { apiKey: key });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, status: 'CANCELLED' });
      expect(res.body.finishedAt).not.toBeNull();
      expect(await outboxRows(id)).toBe(0);
    },
  );

  it('records the reason from an optional JSON body', async () => {
    const id = await newTask();

    const res = await call('POST', `/v1/tasks/${id}/cancel`, { apiKey: key, body: { reason: 'not needed' } });
    const events = await call('GET', `/v1/tasks/${id}/events`, { apiKey: key });

    expect(res.status).toBe(200);
    expect(events.body.items.at(-1)).toMatchObject({ type: 'cancelled', detail: { reason: 'not needed' } });
  });

  it.each(['RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'])('answers 409 for a %s task', async (status) => {
    const id = await newTask();
    await forceStatus(api.db, id, status);
    const before = await countRows(api.db);

    const res = await call('POST', `/v1/tasks/${id}/cancel`, { apiKey: key });

    expectProblem(res, 409);
    expect(res.body.type).toBe('urn:taskforge:problem:task-not-cancellable');
    expect(res.body.taskStatus).toBe(status);
    expect(res.body.allowedStatuses).toEqual(['PENDING', 'QUEUED', 'RETRYING']);
    expect(await countRows(api.db)).toEqual(before);
  });

  it('rejects a bad body, a bad id, another tenant’s task and a missing key, changing nothing', async () => {
    const id = await newTask();
    const before = await countRows(api.db);

    expectProblem(
      await call('POST', `/v1/tasks/${id}/cancel`, { apiKey: key, body: { reason: 5 } }),
      400,
      'reason',
    );
    expectProblem(
      await call('POST', `/v1/tasks/${id}/cancel`, {
        apiKey: key,
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
      'header:Content-Type',
    );
    expectProblem(await call('POST', '/v1/tasks/nope/cancel', { apiKey: key }), 400, 'id');
    expectProblem(await call('POST', `/v1/tasks/${id}/cancel`, { apiKey: api.tenantB.apiKey }), 404, 'id');
    expectProblem(await call('POST', `/v1/tasks/${id}/cancel`), 401, 'header:X-API-Key');

    expect(await countRows(api.db)).toEqual(before);
    expect((await call('GET', `/v1/tasks/${id}`, { apiKey: key })).body.status).toBe('PENDING');
  });
});

describe('POST /v1/tasks/{id}/retry', () => {
  it.each(['FAILED', 'CANCELLED'])(
    'puts a %s task back to PENDING with a new outbox row: 202',
    async (status) => {
      const id = await newTask();
      await forceStatus(api.db, id, status);
      await api.db.query('DELETE FROM outbox WHERE task_id = :id::uuid', { id });

      const res = await call('POST', `/v1/tasks/${id}/retry`, { apiKey: key });

      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ id, status: 'PENDING', attempts: 0, finishedAt: null });
      expect(await outboxRows(id)).toBe(1);
    },
  );

  it.each(['PENDING', 'QUEUED', 'RUNNING', 'RETRYING', 'COMPLETED'])(
    'answers 409 for a %s task',
    async (status) => {
      const id = await newTask();
      await forceStatus(api.db, id, status);
      const before = await countRows(api.db);

      const res = await call('POST', `/v1/tasks/${id}/retry`, { apiKey: key });

      expectProblem(res, 409);
      expect(res.body.type).toBe('urn:taskforge:problem:task-not-retryable');
      expect(res.body.taskStatus).toBe(status);
      expect(await countRows(api.db)).toEqual(before);
    },
  );

  it('answers 404 for another tenant’s task and 400 for a bad id', async () => {
    const id = await newTask();
    await forceStatus(api.db, id, 'FAILED');

    expectProblem(await call('POST', `/v1/tasks/${id}/retry`, { apiKey: api.tenantB.apiKey }), 404);
    expectProblem(await call('POST', '/v1/tasks/1234/retry', { apiKey: key }), 400, 'id');
    expect((await call('GET', `/v1/tasks/${id}`, { apiKey: key })).body.status).toBe('FAILED');
  });
});

describe('DELETE /v1/tasks/{id}', () => {
  it.each(['COMPLETED', 'FAILED', 'CANCELLED'])('deletes a %s task and its events: 204', async (status) => {
    const id = await newTask();
    await forceStatus(api.db, id, status);

    const res = await call('DELETE', `/v1/tasks/${id}`, { apiKey: key });

    expect(res.status).toBe(204);
    expect(res.raw.body).toBeUndefined();
    expectProblem(await call('GET', `/v1/tasks/${id}`, { apiKey: key }), 404);
    const { rows } = await api.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM task_events WHERE task_id = :id::uuid',
      { id },
    );
    expect(rows[0]!.n).toBe(0);
  });

  it.each(['PENDING', 'QUEUED', 'RUNNING', 'RETRYING'])('answers 409 for a %s task', async (status) => {
    const id = await newTask();
    await forceStatus(api.db, id, status);
    const before = await countRows(api.db);

    const res = await call('DELETE', `/v1/tasks/${id}`, { apiKey: key });

    expectProblem(res, 409);
    expect(res.body.type).toBe('urn:taskforge:problem:task-not-terminal');
    expect(res.body.taskStatus).toBe(status);
    expect(await countRows(api.db)).toEqual(before);
  });

  it('answers 404 for another tenant’s task, leaving it in place', async () => {
    const id = await newTask();
    await forceStatus(api.db, id, 'COMPLETED');

    expectProblem(await call('DELETE', `/v1/tasks/${id}`, { apiKey: api.tenantB.apiKey }), 404, 'id');
    expect((await call('GET', `/v1/tasks/${id}`, { apiKey: key })).status).toBe(200);
  });
});
