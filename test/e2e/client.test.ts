/**
 * The typed client (`taskforge/client`, as a user imports it) against the local runtime: every
 * task route, the automatic Idempotency-Key, problem details on errors, and waitFor.
 */
import {
  createClient,
  TaskforgeApiError,
  type TaskforgeClient,
  unwrap,
  WaitTimeoutError,
} from 'taskforge/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalRuntime } from './e2e-fixtures.ts';

const { runtime } = useLocalRuntime({ queuePrefix: `e2e-client-${Date.now().toString(36)}` });
let tf: TaskforgeClient;

beforeAll(() => {
  tf = createClient({ baseUrl: runtime.url, apiKey: runtime.apiKey });
});

describe('taskforge/client against the local runtime', () => {
  it('submits a task with a typed payload and waits for its result', async () => {
    const submitted = unwrap(
      await tf.POST('/v1/tasks', { body: { type: 'reverse', payload: { text: 'hello' }, priority: 'high' } }),
    );
    expect(submitted.status).toBe('PENDING');

    const done = await tf.waitFor(submitted.id, { timeout: 15_000, interval: 50 });

    expect(done).toMatchObject({ id: submitted.id, status: 'COMPLETED', result: { reversed: 'olleh' } });
    const read = unwrap(await tf.GET('/v1/tasks/{id}', { params: { path: { id: submitted.id } } }));
    expect(read.status).toBe('COMPLETED');
  });

  it('lists, cancels, retries and deletes tasks', async () => {
    const later = unwrap(
      await tf.POST('/v1/tasks', { body: { type: 'echo', payload: { n: 1 }, delaySeconds: 3600 } }),
    );
    const listed = unwrap(
      await tf.GET('/v1/tasks', { params: { query: { status: 'PENDING', limit: 100 } } }),
    );
    expect(listed.items.map((t) => t.id)).toContain(later.id);

    const cancelled = unwrap(
      await tf.POST('/v1/tasks/{id}/cancel', {
        params: { path: { id: later.id } },
        body: { reason: 'test' },
      }),
    );
    expect(cancelled.status).toBe('CANCELLED');
    const retried = unwrap(await tf.POST('/v1/tasks/{id}/retry', { params: { path: { id: later.id } } }));
    expect(retried.status).toBe('PENDING');
    const finished = await tf.waitFor(later.id, { timeout: 15_000, interval: 50 });
    expect(finished.status).toBe('COMPLETED');

    const deleted = await tf.DELETE('/v1/tasks/{id}', { params: { path: { id: later.id } } });
    expect(deleted.response.status).toBe(204);
    const gone = await tf.GET('/v1/tasks/{id}', { params: { path: { id: later.id } } });
    expect(gone.response.status).toBe(404);
  });

  it('sends an Idempotency-Key on every submission unless given one, so a repeat returns the same task', async () => {
    const automatic = unwrap(await tf.POST('/v1/tasks', { body: { type: 'echo', payload: { auto: true } } }));
    expect(automatic.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);

    const given = await tf.POST('/v1/tasks', {
      body: { type: 'echo', payload: { given: true } },
      headers: { 'Idempotency-Key': 'client-test-given' },
    });
    expect(unwrap(given).idempotencyKey).toBe('client-test-given');

    // A client whose keys repeat: the second submission is a replay of the first.
    const fixed = createClient({
      baseUrl: runtime.url,
      apiKey: runtime.apiKey,
      idempotencyKey: () => 'fixed-key',
    });
    const first = await fixed.POST('/v1/tasks', { body: { type: 'echo', payload: { same: 1 } } });
    const second = await fixed.POST('/v1/tasks', { body: { type: 'echo', payload: { same: 1 } } });
    expect(unwrap(second).id).toBe(unwrap(first).id);
    expect(second.response.headers.get('idempotent-replayed')).toBe('true');
  });

  it('throws the problem details of a refused request', async () => {
    const refused = await tf
      .POST('/v1/tasks', { body: { type: 'reverse', payload: { text: 42 } } as never })
      .then(unwrap)
      .catch((err: unknown) => err);

    expect(refused).toBeInstanceOf(TaskforgeApiError);
    const { status, problem } = refused as TaskforgeApiError;
    expect(status).toBe(400);
    expect(problem).toMatchObject({ field: 'payload.text', status: 400 });
    expect(problem?.title).toBeTruthy();
    expect(problem?.detail).toBeTruthy();

    const anonymous = createClient({ baseUrl: runtime.url, apiKey: 'tf_not-a-key' });
    const unauthorised = await anonymous.GET('/v1/tasks');
    expect(unauthorised.response.status).toBe(401);
    expect(unauthorised.error).toMatchObject({ field: 'header:X-API-Key' });
  });

  it('waitFor resolves with a FAILED task, gives up at its timeout and stops on abort', async () => {
    const failing = unwrap(
      await tf.POST('/v1/tasks', { body: { type: 'fail', payload: { permanent: true }, maxAttempts: 1 } }),
    );
    expect((await tf.waitFor(failing.id, { timeout: 15_000, interval: 50 })).status).toBe('FAILED');

    const waiting = unwrap(
      await tf.POST('/v1/tasks', { body: { type: 'echo', payload: {}, delaySeconds: 3600 } }),
    );
    const timedOut = await tf
      .waitFor(waiting.id, { timeout: 300, interval: 50 })
      .catch((err: unknown) => err);
    expect(timedOut).toBeInstanceOf(WaitTimeoutError);
    expect((timedOut as WaitTimeoutError).lastSeen?.status).toBe('PENDING');

    const controller = new AbortController();
    const seen: string[] = [];
    const aborted = tf
      .waitFor(waiting.id, {
        timeout: 60_000,
        interval: 50,
        signal: controller.signal,
        onPoll: (task) => {
          seen.push(task.status);
          if (seen.length === 2) controller.abort(new Error('stop waiting'));
        },
      })
      .catch((err: unknown) => err);
    expect(((await aborted) as Error).message).toBe('stop waiting');
    expect(seen).toEqual(['PENDING', 'PENDING']);
  });
});
