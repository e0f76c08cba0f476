import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../shared/http/cursor.ts';
import { call, countRows, expectProblem, forceStatus, useApi } from '../../helpers/api.ts';

const api = useApi();
let key: string;
let taskId: string;

beforeAll(async () => {
  key = api.tenantA.apiKey;
  const res = await call('POST', '/v1/tasks', {
    apiKey: key,
    body: { type: 'reverse', payload: { text: 'abc' } },
  });
  taskId = res.body.id;
});

const MISSING_ID = '0190a0a0-0000-7000-8000-000000000000';

describe('GET /v1/tasks/{id}', () => {
  it('returns the task with its payload', async () => {
    const res = await call('GET', `/v1/tasks/${taskId}`, { apiKey: key });

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      id: taskId,
      type: 'reverse',
      status: 'PENDING',
      payload: { text: 'abc' },
    });
    expect(Object.keys(res.body).sort()).toEqual(
      [
        'id',
        'type',
        'status',
        'priority',
        'payload',
        'result',
        'error',
        'attempts',
        'maxAttempts',
        'interruptions',
        'maxInterruptions',
        'timeoutSeconds',
        'backoff',
        'runAt',
        'createdAt',
        'queuedAt',
        'startedAt',
        'finishedAt',
        'updatedAt',
        'idempotencyKey',
        'clientId',
        'correlationId',
        'scheduleId',
        'scheduledFor',
      ].sort(),
    );
  });

  it('answers 400 on field id for a path that is not a UUID', async () => {
    const before = await countRows(api.db);

    const res = await call('GET', '/v1/tasks/not-a-uuid', { apiKey: key });

    expectProblem(res, 400, 'id');
    expect(res.body.instance).toBe('/v1/tasks/not-a-uuid');
    expect(await countRows(api.db)).toEqual(before);
  });

  it('answers 404 for a missing task and for another tenant’s task', async () => {
    const missing = await call('GET', `/v1/tasks/${MISSING_ID}`, { apiKey: key });
    const foreign = await call('GET', `/v1/tasks/${taskId}`, { apiKey: api.tenantB.apiKey });

    expectProblem(missing, 404, 'id');
    expectProblem(foreign, 404, 'id');
    expect(foreign.body.type).toBe('urn:taskforge:problem:not-found');
    expect(foreign.body.detail).toBe(missing.body.detail.replace(MISSING_ID, taskId));
  });

  it('answers 401 without an API key', async () => {
    expectProblem(await call('GET', `/v1/tasks/${taskId}`), 401, 'header:X-API-Key');
  });
});

describe('GET /v1/tasks/{id}/result', () => {
  it('answers 409 with the current status while the task is not COMPLETED', async () => {
    const res = await call('GET', `/v1/tasks/${taskId}/result`, { apiKey: key });

    expectProblem(res, 409);
    expect(res.body.type).toBe('urn:taskforge:problem:task-not-completed');
    expect(res.body.taskStatus).toBe('PENDING');
  });

  it('returns { id, status, result } once COMPLETED', async () => {
    const created = await call('POST', '/v1/tasks', {
      apiKey: key,
      body: { type: 'echo', payload: { a: 1 } },
    });
    const id = created.body.id;
    await forceStatus(api.db, id, 'COMPLETED', { a: 1 });

    const res = await call('GET', `/v1/tasks/${id}/result`, { apiKey: key });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, status: 'COMPLETED', result: { a: 1 } });
  });

  it('answers 404 for another tenant and 400 for a bad id', async () => {
    expectProblem(await call('GET', `/v1/tasks/${taskId}/result`, { apiKey: api.tenantB.apiKey }), 404);
    expectProblem(await call('GET', '/v1/tasks/123/result', { apiKey: key }), 400, 'id');
  });
});

describe('GET /v1/tasks/{id}/events', () => {
  it('lists the events oldest first, paginated', async () => {
    // Prepare: submitted, cancelled, redriven, cancelled again.
    const created = await call('POST', '/v1/tasks', { apiKey: key, body: { type: 'echo', payload: {} } });
    const id = created.body.id;
    await call('POST', `/v1/tasks/${id}/cancel`, { apiKey: key, body: { reason: 'first' } });
    await call('POST', `/v1/tasks/${id}/retry`, { apiKey: key });
    await call('POST', `/v1/tasks/${id}/cancel`, { apiKey: key });

    // Act
    const all = await call('GET', `/v1/tasks/${id}/events`, { apiKey: key });
    const page1 = await call('GET', `/v1/tasks/${id}/events?limit=3`, { apiKey: key });
    const page2 = await call('GET', `/v1/tasks/${id}/events?limit=3&cursor=${page1.body.nextCursor}`, {
      apiKey: key,
    });

    // Assess
    expect(all.status).toBe(200);
    expect(all.body.items.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'cancelled',
      'redriven',
      'cancelled',
    ]);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items[1]).toMatchObject({ attempt: 0, detail: { reason: 'first' } });
    expect(typeof all.body.items[0].id).toBe('number');
    expect(Date.parse(all.body.items[0].createdAt)).not.toBeNaN();
    expect(page1.body.items).toHaveLength(3);
    expect(typeof page1.body.nextCursor).toBe('string');
    expect(page2.body.items).toEqual(all.body.items.slice(3));
    expect(page2.body.nextCursor).toBeNull();
  });

  it('returns an empty page after the last event', async () => {
    const res = await call(
      'GET',
      `/v1/tasks/${taskId}/events?cursor=${encodeCursor(Number.MAX_SAFE_INTEGER)}`,
      {
        apiKey: key,
      },
    );

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('rejects an invalid cursor or limit and hides other tenants’ tasks', async () => {
    expectProblem(await call('GET', `/v1/tasks/${taskId}/events?cursor=!!`, { apiKey: key }), 400, 'cursor');
    expectProblem(
      await call('GET', `/v1/tasks/${taskId}/events?cursor=${encodeCursor('abc')}`, { apiKey: key }),
      400,
      'cursor',
    );
    expectProblem(await call('GET', `/v1/tasks/${taskId}/events?limit=0`, { apiKey: key }), 400, 'limit');
    expectProblem(await call('GET', `/v1/tasks/${taskId}/events`, { apiKey: api.tenantB.apiKey }), 404);
    expectProblem(await call('GET', `/v1/tasks/${MISSING_ID}/events`, { apiKey: key }), 404);
  });
});
