import { describe, expect, it } from 'vitest';
import { DatabaseError, type Executor } from '../../../shared/db/database.ts';
import { onOutboxRows } from '../../../shared/outbox/outbox-signal.ts';
import type { GuardedChange } from '../../../shared/tasks/store/api-sql.ts';
import type { InsertOutcome } from '../../../shared/tasks/store/submit-sql.ts';
import type { SubmitTaskInput } from '../../../shared/tasks/submit-schemas.ts';
import type { NewTask, Task } from '../../../shared/tasks/task.ts';
import {
  cancelTask,
  deleteTask,
  getTask,
  listEvents,
  listTasks,
  retryTask,
  submitBatch,
  submitTask,
  type TaskStore,
} from '../../../shared/tasks/task-service.ts';
import { taskValue } from '../../helpers/task-values.ts';

/** Never queried: every statement goes to the fake store. */
const db: Executor = {
  query: () => Promise.reject(new Error('the fake store should have answered')),
};
const caller = { tenantId: taskValue().tenantId, correlationId: 'corr-9', clientId: 'client-a' };
const input: SubmitTaskInput = {
  type: 'echo',
  payload: { hello: 'world' },
  priority: 'high',
  maxAttempts: 5,
  maxInterruptions: 2,
  backoff: { baseSeconds: 3, capSeconds: 90 },
  timeoutSeconds: 45,
};

const unexpected = (name: string) => () => Promise.reject(new Error(`unexpected store call: ${name}`));

/** A store whose every function fails unless the test provides it. */
function fakeStore(overrides: Partial<TaskStore>): TaskStore {
  return {
    insertTask: unexpected('insertTask'),
    insertTasks: unexpected('insertTasks'),
    findByIdempotencyKey: unexpected('findByIdempotencyKey'),
    findByIdempotencyKeys: unexpected('findByIdempotencyKeys'),
    getTask: unexpected('getTask'),
    listTasks: unexpected('listTasks'),
    listEvents: unexpected('listEvents'),
    cancelTask: unexpected('cancelTask'),
    retryTask: unexpected('retryTask'),
    deleteTask: unexpected('deleteTask'),
    ...overrides,
  };
}

function outcome(task: Task, created: boolean, requestFingerprint: string | null): InsertOutcome {
  return { task, created, requestFingerprint };
}

/** Counts the outbox signals raised while `run` runs. */
async function signalsDuring(run: () => Promise<unknown>): Promise<number> {
  let signals = 0;
  const stop = onOutboxRows(() => {
    signals += 1;
  });
  try {
    await run();
  } finally {
    stop();
  }
  return signals;
}

describe('submitTask', () => {
  it('stores the validated input as given, scoped to the caller, and wakes the relay', async () => {
    let inserted: NewTask | undefined;
    const store = fakeStore({
      insertTask: async (_db, task) => {
        inserted = task;
        return outcome(taskValue({ id: task.id }), true, null);
      },
    });
    let result: Awaited<ReturnType<typeof submitTask>> | undefined;
    const signals = await signalsDuring(async () => {
      result = await submitTask(db, caller, { ...input, delaySeconds: 30 }, null, store);
    });
    expect(result?.replayed).toBe(false);
    expect(signals).toBe(1);
    expect(inserted).toMatchObject({
      tenantId: caller.tenantId,
      correlationId: 'corr-9',
      clientId: 'client-a',
      priority: 'high',
      maxAttempts: 5,
      maxInterruptions: 2,
      backoffBaseSeconds: 3,
      backoffCapSeconds: 90,
      timeoutSeconds: 45,
      idempotencyKey: null,
      requestFingerprint: null,
    });
    expect(inserted!.runAt.getTime() - Date.now()).toBeGreaterThan(25_000);
  });

  it('replays the task an earlier request with the same key and fingerprint created', async () => {
    const existing = taskValue();
    const store = fakeStore({ insertTask: async () => outcome(existing, false, 'fp-1') });
    const result = await submitTask(db, caller, input, { key: 'k', fingerprint: 'fp-1' }, store);
    expect(result).toEqual({ task: existing, replayed: true });
  });

  it('refuses a key that came with another request (422) and writes nothing more', async () => {
    const store = fakeStore({ insertTask: async () => outcome(taskValue(), false, 'fp-other') });
    await expect(
      submitTask(db, caller, input, { key: 'k', fingerprint: 'fp-1' }, store),
    ).rejects.toMatchObject({
      status: 422,
      slug: 'idempotency-key-reused',
    });
  });

  it('reads the winner of a race on the same key when its own insert found nothing', async () => {
    const winner = taskValue();
    const store = fakeStore({
      insertTask: async () => null,
      findByIdempotencyKey: async (_db, tenantId, key) =>
        tenantId === caller.tenantId && key === 'k' ? outcome(winner, false, 'fp-1') : null,
    });
    const result = await submitTask(db, caller, input, { key: 'k', fingerprint: 'fp-1' }, store);
    expect(result).toEqual({ task: winner, replayed: true });
  });
});

describe('submitBatch', () => {
  const unique = () => new DatabaseError('duplicate key', 'unique_violation');

  it('stores task i of a keyed batch under K#i with the batch fingerprint', async () => {
    let keys: (string | null)[] = [];
    const store = fakeStore({
      insertTasks: async (_db, tasks) => {
        keys = tasks.map((t) => `${t.idempotencyKey}/${t.requestFingerprint}`);
        return tasks.map((t) => taskValue({ id: t.id }));
      },
    });
    const result = await submitBatch(db, caller, [input, input], { key: 'K', fingerprint: 'fp' }, store);
    expect(result.replayed).toBe(false);
    expect(keys).toEqual(['K#0/fp', 'K#1/fp']);
  });

  it('replays the batch when every key exists with the same fingerprint', async () => {
    const tasks = [taskValue(), taskValue()];
    const store = fakeStore({
      insertTasks: () => Promise.reject(unique()),
      findByIdempotencyKeys: async (_db, _tenant, keys) =>
        keys.map((_, i) => outcome(tasks[i]!, false, 'fp')),
    });
    const result = await submitBatch(db, caller, [input, input], { key: 'K', fingerprint: 'fp' }, store);
    expect(result).toEqual({ tasks, replayed: true });
  });

  it('refuses the key when some tasks are missing or came with another request', async () => {
    for (const found of [
      [outcome(taskValue(), false, 'fp')],
      [outcome(taskValue(), false, 'x'), outcome(taskValue(), false, 'fp')],
    ]) {
      const store = fakeStore({
        insertTasks: () => Promise.reject(unique()),
        findByIdempotencyKeys: async () => found,
      });
      await expect(
        submitBatch(db, caller, [input, input], { key: 'K', fingerprint: 'fp' }, store),
      ).rejects.toMatchObject({
        status: 422,
      });
    }
  });

  it('passes on any other failure, and a unique violation without a key', async () => {
    const broken = new DatabaseError('check failed', 'check_violation');
    const keyed = fakeStore({ insertTasks: () => Promise.reject(broken) });
    await expect(submitBatch(db, caller, [input], { key: 'K', fingerprint: 'fp' }, keyed)).rejects.toBe(
      broken,
    );
    const duplicate = unique();
    const unkeyed = fakeStore({ insertTasks: () => Promise.reject(duplicate) });
    await expect(submitBatch(db, caller, [input], null, unkeyed)).rejects.toBe(duplicate);
  });
});

describe('reads', () => {
  it("answers 404 for a task that is not the caller's", async () => {
    const store = fakeStore({ getTask: async () => null, listEvents: async () => null });
    await expect(getTask(db, caller.tenantId, 'id-1', store)).rejects.toMatchObject({
      status: 404,
      field: 'id',
    });
    await expect(listEvents(db, caller.tenantId, 'id-1', { limit: 10 }, store)).rejects.toMatchObject({
      status: 404,
    });
  });

  it('reads one row more than the page to know whether a cursor is due', async () => {
    const rows = ['c', 'b', 'a'].map((c) => taskValue({ id: `0190a000-0000-7000-8000-00000000000${c}` }));
    const asked: { limit: number; beforeId: string | null }[] = [];
    const store = fakeStore({
      listTasks: async (_db, _tenant, _filters, limit, beforeId) => {
        asked.push({ limit, beforeId });
        return rows.slice(0, limit);
      },
    });
    const first = await listTasks(db, caller.tenantId, { limit: 2 }, store);
    expect(first.items.map((t) => t.id)).toEqual([rows[0]!.id, rows[1]!.id]);
    expect(first.nextCursor).toBe(rows[1]!.id);
    const last = await listTasks(db, caller.tenantId, { limit: 3, cursor: rows[1]!.id }, store);
    expect(last.nextCursor).toBeNull();
    expect(asked).toEqual([
      { limit: 3, beforeId: null },
      { limit: 4, beforeId: rows[1]!.id },
    ]);
  });
});

describe('transitions', () => {
  const change = (previousStatus: GuardedChange['previousStatus'], task: Task | null): GuardedChange => ({
    previousStatus,
    task,
  });

  it('answers 404 when the task is not found and 409 with the allowed statuses when it is in another', async () => {
    const missing = fakeStore({ cancelTask: async () => change(null, null) });
    await expect(cancelTask(db, caller.tenantId, 'id-1', null, missing)).rejects.toMatchObject({
      status: 404,
    });
    const running = fakeStore({ cancelTask: async () => change('RUNNING', null) });
    await expect(cancelTask(db, caller.tenantId, 'id-1', null, running)).rejects.toMatchObject({
      status: 409,
      slug: 'task-not-cancellable',
      extensions: { taskStatus: 'RUNNING', allowedStatuses: ['PENDING', 'QUEUED', 'RETRYING'] },
    });
    const pending = fakeStore({ deleteTask: async () => change('PENDING', null) });
    await expect(deleteTask(db, caller.tenantId, 'id-1', pending)).rejects.toMatchObject({
      slug: 'task-not-terminal',
      extensions: { allowedStatuses: ['COMPLETED', 'FAILED', 'CANCELLED'] },
    });
  });

  it('returns the changed task, and wakes the relay only for a retry that took effect', async () => {
    const retried = taskValue({ status: 'PENDING' });
    let source: string | undefined;
    const store = fakeStore({
      retryTask: async (_db, _tenant, _id, from) => {
        source = from;
        return change('FAILED', retried);
      },
    });
    let task: Task | undefined;
    expect(
      await signalsDuring(async () => (task = await retryTask(db, caller.tenantId, retried.id, store))),
    ).toBe(1);
    expect(task).toBe(retried);
    expect(source).toBe('api');
    const refused = fakeStore({ retryTask: async () => change('COMPLETED', null) });
    const signals = await signalsDuring(() =>
      retryTask(db, caller.tenantId, retried.id, refused).catch(() => undefined),
    );
    expect(signals).toBe(0);
  });
});
