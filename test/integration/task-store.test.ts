import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database, Executor } from '../../shared/db/database.ts';
import { uuidv7 } from '../../shared/ids.ts';
import {
  cancelTask,
  deleteTask,
  findByIdempotencyKey,
  getTask,
  listEvents,
  listTasks,
  retryTask,
} from '../../shared/tasks/store/api-sql.ts';
import { claimDueOutbox, deleteOutboxRows, releaseOutboxRows } from '../../shared/tasks/store/relay-sql.ts';
import { insertTask, insertTasks } from '../../shared/tasks/store/submit-sql.ts';
import {
  deleteExpiredTasks,
  failDeadLetteredMessages,
  reclaimExpiredLeases,
  republishStranded,
} from '../../shared/tasks/store/sweeper-sql.ts';
import { claimTasks, extendLease, finishAttempts } from '../../shared/tasks/store/worker-sql.ts';
import type { NewTask, TaskStatus } from '../../shared/tasks/task.ts';
import { classifyClaim } from '../../shared/tasks/task-policy.ts';
import { createTenant } from '../../shared/tenants/tenant-store.ts';
import { useTestDatabase } from '../helpers/fixtures.ts';
import { newTaskFixture } from '../helpers/task-fixtures.ts';
import { openDatabase } from '../helpers/test-database.ts';

const testDb = useTestDatabase();
let db: Database;
let tenantId: string;

beforeAll(() => {
  db = testDb.db;
});

beforeEach(async () => {
  // Each test starts with an empty outbox so relay claims only see its own rows.
  await db.query('DELETE FROM outbox');
  tenantId = (await createTenant(db, `tenant-${uuidv7()}`)).id;
});

/** The shared task fixture, with this file's backoff cap and correlation id. */
const newTask = (overrides: Partial<NewTask> = {}): NewTask =>
  newTaskFixture(tenantId, { backoffCapSeconds: 900, correlationId: 'corr-1', ...overrides });

async function statusOf(taskId: string): Promise<TaskStatus> {
  const task = await getTask(db, tenantId, taskId);
  return task!.status;
}

async function eventTypes(taskId: string): Promise<string[]> {
  const events = await listEvents(db, tenantId, taskId, 100, null);
  return events!.map((e) => e.type);
}

async function count(sql: string, params: Record<string, string> = {}): Promise<number> {
  const { rows } = await db.query<{ n: number }>(sql, params);
  return Number(rows[0]!.n);
}

const CLAIM = { leaseMarginSeconds: 30, maxTimeoutSeconds: 900 };

/** The claim statement, each row classified as the worker does. */
async function claimAndClassify(executor: Executor, taskIds: string[], options: typeof CLAIM) {
  const rows = await claimTasks(executor, taskIds, options);
  return rows.map((row) => classifyClaim(row, options.maxTimeoutSeconds));
}

/** Submits and publishes a task: PENDING -> QUEUED. */
async function queuedTask(overrides: Partial<NewTask> = {}): Promise<string> {
  const { task } = (await insertTask(db, newTask(overrides)))!;
  const claimed = await claimDueOutbox(db, 100, 30);
  await deleteOutboxRows(
    db,
    claimed.map((c) => c.outboxId),
  );
  return task.id;
}

describe('insertTask', () => {
  it('writes the task, its outbox row and its submitted event in one statement', async () => {
    const outcome = await insertTask(db, newTask({ priority: 'high' }));
    expect(outcome?.created).toBe(true);
    expect(outcome?.task.status).toBe('PENDING');
    expect(outcome?.task.payload).toEqual({ hello: 'world' });
    const taskId = outcome!.task.id;
    expect(await count('SELECT count(*) AS n FROM outbox WHERE task_id = :taskId::uuid', { taskId })).toBe(1);
    expect(await eventTypes(taskId)).toEqual(['submitted']);
  });

  it('puts a task scheduled beyond 15 minutes in the outbox 15 minutes before its run time', async () => {
    const runAt = new Date(Date.now() + 3_600_000);
    const { task } = (await insertTask(db, newTask({ runAt })))!;
    const { rows } = await db.query<{ lead: number }>(
      `SELECT EXTRACT(EPOCH FROM (t.run_at - o.available_at))::float8 AS lead
         FROM outbox o JOIN tasks t ON t.id = o.task_id WHERE t.id = :id::uuid`,
      { id: task.id },
    );
    expect(rows[0]!.lead).toBe(900);
    expect(await claimDueOutbox(db, 100, 30)).toEqual([]);
  });

  it('returns the existing task for a repeated idempotency key and writes nothing', async () => {
    const first = await insertTask(db, newTask({ idempotencyKey: 'key-1', requestFingerprint: 'fp-a' }));
    const again = await insertTask(db, newTask({ idempotencyKey: 'key-1', requestFingerprint: 'fp-b' }));
    expect(again?.created).toBe(false);
    expect(again?.task.id).toBe(first?.task.id);
    expect(again?.requestFingerprint).toBe('fp-a');
    expect(
      await count('SELECT count(*) AS n FROM tasks WHERE tenant_id = :tenantId::uuid', { tenantId }),
    ).toBe(1);
    expect(await count('SELECT count(*) AS n FROM outbox')).toBe(1);
  });

  it('creates exactly one task when 20 requests race with the same key', async () => {
    const pool = await openDatabase(testDb.url, 20);
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () =>
          insertTask(pool, newTask({ idempotencyKey: 'race', requestFingerprint: 'fp' })),
        ),
      );
      expect(outcomes.filter((o) => o?.created)).toHaveLength(1);
      const winner = await findByIdempotencyKey(db, tenantId, 'race');
      for (const o of outcomes) if (o) expect(o.task.id).toBe(winner!.task.id);
      expect(await count("SELECT count(*) AS n FROM tasks WHERE idempotency_key = 'race'")).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('scopes idempotency keys per tenant', async () => {
    const other = (await createTenant(db, 'other')).id;
    await insertTask(db, newTask({ idempotencyKey: 'shared' }));
    const theirs = await insertTask(db, newTask({ tenantId: other, idempotencyKey: 'shared' }));
    expect(theirs?.created).toBe(true);
  });
});

describe('insertTasks', () => {
  it('writes all rows or none', async () => {
    const good = newTask();
    const bad = newTask({ priority: 'urgent' as never });
    await expect(insertTasks(db, [good, bad])).rejects.toThrow();
    expect(
      await count('SELECT count(*) AS n FROM tasks WHERE tenant_id = :tenantId::uuid', { tenantId }),
    ).toBe(0);
    const tasks = await insertTasks(db, [newTask(), newTask({ priority: 'low' })]);
    expect(tasks.map((t) => t.status)).toEqual(['PENDING', 'PENDING']);
    expect(await count('SELECT count(*) AS n FROM outbox')).toBe(2);
  });
});

describe('tenant scoping', () => {
  it("never returns or changes another tenant's task", async () => {
    const { task } = (await insertTask(db, newTask()))!;
    const other = (await createTenant(db, 'intruder')).id;
    expect(await getTask(db, other, task.id)).toBeNull();
    expect(await listEvents(db, other, task.id, 10, null)).toBeNull();
    expect((await cancelTask(db, other, task.id, null)).previousStatus).toBeNull();
    expect((await deleteTask(db, other, task.id)).previousStatus).toBeNull();
    expect(await listTasks(db, other, {}, 10, null)).toEqual([]);
    expect(await statusOf(task.id)).toBe('PENDING');
  });
});

describe('listTasks', () => {
  it('pages newest first by keyset, with filters', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await insertTask(db, newTask({ type: i % 2 ? 'reverse' : 'echo' })))!.task.id);
    }
    const page1 = await listTasks(db, tenantId, {}, 2, null);
    const page2 = await listTasks(db, tenantId, {}, 2, page1.at(-1)!.id);
    const page3 = await listTasks(db, tenantId, {}, 2, page2.at(-1)!.id);
    expect([...page1, ...page2, ...page3].map((t) => t.id)).toEqual([...ids].reverse());
    expect(page1[0]!.payload).toBeNull();
    const reversed = await listTasks(db, tenantId, { type: 'reverse', status: 'PENDING' }, 10, null);
    expect(reversed.map((t) => t.id)).toEqual([ids[3], ids[1]]);
  });
});

describe('relay claim (claimDueOutbox)', () => {
  it('moves PENDING to QUEUED with a queued event, and leases the rows', async () => {
    const { task } = (await insertTask(db, newTask({ priority: 'high' })))!;
    const claimed = await claimDueOutbox(db, 10, 30);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ taskId: task.id, queue: 'high', taskStatus: 'PENDING', attempt: 0 });
    expect(await statusOf(task.id)).toBe('QUEUED');
    expect(await eventTypes(task.id)).toEqual(['submitted', 'queued']);
    // Leased: a second relay sees nothing until the lease ends or the row is released.
    expect(await claimDueOutbox(db, 10, 30)).toEqual([]);
    await releaseOutboxRows(db, [claimed[0]!.outboxId]);
    expect(await claimDueOutbox(db, 10, 30)).toHaveLength(1);
  });

  it('claims per queue, so a backlog of low rows cannot hold back a high one', async () => {
    await insertTasks(
      db,
      Array.from({ length: 30 }, () => newTask({ priority: 'low' })),
    );
    const { task: high } = (await insertTask(db, newTask({ priority: 'high' })))!;
    const claimed = await claimDueOutbox(db, 10, 30);
    expect(claimed.filter((c) => c.queue === 'low')).toHaveLength(10);
    expect(claimed.find((c) => c.queue === 'high')?.taskId).toBe(high.id);
  });

  it('never hands the same row to two relays racing', async () => {
    await insertTasks(
      db,
      Array.from({ length: 100 }, (_, i) =>
        newTask({ priority: (['high', 'medium', 'low'] as const)[i % 3] }),
      ),
    );
    const a = await openDatabase(testDb.url, 4);
    const b = await openDatabase(testDb.url, 4);
    try {
      const seen: number[] = [];
      for (;;) {
        const [x, y] = await Promise.all([claimDueOutbox(a, 7, 30), claimDueOutbox(b, 7, 30)]);
        if (x.length === 0 && y.length === 0) break;
        seen.push(...x.map((r) => r.outboxId), ...y.map((r) => r.outboxId));
      }
      expect(seen).toHaveLength(100);
      expect(new Set(seen).size).toBe(100);
      expect(
        await count(
          "SELECT count(*) AS n FROM task_events WHERE type = 'queued' AND tenant_id = :tenantId::uuid",
          { tenantId },
        ),
      ).toBe(100);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('worker claim and finish', () => {
  /** Makes the task's current lease end `ago` in the past, as if its worker vanished. */
  async function expireLease(id: string, ago = '1 second'): Promise<void> {
    await db.query('UPDATE tasks SET lease_until = now() - :ago::interval WHERE id = :id::uuid', { id, ago });
  }

  async function eventDetails(taskId: string, type: string): Promise<{ attempt: number; detail: unknown }[]> {
    const events = await listEvents(db, tenantId, taskId, 100, null);
    return events!.filter((e) => e.type === type).map((e) => ({ attempt: e.attempt, detail: e.detail }));
  }

  it('QUEUED -> RUNNING -> COMPLETED, with started and succeeded events', async () => {
    const id = await queuedTask();
    const [claim] = await claimAndClassify(db, [id], CLAIM);
    expect(claim).toMatchObject({ state: 'claimed', previousStatus: 'QUEUED' });
    expect(claim!.task).toMatchObject({
      status: 'RUNNING',
      attempts: 1,
      interruptions: 0,
      leaseGeneration: 1,
    });
    expect(claim!.task!.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
    const finished = await finishAttempts(db, [
      { taskId: id, attempt: 1, generation: 1, status: 'COMPLETED', result: { ok: 1 }, durationMs: 5 },
    ]);
    expect(finished.map((f) => f.status)).toEqual(['COMPLETED']);
    const task = await getTask(db, tenantId, id);
    expect(task).toMatchObject({ status: 'COMPLETED', result: { ok: 1 }, leaseUntil: null });
    expect(task!.finishedAt).not.toBeNull();
    expect(await eventTypes(id)).toEqual(['submitted', 'queued', 'started', 'succeeded']);
  });

  it('RUNNING -> RETRYING (not due until the backoff ends) -> RUNNING -> FAILED with dead_lettered', async () => {
    const id = await queuedTask({ maxAttempts: 2 });
    await claimAndClassify(db, [id], CLAIM);
    await finishAttempts(db, [
      {
        taskId: id,
        attempt: 1,
        generation: 1,
        status: 'RETRYING',
        error: { message: 'boom' },
        retryInSeconds: 60,
        durationMs: 1,
      },
    ]);
    expect(await statusOf(id)).toBe('RETRYING');
    const [early] = await claimAndClassify(db, [id], CLAIM);
    expect(early!.state).toBe('not_due');
    expect(early!.dueInSeconds).toBeGreaterThan(50);
    await db.query("UPDATE tasks SET run_at = now() - interval '1 second' WHERE id = :id::uuid", { id });
    const [second] = await claimAndClassify(db, [id], CLAIM);
    expect(second).toMatchObject({ state: 'claimed', previousStatus: 'RETRYING' });
    expect(second!.task).toMatchObject({ attempts: 2, leaseGeneration: 2 });
    await finishAttempts(db, [
      {
        taskId: id,
        attempt: 2,
        generation: 2,
        status: 'FAILED',
        error: { message: 'boom again' },
        durationMs: 1,
      },
    ]);
    const task = await getTask(db, tenantId, id);
    expect(task).toMatchObject({ status: 'FAILED', lastError: { message: 'boom again' } });
    expect(await eventTypes(id)).toEqual([
      'submitted',
      'queued',
      'started',
      'failed',
      'retry_scheduled',
      'started',
      'failed',
      'dead_lettered',
    ]);
  });

  it('leaves a running task to its lease (state leased, with the seconds left) and skips a finished one', async () => {
    const id = await queuedTask({ timeoutSeconds: 30 });
    await claimAndClassify(db, [id], CLAIM);
    const [duplicate] = await claimAndClassify(db, [id], CLAIM);
    expect(duplicate!.state).toBe('leased');
    // timeout 30 s + lease margin 30 s.
    expect(duplicate!.leaseEndsInSeconds).toBeGreaterThan(55);
    expect(duplicate!.leaseEndsInSeconds).toBeLessThanOrEqual(60);
    await finishAttempts(db, [
      { taskId: id, attempt: 1, generation: 1, status: 'COMPLETED', result: null, durationMs: 1 },
    ]);
    expect((await claimAndClassify(db, [id], CLAIM))[0]!.state).toBe('skip');
    expect((await claimAndClassify(db, [uuidv7()], CLAIM))[0]).toMatchObject({ state: 'skip', task: null });
    expect(
      await count("SELECT count(*) AS n FROM task_events WHERE task_id = :id::uuid AND type = 'started'", {
        id,
      }),
    ).toBe(1);
  });

  it('two workers racing over the same batch never both claim a task', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, () => queuedTask()));
    const a = await openDatabase(testDb.url, 2);
    const b = await openDatabase(testDb.url, 2);
    try {
      const [x, y] = await Promise.all([
        claimAndClassify(a, ids, CLAIM),
        claimAndClassify(b, [...ids].reverse(), CLAIM),
      ]);
      const claimed = [...x, ...y].filter((o) => o.state === 'claimed').map((o) => o.taskId);
      expect(claimed.sort()).toEqual([...ids].sort());
      expect(
        await count(
          "SELECT count(*) AS n FROM task_events WHERE type = 'started' AND tenant_id = :tenantId::uuid",
          { tenantId },
        ),
      ).toBe(40);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('reruns an interrupted attempt under its number, counting an interruption, not an attempt', async () => {
    const id = await queuedTask({ maxAttempts: 1 });
    await claimAndClassify(db, [id], CLAIM);
    await expireLease(id);

    const [rerun] = await claimAndClassify(db, [id], CLAIM);

    expect(rerun).toMatchObject({ state: 'claimed', previousStatus: 'RUNNING' });
    expect(rerun!.task).toMatchObject({
      status: 'RUNNING',
      attempts: 1,
      interruptions: 1,
      leaseGeneration: 2,
    });
    expect(await eventTypes(id)).toEqual(['submitted', 'queued', 'started', 'interrupted', 'started']);
    expect(await eventDetails(id, 'interrupted')).toEqual([
      {
        attempt: 1,
        detail: { reason: 'lease_expired', detectedBy: 'worker', interruptions: 1, maxInterruptions: 3 },
      },
    ]);
    expect((await eventDetails(id, 'started')).map((e) => e.attempt)).toEqual([1, 1]);
  });

  it('fences a run that was taken over: its outcome and heartbeats are refused, even for the same attempt number', async () => {
    const id = await queuedTask();
    await claimAndClassify(db, [id], CLAIM);
    await expireLease(id);
    await claimAndClassify(db, [id], CLAIM);
    const vanished = { taskId: id, attempt: 1, generation: 1 };

    expect(await extendLease(db, vanished, 600)).toBe(false);
    expect(
      await finishAttempts(db, [{ ...vanished, status: 'COMPLETED', result: 'late', durationMs: 1 }]),
    ).toEqual([]);
    expect(await extendLease(db, { ...vanished, generation: 2 }, 600)).toBe(true);
    await finishAttempts(db, [
      { ...vanished, generation: 2, status: 'COMPLETED', result: 'ok', durationMs: 1 },
    ]);
    expect(await getTask(db, tenantId, id)).toMatchObject({
      result: 'ok',
      attempts: 1,
      interruptions: 1,
    });
    expect(
      await count("SELECT count(*) AS n FROM task_events WHERE task_id = :id::uuid AND type = 'succeeded'", {
        id,
      }),
    ).toBe(1);
  });

  it('fences the runs of a task retried from scratch, whose attempt numbers start again at 1', async () => {
    const id = await queuedTask({ maxAttempts: 1 });
    await claimAndClassify(db, [id], CLAIM);
    await expireLease(id);
    // The sweeper failed it meanwhile (interruptions used up), and the client retried it.
    await db.query("UPDATE tasks SET status = 'FAILED', finished_at = now() WHERE id = :id::uuid", { id });
    await retryTask(db, tenantId, id, 'api');
    await db.query("UPDATE tasks SET status = 'QUEUED' WHERE id = :id::uuid", { id });
    const [fresh] = await claimAndClassify(db, [id], CLAIM);
    expect(fresh!.task).toMatchObject({ attempts: 1, leaseGeneration: 2 });

    const late = await finishAttempts(db, [
      { taskId: id, attempt: 1, generation: 1, status: 'COMPLETED', result: 'stale', durationMs: 1 },
    ]);

    expect(late).toEqual([]);
    expect(await statusOf(id)).toBe('RUNNING');
  });

  it('reports an expired lease with its interruptions used up as exhausted, and fails it as interrupted', async () => {
    const id = await queuedTask({ maxInterruptions: 1 });
    await claimAndClassify(db, [id], CLAIM);
    await expireLease(id);
    await claimAndClassify(db, [id], CLAIM);
    await expireLease(id);

    const [outcome] = await claimAndClassify(db, [id], CLAIM);

    expect(outcome!.state).toBe('exhausted');
    expect(outcome!.task).toMatchObject({ interruptions: 1, leaseGeneration: 2 });
    const failed = await finishAttempts(db, [
      {
        taskId: id,
        attempt: 1,
        generation: 2,
        status: 'FAILED',
        interrupted: true,
        error: { name: 'TaskInterruptedError', message: 'interrupted twice' },
        durationMs: 0,
      },
    ]);
    expect(failed.map((f) => f.status)).toEqual(['FAILED']);
    expect(await getTask(db, tenantId, id)).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      interruptions: 2,
      lastError: { name: 'TaskInterruptedError' },
    });
    expect((await eventTypes(id)).slice(-2)).toEqual(['interrupted', 'dead_lettered']);
  });

  it('refuses to fail a run as interrupted while its lease is live', async () => {
    const id = await queuedTask();
    await claimAndClassify(db, [id], CLAIM);

    const failed = await finishAttempts(db, [
      {
        taskId: id,
        attempt: 1,
        generation: 1,
        status: 'FAILED',
        interrupted: true,
        error: { message: 'not really' },
        durationMs: 0,
      },
    ]);

    expect(failed).toEqual([]);
    expect(await statusOf(id)).toBe('RUNNING');
  });

  it('releases a stopped run: QUEUED and due at once, the attempt handed back, no interruption counted', async () => {
    const id = await queuedTask();
    await claimAndClassify(db, [id], CLAIM);

    const released = await finishAttempts(db, [
      { taskId: id, attempt: 1, generation: 1, status: 'QUEUED', reason: 'shutdown', durationMs: 3 },
    ]);

    expect(released.map((r) => r.status)).toEqual(['QUEUED']);
    const task = await getTask(db, tenantId, id);
    expect(task).toMatchObject({ status: 'QUEUED', attempts: 0, interruptions: 0, leaseUntil: null });
    expect(task!.runAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(await eventDetails(id, 'interrupted')).toEqual([
      { attempt: 1, detail: { reason: 'shutdown', counted: false, durationMs: 3 } },
    ]);
    const [again] = await claimAndClassify(db, [id], CLAIM);
    expect(again!.task).toMatchObject({ attempts: 1, leaseGeneration: 2 });
  });

  it('leaves tasks that do not fit in the remaining time', async () => {
    const id = await queuedTask({ timeoutSeconds: 120 });
    const [outcome] = await claimAndClassify(db, [id], { leaseMarginSeconds: 30, maxTimeoutSeconds: 60 });
    expect(outcome!.state).toBe('no_time');
    expect(await statusOf(id)).toBe('QUEUED');
  });

  it('extends the lease only for the run that owns it', async () => {
    const id = await queuedTask();
    await claimAndClassify(db, [id], CLAIM);
    expect(await extendLease(db, { taskId: id, attempt: 1, generation: 1 }, 600)).toBe(true);
    expect(await extendLease(db, { taskId: id, attempt: 2, generation: 1 }, 600)).toBe(false);
    const task = await getTask(db, tenantId, id);
    expect(task!.leaseUntil!.getTime()).toBeGreaterThan(Date.now() + 500_000);
  });
});

describe('cancel, retry, delete', () => {
  it('cancels PENDING, QUEUED and RETRYING, removing the outbox row', async () => {
    const { task } = (await insertTask(db, newTask()))!;
    const change = await cancelTask(db, tenantId, task.id, 'no longer needed');
    expect(change).toMatchObject({ previousStatus: 'PENDING', task: { status: 'CANCELLED' } });
    expect(await count('SELECT count(*) AS n FROM outbox WHERE task_id = :id::uuid', { id: task.id })).toBe(
      0,
    );

    const queued = await queuedTask();
    expect((await cancelTask(db, tenantId, queued, null)).task?.status).toBe('CANCELLED');

    const retrying = await queuedTask();
    await claimAndClassify(db, [retrying], CLAIM);
    await finishAttempts(db, [
      {
        taskId: retrying,
        attempt: 1,
        generation: 1,
        status: 'RETRYING',
        error: { message: 'x' },
        retryInSeconds: 60,
        durationMs: 1,
      },
    ]);
    expect((await cancelTask(db, tenantId, retrying, null)).task?.status).toBe('CANCELLED');
    // A late message for a cancelled task is skipped.
    expect((await claimAndClassify(db, [queued], CLAIM))[0]!.state).toBe('skip');
  });

  it('refuses to cancel RUNNING or terminal tasks', async () => {
    const id = await queuedTask();
    await claimAndClassify(db, [id], CLAIM);
    expect(await cancelTask(db, tenantId, id, null)).toEqual({ previousStatus: 'RUNNING', task: null });
    await finishAttempts(db, [
      { taskId: id, attempt: 1, generation: 1, status: 'COMPLETED', result: null, durationMs: 1 },
    ]);
    expect(await cancelTask(db, tenantId, id, null)).toEqual({
      previousStatus: 'COMPLETED',
      task: null,
    });
  });

  it('retries FAILED and CANCELLED from scratch through a new outbox row', async () => {
    const id = await queuedTask({ maxAttempts: 1 });
    await claimAndClassify(db, [id], CLAIM);
    await finishAttempts(db, [
      { taskId: id, attempt: 1, generation: 1, status: 'FAILED', error: { message: 'x' }, durationMs: 1 },
    ]);
    const change = await retryTask(db, tenantId, id, 'api');
    expect(change).toMatchObject({
      previousStatus: 'FAILED',
      task: { status: 'PENDING', attempts: 0, finishedAt: null },
    });
    expect(await count('SELECT count(*) AS n FROM outbox WHERE task_id = :id::uuid', { id })).toBe(1);
    expect((await eventTypes(id)).at(-1)).toBe('redriven');
    expect(await retryTask(db, tenantId, id, 'api')).toEqual({ previousStatus: 'PENDING', task: null });
  });

  it('deletes only terminal tasks, with their events', async () => {
    const { task } = (await insertTask(db, newTask()))!;
    expect(await deleteTask(db, tenantId, task.id)).toEqual({ previousStatus: 'PENDING', task: null });
    await cancelTask(db, tenantId, task.id, null);
    expect((await deleteTask(db, tenantId, task.id)).task?.id).toBe(task.id);
    expect(await getTask(db, tenantId, task.id)).toBeNull();
    expect(
      await count('SELECT count(*) AS n FROM task_events WHERE task_id = :id::uuid', { id: task.id }),
    ).toBe(0);
  });
});

describe('sweeper statements', () => {
  it('requeues expired leases as interruptions (attempt handed back, outbox row), or fails them when used up', async () => {
    const requeued = await queuedTask({ maxInterruptions: 3 });
    const exhausted = await queuedTask({ maxInterruptions: 0 });
    const live = await queuedTask();
    await claimAndClassify(db, [requeued, exhausted, live], CLAIM);
    await db.query(
      "UPDATE tasks SET lease_until = now() - interval '10 minutes' WHERE id IN (:a::uuid, :b::uuid)",
      { a: requeued, b: exhausted },
    );

    const swept = await reclaimExpiredLeases(db, 60, 100);

    expect(Object.fromEntries(swept.map((s) => [s.taskId, s.status]))).toEqual({
      [requeued]: 'QUEUED',
      [exhausted]: 'FAILED',
    });
    const again = await getTask(db, tenantId, requeued);
    expect(again).toMatchObject({ status: 'QUEUED', attempts: 0, interruptions: 1, leaseUntil: null });
    expect(again!.runAt.getTime()).toBeGreaterThan(Date.now() - 5000);
    expect(await count('SELECT count(*) AS n FROM outbox WHERE task_id = :id::uuid', { id: requeued })).toBe(
      1,
    );
    const events = await listEvents(db, tenantId, requeued, 100, null);
    expect(events!.at(-1)).toMatchObject({
      type: 'interrupted',
      attempt: 1,
      detail: { reason: 'lease_expired', detectedBy: 'sweeper', interruptions: 1, maxInterruptions: 3 },
    });
    expect(await getTask(db, tenantId, exhausted)).toMatchObject({
      status: 'FAILED',
      interruptions: 1,
      lastError: { name: 'TaskInterruptedError' },
    });
    expect((await eventTypes(exhausted)).slice(-2)).toEqual(['interrupted', 'dead_lettered']);
    expect(await statusOf(live)).toBe('RUNNING');
    expect(await reclaimExpiredLeases(db, 60, 100)).toEqual([]);
    // The requeued attempt runs again under its own number.
    await deleteOutboxRows(
      db,
      (await claimDueOutbox(db, 100, 30)).map((c) => c.outboxId),
    );
    const [rerun] = await claimAndClassify(db, [requeued], CLAIM);
    expect(rerun!.task).toMatchObject({ attempts: 1, interruptions: 1 });
  });

  it('republishes waiting tasks nobody claimed long after they were due, once per delay', async () => {
    const stranded = await queuedTask();
    const retrying = await queuedTask();
    const recent = await queuedTask();
    const withOutboxRow = await queuedTask();
    const running = await queuedTask();
    const lowQueue = await queuedTask({ priority: 'low' });
    await claimAndClassify(db, [running, retrying], CLAIM);
    await db.query("UPDATE tasks SET status = 'RETRYING', lease_until = NULL WHERE id = :id::uuid", {
      id: retrying,
    });
    await db.query(
      `UPDATE tasks SET run_at = now() - interval '5 minutes', queued_at = now() - interval '10 minutes'
        WHERE id IN (:a::uuid, :b::uuid, :c::uuid, :d::uuid, :e::uuid)`,
      { a: stranded, b: withOutboxRow, c: running, d: retrying, e: lowQueue },
    );
    await db.query(
      "INSERT INTO outbox (task_id, queue, available_at) VALUES (:id::uuid, 'medium', now() + interval '1 hour')",
      { id: withOutboxRow },
    );

    const republished = await republishStranded(db, { queue: 'medium', afterSeconds: 60, limit: 100 });

    expect(republished.map((t) => t.taskId).sort()).toEqual([stranded, retrying].sort());
    for (const id of [stranded, retrying]) {
      expect(await count('SELECT count(*) AS n FROM outbox WHERE task_id = :id::uuid', { id })).toBe(1);
      expect((await eventTypes(id)).at(-1)).toBe('republished');
    }
    expect(await count('SELECT count(*) AS n FROM outbox WHERE task_id = :id::uuid', { id: recent })).toBe(0);
    // Sent by the relay meanwhile: still not claimed, but republished within the delay.
    await deleteOutboxRows(
      db,
      (await claimDueOutbox(db, 100, 30)).map((c) => c.outboxId),
    );
    expect(await republishStranded(db, { queue: 'medium', afterSeconds: 60, limit: 100 })).toEqual([]);
    // One queue per call.
    const low = await republishStranded(db, { queue: 'low', afterSeconds: 60, limit: 100 });
    expect(low.map((t) => t.taskId)).toContain(lowQueue);
  });

  it('fails dead-lettered tasks that are still in flight, and leaves the rest', async () => {
    const inFlight = await queuedTask();
    const { task: pending } = (await insertTask(db, newTask()))!;
    const publishedAt = new Date();
    const swept = await failDeadLetteredMessages(
      db,
      [
        { taskId: inFlight, publishedAt },
        { taskId: pending.id, publishedAt },
      ],
      'medium',
    );
    expect(swept.map((s) => s.taskId)).toEqual([inFlight]);
    expect(await statusOf(inFlight)).toBe('FAILED');
    expect(await statusOf(pending.id)).toBe('PENDING');
  });

  it('deletes terminal tasks older than the retention period only', async () => {
    // Created 41 days ago (UUIDv7 ids carry their creation time).
    const createdLongAgo = () => ({ id: uuidv7(Date.now() - 41 * 86_400_000) });
    const old = await queuedTask(createdLongAgo());
    const recent = await queuedTask(createdLongAgo());
    const running = await queuedTask(createdLongAgo());
    await cancelTask(db, tenantId, old, null);
    await cancelTask(db, tenantId, recent, null);
    await claimAndClassify(db, [running], CLAIM);
    await db.query("UPDATE tasks SET finished_at = now() - interval '40 days' WHERE id = :id::uuid", {
      id: old,
    });
    expect(await deleteExpiredTasks(db, 30 * 86_400, 100)).toBe(1);
    expect(await getTask(db, tenantId, old)).toBeNull();
    expect(await statusOf(recent)).toBe('CANCELLED');
    expect(await statusOf(running)).toBe('RUNNING');
  });
});

describe('large payloads and results', () => {
  // Over the RDS Data API's 64 KB row limit: read back in slices, written in size-bounded groups.
  const big = (seed: string) => ({ text: `${seed}-${'é✓ "x" '.repeat(32_000)}`, n: [1, 2, 3] });

  it('round-trips a 250 KB payload through insert, read, claim and batch insert', async () => {
    const payload = big('payload');
    expect(JSON.stringify(payload).length).toBeGreaterThan(200_000);
    const inserted = await insertTask(db, newTask({ payload }));
    expect(inserted!.task.payload).toEqual(payload);
    expect((await getTask(db, tenantId, inserted!.task.id))!.payload).toEqual(payload);
    const [batched] = await insertTasks(db, [newTask({ payload })]);
    expect(batched!.payload).toEqual(payload);
    const claimed = await claimDueOutbox(db, 100, 30);
    await deleteOutboxRows(
      db,
      claimed.map((c) => c.outboxId),
    );
    const outcomes = await claimAndClassify(db, [inserted!.task.id, batched!.id], CLAIM);
    expect(outcomes.map((o) => o.task!.payload)).toEqual([payload, payload]);
  });

  it('records ten 250 KB results from one batch and reads each back whole', async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, () => queuedTask({ payload: {} })));
    await claimAndClassify(db, ids, CLAIM);
    const results = ids.map((id) => big(id));
    const finished = await finishAttempts(
      db,
      ids.map((taskId, i) => ({
        taskId,
        attempt: 1,
        generation: 1,
        status: 'COMPLETED' as const,
        result: results[i],
        durationMs: 1,
      })),
    );
    expect(finished).toHaveLength(10);
    for (const [i, id] of ids.entries())
      expect((await getTask(db, tenantId, id))!.result).toEqual(results[i]);
  });
});
