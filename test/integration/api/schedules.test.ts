import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, useApi } from '../../helpers/api.ts';

const api = useApi();
let key: string;

beforeAll(() => {
  key = api.tenantA.apiKey;
});

const task = { type: 'echo', payload: { hello: 'nightly' } };
const post = (target: string, body?: unknown, headers?: Record<string, string>) =>
  call('POST', target, { apiKey: key, body, headers });

async function scheduleCount(): Promise<number> {
  const { rows } = await api.db.query('SELECT count(*)::int AS n FROM schedules');
  return Number(rows[0]!.n);
}

describe('POST /v1/schedules', () => {
  it('creates a cron schedule in a time zone: 201 with Location, its next 5 runs and no last run', async () => {
    const res = await post('/v1/schedules', {
      name: 'nightly-berlin',
      cron: '0 3 * * *',
      timezone: 'Europe/Berlin',
      task,
    });

    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/v1/schedules/${res.body.id}`);
    expect(res.body).toMatchObject({
      name: 'nightly-berlin',
      state: 'active',
      overlap: 'skip',
      catchUpWindowSeconds: 60,
      lastRun: null,
      skipped: { overlap: 0, missed: 0 },
      task: { type: 'echo', payload: { hello: 'nightly' }, priority: 'medium', maxAttempts: 4 },
    });
    expect(res.body.nextRuns).toHaveLength(5);
    for (const run of res.body.nextRuns as string[]) {
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Berlin',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(run));
      expect(local).toBe('03:00');
    }
  });

  it.each([
    ['an invalid cron pattern', { cron: '61 * * * *' }, 'cron'],
    ['a cron pattern of 4 fields', { cron: '* * * *' }, 'cron'],
    ['an unknown time zone', { cron: '* * * * *', timezone: 'Mars/Olympus' }, 'timezone'],
    ['an interval of 0', { intervalSeconds: 0 }, 'intervalSeconds'],
    ['both cron and interval', { cron: '* * * * *', intervalSeconds: 5 }, 'intervalSeconds'],
    ['neither cron nor interval', {}, 'cron'],
    [
      'a catch-up window over a day',
      { intervalSeconds: 5, catchUpWindowSeconds: 86_401 },
      'catchUpWindowSeconds',
    ],
    [
      'a template the task type rejects',
      { intervalSeconds: 5, task: { type: 'reverse', payload: { text: 5 } } },
      'task.payload.text',
    ],
    [
      'a template of an unknown type',
      { intervalSeconds: 5, task: { type: 'nope', payload: {} } },
      'task.type',
    ],
    [
      'a template with a start time',
      { intervalSeconds: 5, task: { ...task, delaySeconds: 5 } },
      'task.delaySeconds',
    ],
  ])('refuses %s: 400 naming the field, nothing written', async (_, fields, field) => {
    const before = await scheduleCount();

    const res = await post('/v1/schedules', { name: `bad-${Math.random()}`, task, ...fields });

    expectProblem(res, 400, field);
    expect(await scheduleCount()).toBe(before);
  });

  it('refuses a second schedule of the same name: 409', async () => {
    expect((await post('/v1/schedules', { name: 'twice', intervalSeconds: 60, task })).status).toBe(201);

    expectProblem(await post('/v1/schedules', { name: 'twice', intervalSeconds: 30, task }), 409);
  });

  it('replays a repeat with the same Idempotency-Key (even without the Redis record)', async () => {
    const headers = { 'idempotency-key': 'create-schedule-once' };
    const body = { name: 'once', intervalSeconds: 60, task };
    const first = await post('/v1/schedules', body, headers);

    const again = await post('/v1/schedules', body, headers);

    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
  });
});

describe('the schedule routes', () => {
  it('list, get, patch, pause, resume, trigger, delete; triggered tasks carry scheduleId and are filterable', async () => {
    const created = await post('/v1/schedules', { name: 'lifecycle', intervalSeconds: 3600, task });
    const id = created.body.id as string;

    const list = await call('GET', '/v1/schedules?limit=100', { apiKey: key });
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(id);

    const patched = await call('PATCH', `/v1/schedules/${id}`, {
      apiKey: key,
      body: { cron: '*/5 * * * *', timezone: 'America/New_York' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      cron: '*/5 * * * *',
      intervalSeconds: null,
      timezone: 'America/New_York',
    });
    expect(new Date(patched.body.nextRuns[0]).getUTCMinutes() % 5).toBe(0);
    expectProblem(
      await call('PATCH', `/v1/schedules/${id}`, { apiKey: key, body: { timezone: 'Nowhere/Else' } }),
      400,
      'timezone',
    );

    expect((await post(`/v1/schedules/${id}/pause`)).body.state).toBe('paused');
    expect((await call('GET', '/v1/schedules?state=paused', { apiKey: key })).body.items).toHaveLength(1);
    expect((await post(`/v1/schedules/${id}/resume`)).body.state).toBe('active');

    const trigger = await post(`/v1/schedules/${id}/trigger`);
    expect(trigger.status).toBe(202);
    expect(trigger.headers.location).toBe(`/v1/tasks/${trigger.body.taskId}`);
    const madeTask = await call('GET', `/v1/tasks/${trigger.body.taskId}`, { apiKey: key });
    expect(madeTask.body).toMatchObject({
      scheduleId: id,
      scheduledFor: trigger.body.scheduledFor,
      type: 'echo',
    });
    const filtered = await call('GET', `/v1/tasks?scheduleId=${id}`, { apiKey: key });
    expect(filtered.body.items.map((t: { id: string }) => t.id)).toEqual([trigger.body.taskId]);

    const read = await call('GET', `/v1/schedules/${id}`, { apiKey: key });
    expect(read.body.lastRun).toEqual({
      slot: trigger.body.scheduledFor,
      taskId: trigger.body.taskId,
      status: 'PENDING',
    });
    expect(read.body.fired).toBe(1);

    expect((await call('DELETE', `/v1/schedules/${id}`, { apiKey: key })).status).toBe(204);
    expectProblem(await call('GET', `/v1/schedules/${id}`, { apiKey: key }), 404);
    // The tasks it made stay.
    expect((await call('GET', `/v1/tasks/${trigger.body.taskId}`, { apiKey: key })).status).toBe(200);
  });

  it("keeps tenants apart: another tenant's schedule is a 404", async () => {
    const created = await post('/v1/schedules', { name: 'mine', intervalSeconds: 60, task });

    const res = await call('GET', `/v1/schedules/${created.body.id}`, { apiKey: api.tenantB.apiKey });

    expectProblem(res, 404);
  });
});
