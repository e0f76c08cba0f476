import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { WorkerStoppedError } from '../../functions/worker/attempt-stop.ts';
import type { WorkerDeps } from '../../functions/worker/batch-context.ts';
import { handler } from '../../functions/worker/handler.ts';
import { OutageBackoff } from '../../functions/worker/outage-backoff.ts';
import { processBatch } from '../../functions/worker/process-batch.ts';
import type { WorkerConfig } from '../../shared/config/worker.ts';
import type { Executor, QueryResult, SqlParams } from '../../shared/db/database.ts';
import { PgDatabase } from '../../shared/db/pg-database.ts';
import { configureProcessDeps } from '../../shared/process-deps.ts';
import { sendMessages } from '../../shared/queue/sqs-publisher.ts';
import type { Priority } from '../../shared/tasks/priority.ts';
import { cancelTask, listEvents } from '../../shared/tasks/store/api-sql.ts';
import { claimTasks } from '../../shared/tasks/store/worker-sql.ts';
import type { NewTask, Task } from '../../shared/tasks/task.ts';
import { useDatabaseAndQueues } from '../helpers/fixtures.ts';
import {
  lambdaContext,
  queueArn,
  queueCounts,
  receiveMessages,
  settleBatch,
  toSqsEvent,
} from '../helpers/sqs-batch.ts';
import {
  countEvents,
  createTestTenant,
  readTask,
  relayDue,
  submitAndPublish,
  submitTask,
  waitFor,
} from '../helpers/task-fixtures.ts';

const config: WorkerConfig = {
  leaseMarginSeconds: 5,
  claimVisibilityDelayMs: 100,
  safetyMarginMs: 1000,
  minRemainingMs: 5000,
  heartbeatSeconds: 10,
};

const { testDb, sqs, replaceQueues } = useDatabaseAndQueues({ scope: 'each' });
let tenantId: string;
let deps: WorkerDeps;

beforeEach(async () => {
  tenantId = await createTestTenant(testDb.db);
  // random() = 0: the shortest backoff, half the ceiling (1 s for the first retry with base 2 s).
  deps = { db: testDb.db, sqs: sqs.client, queues: sqs.queues, config, random: () => 0 };
});

const publishTask = (overrides: Partial<NewTask> = {}): Promise<Task> =>
  submitAndPublish(testDb.db, sqs, tenantId, overrides);

/** Receives what is visible on a queue as one SQS event, as an event source mapping would. */
async function deliver(priority: Priority = 'medium', count = 10): Promise<SQSEvent> {
  const url = sqs.queues.urls[priority];
  return toSqsEvent(await receiveMessages(sqs.client, url, { count }), await queueArn(sqs.client, url));
}

/** Runs the worker on an event and settles the batch like Lambda: acknowledged messages are deleted. */
async function work(
  event: SQSEvent,
  priority: Priority = 'medium',
  workerDeps = deps,
): Promise<SQSBatchResponse> {
  const response = await processBatch(event, lambdaContext(60_000), workerDeps);
  await settleBatch(sqs.client, sqs.queues.urls[priority], event, response);
  return response;
}

function fakeContext(remainingMs: number): Context {
  return {
    ...lambdaContext(remainingMs),
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'taskforge-worker',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:taskforge-worker',
    memoryLimitInMB: '1024',
    awsRequestId: 'test-request',
    logGroupName: '/aws/lambda/taskforge-worker',
    logStreamName: 'test',
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function failedIds(response: SQSBatchResponse): string[] {
  return response.batchItemFailures.map((f) => f.itemIdentifier);
}

async function waitForMessages(priority: Priority, what: string): Promise<SQSEvent> {
  return waitFor(
    async () => {
      const event = await deliver(priority);
      return event.Records.length > 0 ? event : undefined;
    },
    10_000,
    what,
  );
}

describe('processBatch', () => {
  it('runs a task to COMPLETED with its result, and acknowledges the message', async () => {
    const task = await publishTask({ type: 'reverse', payload: { text: 'abc' } });
    const event = await deliver();
    expect(event.Records).toHaveLength(1);

    const response = await work(event);

    expect(response.batchItemFailures).toEqual([]);
    const done = await readTask(testDb.db, tenantId, task.id);
    expect(done).toMatchObject({
      status: 'COMPLETED',
      attempts: 1,
      result: { reversed: 'cba' },
      leaseUntil: null,
    });
    expect(await queueCounts(sqs.client, sqs.queues.urls.medium)).toEqual({
      visible: 0,
      inFlight: 0,
      delayed: 0,
    });
  });

  it('runs a task once when its message is delivered twice', async () => {
    const task = await publishTask();
    const first = await deliver();
    await sendMessages(sqs.client, sqs.queues.urls.medium, [{ id: 'dup', body: first.Records[0]!.body }]);
    await work(first);

    const second = await deliver();
    expect(second.Records).toHaveLength(1);
    const response = await work(second);

    expect(response.batchItemFailures).toEqual([]);
    expect(await countEvents(testDb.db, task.id, 'started')).toBe(1);
    expect(await countEvents(testDb.db, task.id, 'succeeded')).toBe(1);
  });

  it('runs a task once when the same batch holds its message twice', async () => {
    const task = await publishTask();
    const original = await receiveMessages(sqs.client, sqs.queues.urls.medium);
    await sendMessages(sqs.client, sqs.queues.urls.medium, [{ id: 'dup', body: original[0]!.Body! }]);
    const copy = await receiveMessages(sqs.client, sqs.queues.urls.medium);
    const event = toSqsEvent([...original, ...copy], await queueArn(sqs.client, sqs.queues.urls.medium));
    expect(event.Records).toHaveLength(2);

    const response = await work(event);

    expect(response.batchItemFailures).toEqual([]);
    expect(await countEvents(testDb.db, task.id, 'started')).toBe(1);
    expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('COMPLETED');
  });

  it('never lets two workers racing on the same records claim a task twice', async () => {
    const tasks = await Promise.all(Array.from({ length: 10 }, () => submitTask(testDb.db, tenantId)));
    await relayDue(testDb.db, sqs);
    const event = await deliver('medium', 10);
    expect(event.Records).toHaveLength(10);
    const otherPool = new PgDatabase(testDb.url, 5);
    try {
      // The loser of each race acknowledges the message or, when it sees the winner's lease,
      // defers it to the lease's end; either way nothing runs twice.
      await Promise.all([
        processBatch(event, lambdaContext(60_000), deps),
        processBatch(event, lambdaContext(60_000), { ...deps, db: otherPool }),
      ]);
    } finally {
      await otherPool.close();
    }

    const { rows } = await testDb.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM task_events WHERE type = 'started'`,
    );
    expect(rows[0]!.n).toBe(10);
    for (const task of tasks) expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('COMPLETED');
  });

  it('reruns the attempt of a worker that died mid-attempt under the same number, exactly once', async () => {
    const task = await publishTask();
    const event = await deliver();
    // A worker claims the attempt, then dies: its lease runs out with no outcome recorded.
    await claimTasks(testDb.db, [task.id], { leaseMarginSeconds: 0, maxTimeoutSeconds: 900 });
    await testDb.db.query(`UPDATE tasks SET lease_until = now() - interval '1 second' WHERE id = :id::uuid`, {
      id: task.id,
    });

    const response = await work(event);

    expect(response.batchItemFailures).toEqual([]);
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({
      status: 'COMPLETED',
      attempts: 1,
      interruptions: 1,
    });
    expect(await countEvents(testDb.db, task.id, 'started')).toBe(2);
    expect(await countEvents(testDb.db, task.id, 'interrupted')).toBe(1);
    expect(await countEvents(testDb.db, task.id, 'succeeded')).toBe(1);
  });

  it('defers the message of a running attempt with a live lease to the end of that lease', async () => {
    const task = await publishTask();
    const event = await deliver();
    await claimTasks(testDb.db, [task.id], { leaseMarginSeconds: 60, maxTimeoutSeconds: 900 });

    const response = await work(event);

    expect(failedIds(response)).toEqual([event.Records[0]!.messageId]);
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({ status: 'RUNNING', attempts: 1 });
    expect(await countEvents(testDb.db, task.id, 'started')).toBe(1);
    // Hidden until the lease ends (timeout 30 s + 60 s), not deleted: if the owner never reports,
    // this message brings the task back.
    expect(await queueCounts(sqs.client, sqs.queues.urls.medium)).toMatchObject({ visible: 0, inFlight: 1 });
  });

  it('schedules a retry after a retryable failure: RETRYING, message back after the backoff', async () => {
    const task = await publishTask({ type: 'fail', payload: { failTimes: 1 }, maxAttempts: 3 });
    const event = await deliver();
    const before = Date.now();

    const response = await work(event);

    expect(failedIds(response)).toEqual([event.Records[0]!.messageId]);
    const retrying = await readTask(testDb.db, tenantId, task.id);
    expect(retrying).toMatchObject({ status: 'RETRYING', attempts: 1, lastError: { name: 'Error' } });
    expect(await countEvents(testDb.db, task.id, 'retry_scheduled')).toBe(1);
    // Hidden for the 1 s backoff instead of the queue's 30 s visibility timeout.
    expect(await queueCounts(sqs.client, sqs.queues.urls.medium)).toMatchObject({ visible: 0, inFlight: 1 });

    const again = await waitForMessages('medium', 'the retried message');
    expect(Date.now()).toBeGreaterThanOrEqual(before + 1000);
    expect((await work(again)).batchItemFailures).toEqual([]);
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({
      status: 'COMPLETED',
      attempts: 2,
      result: { succeededOnAttempt: 2 },
    });
  });

  it('publishes a retry again when its message is gone (deleted by another invocation meanwhile)', async () => {
    const task = await publishTask({ type: 'fail', payload: { failTimes: 1 }, maxAttempts: 3 });
    const event = await deliver();
    await settleBatch(sqs.client, sqs.queues.urls.medium, event, { batchItemFailures: [] });

    const response = await processBatch(event, lambdaContext(60_000), deps);

    expect(failedIds(response)).toEqual([event.Records[0]!.messageId]);
    expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('RETRYING');
    const again = await waitForMessages('medium', 'the republished retry');
    expect((await work(again)).batchItemFailures).toEqual([]);
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({ status: 'COMPLETED', attempts: 2 });
  });

  it('fails a task at once on a permanent error and copies its message to the DLQ', async () => {
    const task = await publishTask({
      type: 'fail',
      payload: { permanent: true, message: 'no way' },
      maxAttempts: 5,
    });
    const event = await deliver();

    const response = await work(event);

    expect(response.batchItemFailures).toEqual([]);
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      lastError: { name: 'PermanentTaskError', message: 'no way', permanent: true },
    });
    expect(await countEvents(testDb.db, task.id, 'dead_lettered')).toBe(1);
    const [letter, ...rest] = await receiveMessages(sqs.client, sqs.queues.dlqUrls.medium);
    expect(rest).toEqual([]);
    expect(letter!.Body).toBe(event.Records[0]!.body);
    expect(letter!.MessageAttributes?.errorName?.StringValue).toBe('PermanentTaskError');
    expect(letter!.MessageAttributes?.correlationId?.StringValue).toBe(task.correlationId);
    expect(await queueCounts(sqs.client, sqs.queues.urls.medium)).toEqual({
      visible: 0,
      inFlight: 0,
      delayed: 0,
    });
  });

  it('fails a task whose attempts are exhausted and copies its message to the DLQ', async () => {
    const task = await publishTask({ type: 'fail', payload: {}, maxAttempts: 1 });

    const response = await work(await deliver());

    expect(response.batchItemFailures).toEqual([]);
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(await receiveMessages(sqs.client, sqs.queues.dlqUrls.medium)).toHaveLength(1);
  });

  it('runs the last attempt again when its worker died, instead of failing it', async () => {
    const task = await publishTask({ maxAttempts: 1 });
    const event = await deliver();
    await claimTasks(testDb.db, [task.id], { leaseMarginSeconds: 0, maxTimeoutSeconds: 900 });
    await testDb.db.query(`UPDATE tasks SET lease_until = now() - interval '1 second' WHERE id = :id::uuid`, {
      id: task.id,
    });

    const response = await work(event);

    expect(response.batchItemFailures).toEqual([]);
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({
      status: 'COMPLETED',
      attempts: 1,
      interruptions: 1,
    });
  });

  it('fails a task whose worker vanished more often than maxInterruptions, and copies it to the DLQ', async () => {
    const task = await publishTask({ maxInterruptions: 0 });
    const event = await deliver();
    await claimTasks(testDb.db, [task.id], { leaseMarginSeconds: 0, maxTimeoutSeconds: 900 });
    await testDb.db.query(`UPDATE tasks SET lease_until = now() - interval '1 second' WHERE id = :id::uuid`, {
      id: task.id,
    });

    const response = await work(event);

    expect(response.batchItemFailures).toEqual([]);
    const failed = await readTask(testDb.db, tenantId, task.id);
    expect(failed).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      interruptions: 1,
      lastError: { name: 'TaskInterruptedError' },
    });
    expect(failed.lastError?.message).toContain('maxInterruptions 0');
    expect(await countEvents(testDb.db, task.id, 'interrupted')).toBe(1);
    expect(await receiveMessages(sqs.client, sqs.queues.dlqUrls.medium)).toHaveLength(1);
  });

  it('fails a task at once when its payload no longer matches its type', async () => {
    const task = await publishTask({ type: 'reverse', payload: { text: 42 } });

    await work(await deliver());

    const failed = await readTask(testDb.db, tenantId, task.id);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, lastError: { permanent: true } });
    expect(failed.lastError?.message).toContain('text');
  });

  it('fails a task of an unknown type at once', async () => {
    const task = await publishTask({ type: 'no-such-type', maxAttempts: 5 });

    await work(await deliver());

    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({ status: 'FAILED', attempts: 1 });
  });

  it('acknowledges the message of a cancelled task without running it', async () => {
    const task = await publishTask();
    await cancelTask(testDb.db, tenantId, task.id, 'test');

    const response = await work(await deliver());

    expect(response.batchItemFailures).toEqual([]);
    expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('CANCELLED');
    expect(await countEvents(testDb.db, task.id, 'started')).toBe(0);
  });

  it('acknowledges a message that is not a task message', async () => {
    await sendMessages(sqs.client, sqs.queues.urls.medium, [{ id: 'junk', body: 'not json' }]);

    const response = await work(await deliver());

    expect(response.batchItemFailures).toEqual([]);
    expect(await queueCounts(sqs.client, sqs.queues.urls.medium)).toEqual({
      visible: 0,
      inFlight: 0,
      delayed: 0,
    });
  });

  it('defers a message whose task is not due until the task is due', async () => {
    const runAt = new Date(Date.now() + 2500);
    const task = await publishTask({ runAt });
    // An early copy of the message (the relay's own is delayed until runAt).
    const early = JSON.stringify({
      v: 1,
      taskId: task.id,
      attempt: 0,
      tenantId,
      type: 'echo',
      publishedAt: Date.now(),
    });
    await sendMessages(sqs.client, sqs.queues.urls.medium, [{ id: 'early', body: early }]);
    const event = await deliver();
    expect(event.Records).toHaveLength(1);

    const response = await work(event);

    expect(failedIds(response)).toEqual([event.Records[0]!.messageId]);
    expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('QUEUED');
    for (;;) {
      // Either copy: the deferred one (hidden for the seconds left) or the relay's delayed one.
      const next = await waitForMessages('medium', 'the deferred message');
      expect(Date.now()).toBeGreaterThanOrEqual(runAt.getTime());
      await work(next);
      if ((await readTask(testDb.db, tenantId, task.id)).status === 'COMPLETED') break;
    }
    expect(await countEvents(testDb.db, task.id, 'started')).toBe(1);
  });

  it('returns the whole batch without claiming when too little time is left', async () => {
    const task = await publishTask();
    const event = await deliver();

    const response = await processBatch(event, lambdaContext(config.minRemainingMs - 1000), deps);

    expect(failedIds(response)).toEqual([event.Records[0]!.messageId]);
    expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('QUEUED');
    expect(await countEvents(testDb.db, task.id, 'started')).toBe(0);
  });

  it('hands a task that does not fit in the remaining time to another invocation', async () => {
    const task = await publishTask({ timeoutSeconds: 300 });
    const event = await deliver();

    const response = await work(event);

    expect(failedIds(response)).toEqual([event.Records[0]!.messageId]);
    expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('QUEUED');
    // Visible again at once (in a second) for an invocation with more time.
    const again = await waitForMessages('medium', 'the handed-back message');
    expect(again.Records).toHaveLength(1);
  });

  it('times out an attempt after timeoutSeconds and schedules a retry', async () => {
    const task = await publishTask({
      type: 'sleep',
      payload: { seconds: 30 },
      timeoutSeconds: 1,
      maxAttempts: 2,
    });
    const event = await deliver();

    const response = await work(event);

    expect(failedIds(response)).toEqual([event.Records[0]!.messageId]);
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({
      status: 'RETRYING',
      attempts: 1,
      lastError: { name: 'TaskTimeoutError' },
    });
  });

  it('keeps the message of a long attempt hidden with heartbeats beyond the visibility timeout', async () => {
    await replaceQueues({ visibilityTimeoutSeconds: 3 });
    const task = await publishTask({ type: 'sleep', payload: { seconds: 4.5 }, timeoutSeconds: 10 });
    const event = await deliver();
    const workerDeps = {
      ...deps,
      sqs: sqs.client,
      queues: sqs.queues,
      config: { ...config, heartbeatSeconds: 0.5 },
    };

    let finished = false;
    const running = work(event, 'medium', workerDeps).finally(() => {
      finished = true;
    });
    const seenWhileRunning: string[] = [];
    while (!finished) {
      const stray = await receiveMessages(sqs.client, sqs.queues.urls.medium, { count: 1 });
      seenWhileRunning.push(...stray.map((m) => m.MessageId!));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const response = await running;

    expect(seenWhileRunning).toEqual([]);
    expect(response.batchItemFailures).toEqual([]);
    expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('COMPLETED');
  });

  it('acknowledges without recording when the attempt was taken over meanwhile', async () => {
    const task = await publishTask({ type: 'sleep', payload: { seconds: 0.5 } });
    const event = await deliver();

    const running = work(event);
    await waitFor(
      async () => ((await readTask(testDb.db, tenantId, task.id)).status === 'RUNNING' ? true : undefined),
      5000,
      'the attempt to start',
    );
    // Another worker reclaims the attempt (as after an expired lease).
    await testDb.db.query('UPDATE tasks SET attempts = attempts + 1 WHERE id = :id::uuid', { id: task.id });
    const response = await running;

    expect(response.batchItemFailures).toEqual([]);
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({ status: 'RUNNING', attempts: 2 });
    expect(await countEvents(testDb.db, task.id, 'succeeded')).toBe(0);
  });

  it('is what the Lambda handler runs, with the dependencies of shared/process-deps.ts', async () => {
    configureProcessDeps({ database: testDb.db, queues: sqs.queues, sqs: sqs.client });
    const task = await publishTask();
    const event = await deliver();

    const response = await handler(event, fakeContext(60_000));

    expect(response.batchItemFailures).toEqual([]);
    expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('COMPLETED');
  });

  it('returns every record within seconds when the database is unreachable', async () => {
    const task = await publishTask();
    const event = await deliver();
    const unreachable = new PgDatabase('postgres://postgres@127.0.0.1:1/none', 1);
    const failedAt = Date.now();
    try {
      const response = await processBatch(event, lambdaContext(60_000), {
        ...deps,
        db: unreachable,
        outage: new OutageBackoff(),
      });
      expect(failedIds(response)).toEqual(event.Records.map((r) => r.messageId));
    } finally {
      await unreachable.close();
    }

    // Hidden 2 s (the shortest delay, random() = 0), not the queue's 30 s visibility timeout.
    expect(await queueCounts(sqs.client, sqs.queues.urls.medium)).toMatchObject({ visible: 0, inFlight: 1 });
    const again = await waitForMessages('medium', 'the returned message');
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(1500);
    expect(Date.now() - failedAt).toBeLessThan(10_000);
    await work(again);
    expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('COMPLETED');
  });
});

/** The worker statements, told apart by their text. */
const CLAIM_STATEMENT = 'lease_generation = t.lease_generation + 1';
const FINISH_STATEMENT = 'AS x(id uuid, attempt integer, generation integer';

/**
 * The test database, except that statements containing `match` fail (`fail`) or never answer
 * (`hang`, as for a worker that died mid-statement) while `armed` holds.
 */
class FaultyDatabase implements Executor {
  armed = true;
  private readonly hung: (() => void)[] = [];

  constructor(
    private readonly db: Executor,
    private readonly match: string,
    /** `commit-then-hang`: the statement runs (and commits), then the worker dies before it hears back. */
    private readonly fault: 'fail' | 'hang' | 'commit-then-hang',
  ) {}

  query<Row = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<QueryResult<Row>> {
    if (!this.armed || !sql.includes(this.match)) return this.db.query<Row>(sql, params);
    if (this.fault === 'commit-then-hang') {
      this.armed = false;
      return this.db
        .query<Row>(sql, params)
        .then(
          () => new Promise((_, reject) => this.hung.push(() => reject(new Error('the worker is gone')))),
        );
    }
    if (this.fault === 'fail') {
      this.armed = false;
      return Promise.reject(new Error('connection terminated unexpectedly'));
    }
    return new Promise((_, reject) => this.hung.push(() => reject(new Error('the worker is gone'))));
  }

  /** Lets a hung statement fail, so the dead worker's invocation ends (its outcome is refused anyway). */
  release(): void {
    for (const end of this.hung.splice(0)) end();
  }
}

describe('processBatch: dead workers, database failures, forced stops', () => {
  it('hides a claimed message until its lease ends, so a dead worker’s task runs again then', async () => {
    const task = await publishTask({ timeoutSeconds: 2 });
    const event = await deliver();
    // This worker runs the attempt, then dies while recording it.
    const dying = new FaultyDatabase(testDb.db, FINISH_STATEMENT, 'hang');
    const claimedAt = Date.now();
    const dead = processBatch(event, lambdaContext(60_000), {
      ...deps,
      db: dying,
      config: { ...config, leaseMarginSeconds: 1 },
    });

    try {
      // The lease ends 3 s after the claim (timeout 2 s + margin 1 s); the queue would have hidden
      // the message for 30 s.
      const again = await waitForMessages('medium', 'the dead worker’s message');
      const hiddenMs = Date.now() - claimedAt;
      expect(hiddenMs).toBeGreaterThanOrEqual(3000);
      expect(hiddenMs).toBeLessThan(10_000);
      expect((await work(again)).batchItemFailures).toEqual([]);
    } finally {
      dying.release();
      await dead;
    }
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({
      status: 'COMPLETED',
      attempts: 1,
      interruptions: 1,
    });
    expect(await countEvents(testDb.db, task.id, 'succeeded')).toBe(1);
  });

  it('brings a retry back after its backoff when the worker dies right after recording it', async () => {
    const task = await publishTask({ type: 'fail', payload: { failTimes: 1 }, maxAttempts: 3 });
    const event = await deliver();
    // The outcome statement commits RETRYING, then this worker is gone before any later SQS call.
    const dying = new FaultyDatabase(testDb.db, FINISH_STATEMENT, 'commit-then-hang');
    const before = Date.now();
    const dead = processBatch(event, lambdaContext(60_000), { ...deps, db: dying });

    try {
      // The 1 s backoff, not the queue's 30 s visibility timeout.
      const again = await waitForMessages('medium', 'the retry of the dead worker');
      expect(Date.now() - before).toBeLessThan(10_000);
      expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('RETRYING');
      expect((await work(again)).batchItemFailures).toEqual([]);
    } finally {
      dying.release();
      await dead;
    }
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({ status: 'COMPLETED', attempts: 2 });
  });

  it('runs a fail-twice task (maxAttempts 3) whose worker died in its third attempt again, to COMPLETED', async () => {
    const task = await publishTask({
      type: 'fail',
      payload: { failTimes: 2 },
      maxAttempts: 3,
      timeoutSeconds: 2,
      backoffBaseSeconds: 1,
      backoffCapSeconds: 1,
    });
    await work(await deliver());
    await work(await waitForMessages('medium', 'the second attempt'));
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({ status: 'RETRYING', attempts: 2 });
    const third = await waitForMessages('medium', 'the third attempt');
    const dying = new FaultyDatabase(testDb.db, FINISH_STATEMENT, 'hang');
    const dead = processBatch(third, lambdaContext(60_000), {
      ...deps,
      db: dying,
      config: { ...config, leaseMarginSeconds: 1 },
    });

    try {
      await work(await waitForMessages('medium', 'the third attempt, again'));
    } finally {
      dying.release();
      await dead;
    }
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({
      status: 'COMPLETED',
      attempts: 3,
      interruptions: 1,
      result: { succeededOnAttempt: 3 },
    });
    const events = await listEvents(testDb.db, tenantId, task.id, 100, null);
    expect(events!.filter((e) => e.type === 'started').map((e) => e.attempt)).toEqual([1, 2, 3, 3]);
    expect(events!.filter((e) => e.type === 'interrupted').map((e) => e.attempt)).toEqual([3]);
  });

  it('passes an outcome it cannot record on in a new message; the next worker records it without running again', async () => {
    const task = await publishTask({ type: 'reverse', payload: { text: 'abc' } });
    const event = await deliver();
    const flaky = new FaultyDatabase(testDb.db, FINISH_STATEMENT, 'fail');
    const failedAt = Date.now();

    const response = await work(event, 'medium', { ...deps, db: flaky, outage: new OutageBackoff() });

    // The original is acknowledged; the outcome travels in a new message due in 2 s.
    expect(response.batchItemFailures).toEqual([]);
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({ status: 'RUNNING', attempts: 1 });
    const carried = await waitForMessages('medium', 'the message carrying the outcome');
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(1500);
    expect((await work(carried)).batchItemFailures).toEqual([]);
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({
      status: 'COMPLETED',
      attempts: 1,
      interruptions: 0,
      result: { reversed: 'cba' },
    });
    expect(await countEvents(testDb.db, task.id, 'started')).toBe(1);
    expect(await countEvents(testDb.db, task.id, 'succeeded')).toBe(1);
    expect(await queueCounts(sqs.client, sqs.queues.urls.medium)).toEqual({
      visible: 0,
      inFlight: 0,
      delayed: 0,
    });
  });

  it('passes a retry on too: the carried message then brings the next attempt', async () => {
    const task = await publishTask({ type: 'fail', payload: { failTimes: 1 }, maxAttempts: 3 });
    const flaky = new FaultyDatabase(testDb.db, FINISH_STATEMENT, 'fail');
    await work(await deliver(), 'medium', { ...deps, db: flaky, outage: new OutageBackoff() });

    await work(await waitForMessages('medium', 'the carried retry'));
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({ status: 'RETRYING', attempts: 1 });
    await work(await waitForMessages('medium', 'the second attempt'));

    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({
      status: 'COMPLETED',
      attempts: 2,
      result: { succeededOnAttempt: 2 },
    });
    expect(await countEvents(testDb.db, task.id, 'started')).toBe(2);
  });

  it('returns the batch within seconds when the claim fails', async () => {
    const task = await publishTask();
    const event = await deliver();
    const flaky = new FaultyDatabase(testDb.db, CLAIM_STATEMENT, 'fail');

    const response = await work(event, 'medium', { ...deps, db: flaky, outage: new OutageBackoff() });

    expect(failedIds(response)).toEqual([event.Records[0]!.messageId]);
    expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('QUEUED');
    await work(await waitForMessages('medium', 'the returned message'));
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({ status: 'COMPLETED', attempts: 1 });
  });

  it('releases running attempts on a forced stop: QUEUED, not counted, message visible at once', async () => {
    const task = await publishTask({ type: 'sleep', payload: { seconds: 30 }, timeoutSeconds: 40 });
    const event = await deliver();
    const stop = new AbortController();
    const running = work(event, 'medium', { ...deps, stop: stop.signal });
    await waitFor(
      async () => ((await readTask(testDb.db, tenantId, task.id)).status === 'RUNNING' ? true : undefined),
      5000,
      'the attempt to start',
    );

    stop.abort(new WorkerStoppedError('shutdown'));
    const stoppedAt = Date.now();
    const response = await running;

    expect(failedIds(response)).toEqual([event.Records[0]!.messageId]);
    expect(await readTask(testDb.db, tenantId, task.id)).toMatchObject({
      status: 'QUEUED',
      attempts: 0,
      interruptions: 0,
      leaseUntil: null,
    });
    const events = await listEvents(testDb.db, tenantId, task.id, 100, null);
    expect(events!.at(-1)).toMatchObject({ type: 'interrupted', attempt: 1, detail: { reason: 'shutdown' } });
    // Visible at once (in a second), and claimable at once.
    const again = await waitForMessages('medium', 'the released message');
    expect(Date.now() - stoppedAt).toBeLessThan(3000);
    expect(again.Records).toHaveLength(1);
    const [claim] = await claimTasks(testDb.db, [task.id], { leaseMarginSeconds: 5, maxTimeoutSeconds: 900 });
    expect(claim!.claimed).toMatchObject({ status: 'RUNNING', attempts: 1 });
  });

  it('claims nothing once stopped, and hands the batch back at once', async () => {
    const task = await publishTask();
    const event = await deliver();
    const stop = new AbortController();
    stop.abort(new WorkerStoppedError('shutdown'));

    const response = await work(event, 'medium', { ...deps, stop: stop.signal });

    expect(failedIds(response)).toEqual([event.Records[0]!.messageId]);
    expect((await readTask(testDb.db, tenantId, task.id)).status).toBe('QUEUED');
    expect(await countEvents(testDb.db, task.id, 'started')).toBe(0);
    expect((await waitForMessages('medium', 'the handed-back message')).Records).toHaveLength(1);
  });
});
