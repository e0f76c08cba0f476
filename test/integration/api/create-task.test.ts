import { beforeAll, describe, expect, it } from 'vitest';
import { TASK_TYPE_NAMES } from '../../../shared/tasks/task-catalog.ts';
import { type CallOptions, call, countRows, expectProblem, useApi } from '../../helpers/api.ts';

const api = useApi();
let key: string;

beforeAll(() => {
  key = api.tenantA.apiKey;
});

const post = (options: CallOptions) => call('POST', '/v1/tasks', { apiKey: key, ...options });

describe('POST /v1/tasks', () => {
  it('accepts a task: 202, Location, the task JSON, and task + outbox + event rows', async () => {
    // Prepare
    const before = await countRows(api.db);

    // Act
    const res = await post({
      body: { type: 'reverse', payload: { text: 'abc' }, priority: 'high' },
      headers: { 'X-Correlation-Id': 'corr-create-1', 'X-Client-Id': 'billing-service' },
    });

    // Assess
    expect(res.status).toBe(202);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers.location).toBe(`/v1/tasks/${res.body.id}`);
    expect(res.headers['x-correlation-id']).toBe('corr-create-1');
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(res.body).toMatchObject({
      type: 'reverse',
      status: 'PENDING',
      priority: 'high',
      payload: { text: 'abc' },
      result: null,
      error: null,
      attempts: 0,
      maxAttempts: 4,
      interruptions: 0,
      maxInterruptions: 3,
      timeoutSeconds: 60,
      backoff: { baseSeconds: 2, capSeconds: 900 },
      queuedAt: null,
      startedAt: null,
      finishedAt: null,
      idempotencyKey: null,
      clientId: 'billing-service',
      correlationId: 'corr-create-1',
    });
    expect(res.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Math.abs(Date.parse(res.body.runAt) - Date.now())).toBeLessThan(5000);
    expect(await countRows(api.db)).toEqual({
      tasks: before.tasks + 1,
      outbox: before.outbox + 1,
      events: before.events + 1,
    });
    const { rows } = await api.db.query(
      'SELECT tenant_id, queue FROM tasks JOIN outbox ON task_id = tasks.id WHERE tasks.id = :id::uuid',
      {
        id: res.body.id,
      },
    );
    expect(rows[0]).toMatchObject({ tenant_id: api.tenantA.id, queue: 'high' });
  });

  it('applies defaults and generates a correlation id when none is given', async () => {
    const res = await post({ body: { type: 'echo', payload: null } });

    expect(res.status).toBe(202);
    expect(res.body.priority).toBe('medium');
    expect(res.body.payload).toBeNull();
    expect(res.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-correlation-id']).toBe(res.body.correlationId);
  });

  it('schedules with delaySeconds, runAt and per-task overrides', async () => {
    const runAt = new Date(Date.now() + 3_600_000).toISOString();

    const delayed = await post({ body: { type: 'echo', payload: {}, delaySeconds: 600 } });
    const scheduled = await post({
      body: {
        type: 'sleep',
        payload: { seconds: 1 },
        runAt,
        maxAttempts: 7,
        maxInterruptions: 0,
        backoff: { baseSeconds: 0.5, capSeconds: 30 },
        timeoutSeconds: 120,
        priority: 'low',
      },
    });

    expect(delayed.status).toBe(202);
    expect(Date.parse(delayed.body.runAt) - Date.now()).toBeGreaterThan(590_000);
    expect(scheduled.status).toBe(202);
    expect(scheduled.body).toMatchObject({
      runAt,
      maxAttempts: 7,
      maxInterruptions: 0,
      backoff: { baseSeconds: 0.5, capSeconds: 30 },
      timeoutSeconds: 120,
      priority: 'low',
    });
  });

  it('accepts a backoff cap below its base (every retry then waits the cap), as the document allows', async () => {
    const res = await post({
      body: { type: 'echo', payload: {}, backoff: { baseSeconds: 60, capSeconds: 30 } },
    });

    expect(res.status).toBe(202);
    expect(res.body.backoff).toEqual({ baseSeconds: 60, capSeconds: 30 });
  });

  describe('rejects bad input with problem+json and writes nothing', () => {
    const bigText = 'x'.repeat(256 * 1024);
    const cases: Array<{
      name: string;
      options: CallOptions;
      status: number;
      field: string;
      detail?: RegExp;
    }> = [
      {
        name: 'malformed JSON',
        options: { body: '{"type": "echo", ', headers: { 'content-type': 'application/json' } },
        status: 400,
        field: 'body',
      },
      { name: 'missing body', options: {}, status: 400, field: 'body' },
      { name: 'a JSON array body', options: { body: [1, 2] }, status: 400, field: 'body' },
      {
        name: 'wrong content type',
        options: { body: '{"type":"echo","payload":1}', headers: { 'content-type': 'text/plain' } },
        status: 415,
        field: 'header:Content-Type',
      },
      {
        name: 'a non-UTF-8 charset',
        options: {
          body: '{"type":"echo","payload":1}',
          headers: { 'content-type': 'application/json; charset=latin1' },
        },
        status: 415,
        field: 'header:Content-Type',
      },
      {
        name: 'an unknown task type',
        options: { body: { type: 'transmogrify', payload: {} } },
        status: 400,
        field: 'type',
        detail: new RegExp(TASK_TYPE_NAMES.join(', ')),
      },
      {
        name: 'a type that is not a string',
        options: { body: { type: 42, payload: {} } },
        status: 400,
        field: 'type',
      },
      { name: 'a missing payload', options: { body: { type: 'echo' } }, status: 400, field: 'payload' },
      {
        name: 'a payload of the wrong type',
        options: { body: { type: 'reverse', payload: { text: 5 } } },
        status: 400,
        field: 'payload.text',
      },
      {
        name: 'an unknown payload field',
        options: { body: { type: 'reverse', payload: { text: 'a', extra: 1 } } },
        status: 400,
        field: 'payload.extra',
      },
      {
        name: 'an unknown top-level field',
        options: { body: { type: 'echo', payload: {}, colour: 'red' } },
        status: 400,
        field: 'colour',
      },
      {
        name: 'an invalid priority',
        options: { body: { type: 'echo', payload: {}, priority: 'urgent' } },
        status: 400,
        field: 'priority',
      },
      {
        name: 'maxAttempts as a string',
        options: { body: { type: 'echo', payload: {}, maxAttempts: '3' } },
        status: 400,
        field: 'maxAttempts',
      },
      {
        name: 'maxAttempts out of range',
        options: { body: { type: 'echo', payload: {}, maxAttempts: 21 } },
        status: 400,
        field: 'maxAttempts',
      },
      {
        name: 'maxInterruptions out of range',
        options: { body: { type: 'echo', payload: {}, maxInterruptions: 21 } },
        status: 400,
        field: 'maxInterruptions',
      },
      {
        name: 'maxInterruptions negative',
        options: { body: { type: 'echo', payload: {}, maxInterruptions: -1 } },
        status: 400,
        field: 'maxInterruptions',
      },
      {
        name: 'timeoutSeconds above the limit',
        options: { body: { type: 'echo', payload: {}, timeoutSeconds: 841 } },
        status: 400,
        field: 'timeoutSeconds',
      },
      {
        name: 'a fractional delaySeconds',
        options: { body: { type: 'echo', payload: {}, delaySeconds: 1.5 } },
        status: 400,
        field: 'delaySeconds',
      },
      {
        name: 'runAt in the past',
        options: {
          body: { type: 'echo', payload: {}, runAt: new Date(Date.now() - 3_600_000).toISOString() },
        },
        status: 400,
        field: 'runAt',
      },
      {
        name: 'runAt more than a year ahead',
        options: {
          body: { type: 'echo', payload: {}, runAt: new Date(Date.now() + 366 * 86_400_000).toISOString() },
        },
        status: 400,
        field: 'runAt',
      },
      {
        name: 'runAt without an offset',
        options: { body: { type: 'echo', payload: {}, runAt: '2030-01-01T00:00:00' } },
        status: 400,
        field: 'runAt',
      },
      {
        name: 'both runAt and delaySeconds',
        options: {
          body: {
            type: 'echo',
            payload: {},
            runAt: new Date(Date.now() + 60_000).toISOString(),
            delaySeconds: 5,
          },
        },
        status: 400,
        field: 'runAt',
      },
      {
        name: 'a payload over 256 KiB',
        options: { body: { type: 'echo', payload: { text: bigText } } },
        status: 413,
        field: 'payload',
      },
      {
        name: 'a body over 1 MiB',
        options: { body: { type: 'echo', payload: ['x'.repeat(600_000), 'y'.repeat(600_000)] } },
        status: 413,
        field: 'body',
      },
      {
        name: 'an invalid X-Correlation-Id',
        options: { body: { type: 'echo', payload: {} }, headers: { 'X-Correlation-Id': 'x'.repeat(129) } },
        status: 400,
        field: 'header:X-Correlation-Id',
      },
      {
        name: 'an X-Client-Id over 128 characters',
        options: { body: { type: 'echo', payload: {} }, headers: { 'X-Client-Id': 'c'.repeat(129) } },
        status: 400,
        field: 'header:X-Client-Id',
      },
      {
        name: 'an Idempotency-Key over 255 characters',
        options: { body: { type: 'echo', payload: {} }, headers: { 'Idempotency-Key': 'k'.repeat(256) } },
        status: 400,
        field: 'header:Idempotency-Key',
      },
      {
        name: 'an empty Idempotency-Key',
        options: { body: { type: 'echo', payload: {} }, headers: { 'Idempotency-Key': '' } },
        status: 400,
        field: 'header:Idempotency-Key',
      },
      {
        name: 'a missing API key',
        options: { apiKey: undefined, body: { type: 'echo', payload: {} } },
        status: 401,
        field: 'header:X-API-Key',
      },
      {
        name: 'an invalid API key',
        options: { apiKey: 'tf_not-a-real-key', body: { type: 'echo', payload: {} } },
        status: 401,
        field: 'header:X-API-Key',
      },
    ];

    for (const c of cases) {
      it(c.name, async () => {
        const before = await countRows(api.db);

        const res = await call('POST', '/v1/tasks', { apiKey: key, ...c.options });

        expectProblem(res, c.status, c.field);
        expect(res.body.instance).toBe('/v1/tasks');
        if (c.detail) expect(res.body.detail).toMatch(c.detail);
        expect(await countRows(api.db)).toEqual(before);
      });
    }

    it('lists every field error, with dotted paths', async () => {
      const res = await post({
        body: { type: 'reverse', payload: { text: 1 }, priority: 'x', maxAttempts: 0 },
      });

      expectProblem(res, 400);
      expect(res.body.type).toBe('urn:taskforge:problem:validation-error');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'maxAttempts',
        'priority',
      ]);
    });

    it('answers 401 with WWW-Authenticate', async () => {
      const res = await call('POST', '/v1/tasks', { body: { type: 'echo', payload: {} } });

      expectProblem(res, 401, 'header:X-API-Key');
      expect(res.headers['www-authenticate']).toContain('X-API-Key');
    });
  });

  describe('Idempotency-Key', () => {
    let count = 0;
    const newKey = () => `key-${Date.now()}-${count++}`;

    it('replays the original task for the same key and body, with keys in any order', async () => {
      const idempotencyKey = newKey();
      const headers = { 'Idempotency-Key': idempotencyKey };
      const first = await post({
        headers,
        body: { type: 'reverse', payload: { text: 'hi' }, priority: 'low' },
      });
      const before = await countRows(api.db);

      const again = await post({
        headers,
        body: { priority: 'low', payload: { text: 'hi' }, type: 'reverse' },
      });

      expect(first.status).toBe(202);
      expect(first.body.idempotencyKey).toBe(idempotencyKey);
      expect(again.status).toBe(202);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.headers.location).toBe(`/v1/tasks/${first.body.id}`);
      expect(again.body.id).toBe(first.body.id);
      expect(await countRows(api.db)).toEqual(before);
    });

    it('answers 422 when the key is reused with a different body, writing nothing', async () => {
      const headers = { 'Idempotency-Key': newKey() };
      await post({ headers, body: { type: 'echo', payload: { n: 1 } } });
      const before = await countRows(api.db);

      const res = await post({ headers, body: { type: 'echo', payload: { n: 2 } } });

      expectProblem(res, 422, 'header:Idempotency-Key');
      expect(res.body.type).toBe('urn:taskforge:problem:idempotency-key-reused');
      expect(await countRows(api.db)).toEqual(before);
    });

    it('creates exactly one task when the same request races (the others replay or are told it is in flight)', async () => {
      const idempotencyKey = newKey();
      const before = await countRows(api.db);

      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          post({
            headers: { 'Idempotency-Key': idempotencyKey },
            body: { type: 'echo', payload: { race: true } },
          }),
        ),
      );

      const accepted = results.filter((r) => r.status === 202);
      expect(results.every((r) => r.status === 202 || r.status === 409)).toBe(true);
      expect(new Set(accepted.map((r) => r.body.id)).size).toBe(1);
      expect(accepted.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
      expect((await countRows(api.db)).tasks).toBe(before.tasks + 1);
    });

    it('scopes keys per tenant', async () => {
      const headers = { 'Idempotency-Key': newKey() };
      const body = { type: 'echo', payload: {} };

      const a = await post({ headers, body });
      const b = await call('POST', '/v1/tasks', { apiKey: api.tenantB.apiKey, headers, body });

      expect(a.status).toBe(202);
      expect(b.status).toBe(202);
      expect(b.headers['idempotent-replayed']).toBeUndefined();
      expect(b.body.id).not.toBe(a.body.id);
    });
  });
});
