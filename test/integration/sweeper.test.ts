import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { beforeEach, describe, expect, it } from 'vitest';
import { type SweeperDeps, sweepOnce } from '../../functions/sweeper/sweeper.ts';
import type { SweeperConfig } from '../../shared/config/sweeper.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { sendMessages } from '../../shared/queue/sqs-publisher.ts';
import { parseTaskMessage } from '../../shared/queue/task-message.ts';
import { MAX_RECEIVE_COUNT } from '../../shared/queue/topology.ts';
import type { Priority } from '../../shared/tasks/priority.ts';
import { claimTasks } from '../../shared/tasks/store/worker-sql.ts';
import type { NewTask, Task } from '../../shared/tasks/task.ts';
import { useDatabaseAndQueues } from '../helpers/fixtures.ts';
import { queueCounts, receiveMessages, settleBatch, toSqsEvent } from '../helpers/sqs-batch.ts';
import {
  countEvents,
  createTestTenant,
  readTask,
  relayDue,
  submitAndPublish,
  submitTask,
} from '../helpers/task-fixtures.ts';

const config: SweeperConfig = {
  leaseGraceSeconds: 60,
  republishAfterSeconds: 60,
  republishIdleAfterSeconds: 15,
  batchSize: 100,
  dlqVisibilityTimeoutSeconds: 900,
  dlqReceiveCalls: 3,
  retentionDays: 30,
  timeBudgetMs: 20_000,
};

const { testDb, sqs } = useDatabaseAndQueues({ scope: 'each' });
let tenantId: string;
let deps: SweeperDeps;

beforeEach(async () => {
  tenantId = await createTestTenant(testDb.db);
  deps = { db: testDb.db, sqs: sqs.client, queues: sqs.queues, config };
});

const publishTask = (overrides: Partial<NewTask> = {}): Promise<Task> =>
  submitAndPublish(testDb.db, sqs, tenantId, overrides);

/** A worker claimed the task and died: its lease ran out `ago` ago. */
async function abandon(task: Task, ago: string): Promise<void> {
  await claimTasks(testDb.db, [task.id], { leaseMarginSeconds: 0, maxTimeoutSeconds: 900 });
  await testDb.db.query(`UPDATE tasks SET lease_until = now() - :ago::interval WHERE id = :id::uuid`, {
    ago,
    id: task.id,
  });
}

async function outboxRows(taskId: string): Promise<number> {
  const { rows } = await testDb.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM outbox WHERE task_id = :taskId::uuid',
    { taskId },
  );
  return rows[0]!.n;
}

/** Receives the message until the redrive policy moves it to the DLQ, as repeated worker crashes would. */
async function exhaustReceives(queueUrl: string): Promise<void> {
  for (let i = 0; i <= MAX_RECEIVE_COUNT; i++)
    await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0, WaitTimeSeconds: 0 }),
    );
}

function envelope(task: Task, publishedAt: number): string {
  return JSON.stringify({ v: 1, taskId: task.id, attempt: 0, tenantId, type: task.type, publishedAt });
}

describe('sweepOnce: expired leases', () => {
  it('queues again a task whose worker died and whose message did not bring it back (an interruption)', async () => {
    const task = await publishTask({ maxAttempts: 1 });
    await abandon(task, '2 minutes');

    const result = await sweepOnce(deps);

    expect(result).toMatchObject({ reclaimed: 1, expiredFailed: 0, errors: [] });
    // The attempt is handed back: it runs again as attempt 1, and maxAttempts 1 is not used up.
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({
      status: 'QUEUED',
      attempts: 0,
      interruptions: 1,
      leaseUntil: null,
      lastError: null,
    });
    expect(await outboxRows(task.id)).toBe(1);
    expect(await countEvents(testDb.db, task.id, 'interrupted')).toBe(1);
  });

  it('fails a task whose worker vanished more often than maxInterruptions allows', async () => {
    const task = await publishTask({ maxInterruptions: 0 });
    await abandon(task, '2 minutes');

    const result = await sweepOnce(deps);

    expect(result).toMatchObject({ reclaimed: 0, expiredFailed: 1 });
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({
      status: 'FAILED',
      interruptions: 1,
      lastError: { name: 'TaskInterruptedError' },
    });
    expect(await outboxRows(task.id)).toBe(0);
  });

  it('leaves a lease that expired within the grace period to the message coming back', async () => {
    const task = await publishTask();
    await abandon(task, '10 seconds');

    const result = await sweepOnce(deps);

    expect(result).toMatchObject({ reclaimed: 0, expiredFailed: 0 });
    expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('RUNNING');
  });
});

describe('sweepOnce: lost messages', () => {
  /** Deletes every visible message of the queue, as a purge would. */
  async function purge(priority: Priority): Promise<void> {
    const url = sqs.queues.urls[priority];
    const messages = await receiveMessages(sqs.client, url);
    await settleBatch(sqs.client, url, toSqsEvent(messages, 'arn:aws:sqs:us-east-1:000000000000:q'), {
      batchItemFailures: [],
    });
  }

  /** The task's message is gone and it has been due (and queued) for `ago`. */
  async function loseMessage(task: Task, ago = '5 minutes'): Promise<void> {
    await purge(task.priority);
    await testDb.db.query(
      'UPDATE tasks SET run_at = now() - :ago::interval, queued_at = now() - :ago::interval WHERE id = :id::uuid',
      { ago, id: task.id },
    );
  }

  it('publishes a waiting task again when nobody claimed it long after it was due', async () => {
    const task = await publishTask();
    await loseMessage(task);

    const result = await sweepOnce(deps);

    expect(result).toMatchObject({ republished: 1, errors: [] });
    expect(await countEvents(testDb.db, task.id, 'republished')).toBe(1);
    await relayDue(testDb.db, sqs);
    const [message] = await receiveMessages(sqs.client, sqs.queues.urls.medium);
    expect(parseTaskMessage(message!.Body!)?.taskId).toBe(task.id);
    // Once per delay: the new message is in the queue now.
    expect(await sweepOnce(deps)).toMatchObject({ republished: 0 });
  });

  it('leaves a task that became due recently to its message', async () => {
    const task = await publishTask();
    await loseMessage(task, '10 seconds');

    expect(await sweepOnce(deps)).toMatchObject({ republished: 0 });
  });

  it('republishes sooner when the queue is empty: nothing there is waiting its turn', async () => {
    const [early, late] = await Promise.all([
      submitTask(testDb.db, tenantId),
      submitTask(testDb.db, tenantId),
    ]);
    await relayDue(testDb.db, sqs);
    // Due 30 s ago: past the idle delay (15 s), not the backlog delay (60 s).
    for (const task of [early!, late!]) await loseMessage(task, '30 seconds');
    await sendMessages(sqs.client, sqs.queues.urls.medium, [{ id: 'backlog', body: 'another task' }]);

    expect(await sweepOnce(deps)).toMatchObject({ republished: 0 });

    await purge('medium');
    expect(await sweepOnce(deps)).toMatchObject({ republished: 2 });
  });

  it('republishes one batch per run while the queue has a backlog, and all of them once it is empty', async () => {
    const tasks = await Promise.all(Array.from({ length: 5 }, () => submitTask(testDb.db, tenantId)));
    await relayDue(testDb.db, sqs);
    for (const task of tasks) await loseMessage(task);
    await sendMessages(sqs.client, sqs.queues.urls.medium, [{ id: 'backlog', body: 'another task' }]);
    const small = { ...deps, config: { ...config, batchSize: 2 } };

    expect(await sweepOnce(small)).toMatchObject({ republished: 2 });

    // The backlog is gone: the three left go out in one run, batch after batch.
    await purge('medium');
    expect(await sweepOnce(small)).toMatchObject({ republished: 3 });
  });
});

describe('sweepOnce: dead letters', () => {
  it('fails a task whose message the redrive policy moved to the DLQ, and leaves the message there', async () => {
    const task = await publishTask({ priority: 'high' });
    await exhaustReceives(sqs.queues.urls.high);
    expect(await queueCounts(sqs.client, sqs.queues.dlqUrls.high)).toMatchObject({ visible: 1 });

    const result = await sweepOnce(deps);

    expect(result).toMatchObject({ deadLetterMessages: 1, deadLettered: 1, errors: [] });
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({
      status: 'FAILED',
      lastError: { name: 'DeadLetteredError' },
    });
    expect(await countEvents(testDb.db, task.id, 'dead_lettered')).toBe(1);
    // Kept for triage and redrive, hidden so that the next run does not read it again.
    expect(await queueCounts(sqs.client, sqs.queues.dlqUrls.high)).toMatchObject({ visible: 0, inFlight: 1 });
    expect(await sweepOnce(deps)).toMatchObject({ deadLetterMessages: 0, deadLettered: 0 });
  });

  it('ignores a dead letter older than the task queuing it is in now (a task retried since)', async () => {
    const task = await publishTask({ priority: 'low' });
    await sendMessages(sqs.client, sqs.queues.dlqUrls.low, [
      { id: 'stale', body: envelope(task, Date.now() - 3_600_000) },
    ]);

    const result = await sweepOnce(deps);

    expect(result).toMatchObject({ deadLetterMessages: 1, deadLettered: 0 });
    expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('QUEUED');
  });

  it("skips the worker's own dead letters, whose tasks are already FAILED", async () => {
    const task = await publishTask({ priority: 'low' });
    await sendMessages(sqs.client, sqs.queues.dlqUrls.low, [
      { id: 'copy', body: envelope(task, Date.now()), attributes: { deadLetteredBy: 'worker' } },
    ]);

    const result = await sweepOnce(deps);

    expect(result).toMatchObject({ deadLetterMessages: 1, deadLettered: 0 });
    expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('QUEUED');
  });
});

describe('sweepOnce: retention', () => {
  it('deletes only terminal tasks that finished before the retention period', async () => {
    const age = async (task: Task, status: string, finishedDaysAgo: number | null) =>
      testDb.db.query(
        `UPDATE tasks SET status = :status,
                finished_at = CASE WHEN :days::int IS NULL THEN NULL ELSE now() - make_interval(days => :days::int) END
          WHERE id = :id::uuid`,
        { status, days: finishedDaysAgo, id: task.id },
      );
    // Ids carry their creation time (UUIDv7): these tasks were created 100 days ago.
    const created = (n: number) => ({ id: uuidv7(Date.now() - 100 * 86_400_000 + n) });
    const oldCompleted = await submitTask(testDb.db, tenantId, created(0));
    const oldFailed = await submitTask(testDb.db, tenantId, created(1));
    const oldCancelled = await submitTask(testDb.db, tenantId, created(2));
    const recent = await submitTask(testDb.db, tenantId, created(3));
    const running = await submitTask(testDb.db, tenantId, created(4));
    await age(oldCompleted, 'COMPLETED', 40);
    await age(oldFailed, 'FAILED', 31);
    await age(oldCancelled, 'CANCELLED', 90);
    await age(recent, 'COMPLETED', 1);
    await age(running, 'RUNNING', null);

    // Batches of 2: the sweeper keeps deleting until a batch comes back short.
    const result = await sweepOnce({ ...deps, config: { ...config, batchSize: 2 } });

    expect(result.deleted).toBe(3);
    const { rows } = await testDb.db.query<{ id: string }>('SELECT id FROM tasks ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual([recent.id, running.id]);
  });
});
