import type { Message } from '@aws-sdk/client-sqs';
import { beforeEach, describe, expect, it } from 'vitest';
import { type RelayDeps, relayOnce, runRelayLoop } from '../../functions/relay/relay.ts';
import type { RelayConfig } from '../../shared/config/relay.ts';
import { PgDatabase } from '../../shared/db/pg-database.ts';
import { signalOutboxRows } from '../../shared/outbox/outbox-signal.ts';
import { parseTaskMessage } from '../../shared/queue/task-message.ts';
import { useDatabaseAndQueues } from '../helpers/fixtures.ts';
import { queueCounts, receiveMessages } from '../helpers/sqs-batch.ts';
import { createTestTenant, readTask, submitTask, waitFor } from '../helpers/task-fixtures.ts';

const config: RelayConfig = {
  batchSize: 100,
  claimLeaseSeconds: 30,
  idleWaitMs: 20,
  loopSeconds: 55,
  stopMarginMs: 0,
  fairQueues: true,
  scheduleBatchSize: 50,
};

const { testDb, sqs } = useDatabaseAndQueues({ scope: 'each' });
let tenantId: string;
let deps: RelayDeps;

beforeEach(async () => {
  tenantId = await createTestTenant(testDb.db);
  deps = { db: testDb.db, sqs: sqs.client, queues: sqs.queues, config };
});

async function outboxCount(): Promise<number> {
  const { rows } = await testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
  return rows[0]!.n;
}

function taskIdsOf(messages: Message[]): string[] {
  return messages.map((m) => parseTaskMessage(m.Body ?? '')!.taskId);
}

describe('relayOnce', () => {
  it('publishes each task to its priority queue, marks it QUEUED and deletes its outbox row', async () => {
    const high = await submitTask(testDb.db, tenantId, { priority: 'high' });
    const medium = await submitTask(testDb.db, tenantId, { priority: 'medium' });
    const low = await submitTask(testDb.db, tenantId, {
      priority: 'low',
      runAt: new Date(Date.now() + 120_000),
    });

    const result = await relayOnce(deps);

    expect(result).toMatchObject({ claimed: 3, published: 3, skipped: 0, failed: 0, full: false });
    expect(await outboxCount()).toBe(0);
    for (const task of [high, medium, low])
      expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('QUEUED');

    const highMessages = await receiveMessages(sqs.client, sqs.queues.urls.high);
    expect(taskIdsOf(highMessages)).toEqual([high.id]);
    expect(highMessages[0]!.MessageAttributes?.correlationId?.StringValue).toBe(high.correlationId);
    expect(parseTaskMessage(highMessages[0]!.Body!)).toMatchObject({
      v: 1,
      attempt: 0,
      tenantId,
      type: 'echo',
    });
    expect(taskIdsOf(await receiveMessages(sqs.client, sqs.queues.urls.medium))).toEqual([medium.id]);
    // The low task runs in two minutes: its message is published with a delay, not visible yet.
    expect(await queueCounts(sqs.client, sqs.queues.urls.low)).toMatchObject({ visible: 0, delayed: 1 });
  });

  it('delays the message until the task is due', async () => {
    const runAt = new Date(Date.now() + 2500);
    const task = await submitTask(testDb.db, tenantId, { priority: 'high', runAt });

    await relayOnce(deps);

    const [message] = await waitFor(
      async () => {
        const received = await receiveMessages(sqs.client, sqs.queues.urls.high);
        return received.length > 0 ? received : undefined;
      },
      10_000,
      'the delayed message',
    );
    expect(Date.now()).toBeGreaterThanOrEqual(runAt.getTime());
    expect(taskIdsOf([message!])).toEqual([task.id]);
  });

  it('deletes rows of tasks already running or finished without sending them', async () => {
    const done = await submitTask(testDb.db, tenantId);
    await testDb.db.query(`UPDATE tasks SET status = 'COMPLETED', finished_at = now() WHERE id = :id::uuid`, {
      id: done.id,
    });

    const result = await relayOnce(deps);

    expect(result).toMatchObject({ claimed: 1, published: 0, skipped: 1 });
    expect(await outboxCount()).toBe(0);
    expect(await queueCounts(sqs.client, sqs.queues.urls.medium)).toMatchObject({ visible: 0, delayed: 0 });
  });

  it('sends the outbox rows the sweeper writes for waiting tasks (requeued or republished), leaving them as they are', async () => {
    const requeued = await submitTask(testDb.db, tenantId, { priority: 'high' });
    const republished = await submitTask(testDb.db, tenantId, { priority: 'high' });
    await relayOnce(deps);
    await receiveMessages(sqs.client, sqs.queues.urls.high, { visibilityTimeout: 300 });
    // The sweeper's work: one interrupted run queued again, one task whose message was lost.
    await testDb.db.query(
      `UPDATE tasks SET status = CASE WHEN id = :a::uuid THEN 'QUEUED' ELSE 'RETRYING' END, interruptions = 1
        WHERE id IN (:a::uuid, :b::uuid)`,
      { a: requeued.id, b: republished.id },
    );
    await testDb.db.query(
      `INSERT INTO outbox (task_id, queue, available_at)
       SELECT id, priority, now() FROM tasks WHERE id IN (:a::uuid, :b::uuid)`,
      { a: requeued.id, b: republished.id },
    );

    const result = await relayOnce(deps);

    expect(result).toMatchObject({ claimed: 2, published: 2, skipped: 0 });
    expect(taskIdsOf(await receiveMessages(sqs.client, sqs.queues.urls.high)).sort()).toEqual(
      [requeued.id, republished.id].sort(),
    );
    expect((await readTask(testDb.db, tenantId, requeued.id)).status).toBe('QUEUED');
    expect((await readTask(testDb.db, tenantId, republished.id)).status).toBe('RETRYING');
  });

  it('releases the rows whose send failed, and publishes them in a later round', async () => {
    const task = await submitTask(testDb.db, tenantId, { priority: 'low' });
    const broken = { ...sqs.queues, urls: { ...sqs.queues.urls, low: `${sqs.queues.urls.low}-missing` } };

    const failedRound = await relayOnce({ ...deps, queues: broken });

    expect(failedRound).toMatchObject({ claimed: 1, published: 0, failed: 1 });
    const { rows } = await testDb.db.query<{ claimed_until: Date | null }>(
      'SELECT claimed_until FROM outbox',
    );
    expect(rows).toEqual([{ claimed_until: null }]);

    const retried = await relayOnce(deps);

    expect(retried).toMatchObject({ claimed: 1, published: 1 });
    expect(taskIdsOf(await receiveMessages(sqs.client, sqs.queues.urls.low))).toEqual([task.id]);
  });

  it('never publishes a row twice when two relays race over the same rows', async () => {
    const total = 150;
    const priorities = ['high', 'medium', 'low'] as const;
    const tasks = await Promise.all(
      Array.from({ length: total }, (_, i) =>
        submitTask(testDb.db, tenantId, { priority: priorities[i % 3]! }),
      ),
    );
    const otherPool = new PgDatabase(testDb.url, 5);
    const small = { ...config, batchSize: 7 };
    try {
      for (;;) {
        const [a, b] = await Promise.all([
          relayOnce({ ...deps, config: small }),
          relayOnce({ ...deps, db: otherPool, config: small }),
        ]);
        if (a.claimed === 0 && b.claimed === 0) break;
      }
    } finally {
      await otherPool.close();
    }

    const published: string[] = [];
    for (const priority of priorities)
      published.push(
        ...taskIdsOf(await receiveMessages(sqs.client, sqs.queues.urls[priority], { count: total })),
      );
    expect(published).toHaveLength(total);
    expect(new Set(published)).toEqual(new Set(tasks.map((t) => t.id)));
    expect(await outboxCount()).toBe(0);
  });
});

describe('runRelayLoop', () => {
  it('publishes, then stops when its signal aborts, even during a long idle wait', async () => {
    await submitTask(testDb.db, tenantId, { priority: 'high' });
    const controller = new AbortController();

    const loop = runRelayLoop(deps, { signal: controller.signal, idleWaitMs: 600_000 });
    await waitFor(
      async () => ((await outboxCount()) === 0 ? true : undefined),
      10_000,
      'the row to be published',
    );
    controller.abort();
    const totals = await loop;

    expect(totals).toMatchObject({ published: 1, errors: 0 });
  });

  /** A loop idling for 10 minutes after its first, empty round. */
  async function idleLoop(wakeOnSubmit: boolean) {
    const controller = new AbortController();
    let rounds = 0;
    const loop = runRelayLoop(deps, {
      signal: controller.signal,
      idleWaitMs: 600_000,
      wakeOnSubmit,
      shouldContinue: () => {
        rounds += 1;
        return true;
      },
    });
    await waitFor(async () => (rounds >= 1 ? true : undefined), 5_000, 'the first round');
    return {
      /** Rounds started so far (a round is counted when it begins). */
      rounds: () => rounds,
      stop: () => {
        controller.abort();
        return loop;
      },
    };
  }

  it('with wakeOnSubmit, cuts a long idle wait short when this process signals new outbox rows', async () => {
    // Prepare
    const loop = await idleLoop(true);

    // Act: a new task, and the signal the task service raises after committing it.
    await submitTask(testDb.db, tenantId, { priority: 'high' });
    signalOutboxRows();

    // Assess
    await waitFor(
      async () => ((await outboxCount()) === 0 ? true : undefined),
      10_000,
      'the row to be published',
    );
    expect(await loop.stop()).toMatchObject({ published: 1, errors: 0 });
  });

  it('without wakeOnSubmit (the Lambda relay), ignores the signal and keeps its idle wait', async () => {
    const loop = await idleLoop(false);

    await submitTask(testDb.db, tenantId, { priority: 'high' });
    signalOutboxRows();
    await new Promise((resolve) => setTimeout(resolve, 500));

    // No second round began. (The first may still have been running when the task was committed,
    // and then published it: the outbox count says nothing about the signal.)
    expect(loop.rounds()).toBe(1);
    expect(await loop.stop()).toMatchObject({ rounds: 1 });
  });

  it('polls again at once after a full batch and stops when told to', async () => {
    await Promise.all(
      Array.from({ length: 12 }, () => submitTask(testDb.db, tenantId, { priority: 'medium' })),
    );
    let rounds = 0;

    const totals = await runRelayLoop(
      { ...deps, config: { ...config, batchSize: 5 } },
      { idleWaitMs: 0, shouldContinue: () => rounds++ < 3 },
    );

    // Rounds of 5, 5 and 2 rows: the third one is not full, and then shouldContinue says stop.
    expect(totals).toMatchObject({ rounds: 3, published: 12, errors: 0 });
  });
});
