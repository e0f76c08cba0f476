/**
 * `GET /v1/tasks/{id}/explain`: one test per reason. Tasks are put in each state directly (the
 * states the relay and worker would leave), timed against a fixed clock `T` that is passed to
 * `explainTask` in place of the current time, so no test waits.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { type ExplainDeps, explainTask } from '../../../shared/tasks/task-explain.ts';
import { explanationSchema } from '../../../shared/tasks/task-schemas.ts';
import { call, expectProblem } from '../../helpers/api.ts';
import { submit, useOps } from '../ops/ops-fixtures.ts';

const ops = useOps();
const T = new Date('2030-01-01T12:00:00.000Z');
const at = (offsetSeconds: number) => new Date(T.getTime() + offsetSeconds * 1000).toISOString();

const deps = (): ExplainDeps => ({ db: ops.db, sqs: ops.sqs.client, queues: ops.sqs.queues });

/** A task of tenant A in `status`, its timestamps relative to T. */
async function taskIn(
  status: string,
  fields: {
    priority?: string;
    runAt?: number;
    leaseUntil?: number;
    updatedAt?: number;
    finishedAt?: number;
    attempts?: number;
    interruptions?: number;
    error?: object;
  } = {},
): Promise<string> {
  const id = await submit(ops.tenantA.apiKey, { priority: fields.priority ?? 'medium' });
  if (status !== 'PENDING') await ops.db.query('DELETE FROM outbox WHERE task_id = :id::uuid', { id });
  await ops.db.query(
    `UPDATE tasks SET status = :status, run_at = :runAt::timestamptz, lease_until = :leaseUntil::timestamptz,
            updated_at = :updatedAt::timestamptz, finished_at = :finishedAt::timestamptz,
            attempts = :attempts, interruptions = :interruptions, last_error = :error::jsonb
      WHERE id = :id::uuid`,
    {
      id,
      status,
      runAt: at(fields.runAt ?? -1),
      leaseUntil: fields.leaseUntil === undefined ? null : at(fields.leaseUntil),
      updatedAt: at(fields.updatedAt ?? -1),
      finishedAt: fields.finishedAt === undefined ? null : at(fields.finishedAt),
      attempts: fields.attempts ?? 0,
      interruptions: fields.interruptions ?? 0,
      error: fields.error === undefined ? null : JSON.stringify(fields.error),
    },
  );
  return id;
}

const explainAt = (id: string, now = T) => explainTask(deps(), ops.tenantA.id, id, now);

describe('explainTask', () => {
  it('scheduled: a PENDING task whose runAt is ahead, until runAt', async () => {
    const id = await taskIn('PENDING', { runAt: 600 });

    const explanation = await explainAt(id);

    expect(explanation).toMatchObject({ status: 'PENDING', reason: 'scheduled', until: at(600) });
    expect(explanation.detail).toContain('in 10 min');
    expect(explanationSchema.safeParse(explanation).success).toBe(true);
  });

  it('scheduled: a task already published with a delay (QUEUED, runAt ahead)', async () => {
    const id = await taskIn('QUEUED', { runAt: 30 });

    expect(await explainAt(id)).toMatchObject({ status: 'QUEUED', reason: 'scheduled', until: at(30) });
  });

  it("scheduled: a schedule's task held by jitter names its schedule and slot", async () => {
    const id = await taskIn('PENDING', { runAt: 20 });
    const scheduleId = '01a23793-0000-7000-8000-000000000001';
    await ops.db.query(
      'UPDATE tasks SET schedule_id = :scheduleId::uuid, scheduled_for = :slot::timestamptz WHERE id = :id::uuid',
      { id, scheduleId, slot: at(0) },
    );

    const explanation = await explainAt(id);

    expect(explanation).toMatchObject({ reason: 'scheduled', until: at(20) });
    expect(explanation.detail).toContain(`schedule ${scheduleId} for its ${at(0)} slot`);
  });

  it('publishing: a due PENDING task waits for the relay, with the lag', async () => {
    const id = await taskIn('PENDING', { runAt: -45 });

    const explanation = await explainAt(id);

    expect(explanation).toMatchObject({ reason: 'publishing', lagSeconds: 45 });
    expect(explanation.until).toBeUndefined();
  });

  it('queued: its queue’s depths, the oldest due task of its priority and the busy higher queues', async () => {
    await taskIn('QUEUED', { priority: 'low', runAt: -100 });
    const id = await taskIn('QUEUED', { priority: 'low', runAt: -20 });
    const { urls } = ops.sqs.queues;
    await ops.sqs.client.send(new SendMessageCommand({ QueueUrl: urls.high, MessageBody: '{}' }));
    await ops.sqs.client.send(new SendMessageCommand({ QueueUrl: urls.low, MessageBody: '{}' }));
    await ops.sqs.client.send(new SendMessageCommand({ QueueUrl: urls.low, MessageBody: '{}' }));

    const explanation = await explainAt(id);

    expect(explanation).toMatchObject({
      status: 'QUEUED',
      reason: 'queued',
      waitingSeconds: 20,
      queue: {
        priority: 'low',
        visible: 2,
        inFlight: 0,
        oldestWaitingSeconds: 100,
        busierHigherQueues: ['high'],
      },
      warnings: [],
    });
    expect(explanation.detail).toContain('higher queues busy: high');
  });

  it('queued: degrades to a warning when SQS cannot be read', async () => {
    const id = await taskIn('QUEUED', { priority: 'high', runAt: -5 });
    const errors: unknown[] = [];
    const broken = {
      ...ops.sqs.queues,
      urls: { ...ops.sqs.queues.urls, high: `${ops.sqs.queues.urls.high}-gone` },
    };

    const explanation = await explainTask(
      { ...deps(), queues: broken, onQueueError: (err) => errors.push(err) },
      ops.tenantA.id,
      id,
      T,
    );

    expect(explanation).toMatchObject({
      reason: 'queued',
      queue: null,
      warnings: ['queue depths unavailable'],
    });
    expect(errors).toHaveLength(1);
  });

  it('backoff: a RETRYING task retries at until, after the attempt that failed', async () => {
    const id = await taskIn('RETRYING', { runAt: 8, attempts: 2, error: { name: 'Error', message: 'boom' } });

    const explanation = await explainAt(id);

    expect(explanation).toMatchObject({
      reason: 'backoff',
      until: at(8),
      attempt: 2,
      error: { name: 'Error', message: 'boom' },
    });
    expect(explanation.detail).toContain('Attempt 2 of 4 failed (boom)');
  });

  it('queued: a RETRYING task past its backoff waits in its queue', async () => {
    const id = await taskIn('RETRYING', { runAt: -3, attempts: 1, error: { message: 'boom' } });

    const explanation = await explainAt(id);

    expect(explanation).toMatchObject({ reason: 'queued', waitingSeconds: 3 });
    expect(explanation.detail).toMatch(/^Retry after attempt 1 is due/);
  });

  it('running: the lease end and the heartbeat’s age', async () => {
    const id = await taskIn('RUNNING', { leaseUntil: 40, updatedAt: -7, attempts: 1 });

    expect(await explainAt(id)).toMatchObject({
      reason: 'running',
      until: at(40),
      attempt: 1,
      lease: { until: at(40), heartbeatAgeSeconds: 7 },
    });
  });

  it('interrupted: a RUNNING task whose lease ran out comes back a second after the lease', async () => {
    const id = await taskIn('RUNNING', { leaseUntil: -5, updatedAt: -50, attempts: 3, interruptions: 1 });

    const explanation = await explainAt(id);

    expect(explanation).toMatchObject({
      reason: 'interrupted',
      until: at(-4),
      lease: { heartbeatAgeSeconds: 50 },
    });
    expect(explanation.detail).toContain('interruption 2 of 3');
  });

  it('completed, failed (permanent, exhausted, interrupted) and cancelled carry their cause', async () => {
    const completed = await taskIn('COMPLETED', { finishedAt: -1, attempts: 1 });
    const permanent = await taskIn('FAILED', {
      finishedAt: -1,
      attempts: 1,
      error: { name: 'PermanentTaskError', message: 'bad input', permanent: true },
    });
    const exhausted = await taskIn('FAILED', { finishedAt: -1, attempts: 4, error: { message: 'boom' } });
    const interrupted = await taskIn('FAILED', {
      finishedAt: -1,
      attempts: 2,
      interruptions: 3,
      error: { name: 'TaskInterruptedError', message: 'worker stopped' },
    });
    const cancelled = await taskIn('CANCELLED', { finishedAt: -2 });

    expect(await explainAt(completed)).toMatchObject({
      reason: 'completed',
      detail: `Completed at ${at(-1)} after 1 attempt(s).`,
    });
    expect((await explainAt(permanent)).detail).toContain('permanent error (bad input)');
    expect(await explainAt(exhausted)).toMatchObject({
      reason: 'failed',
      interrupted: false,
      error: { message: 'boom' },
    });
    expect((await explainAt(exhausted)).detail).toContain('attempt 4 of 4 failed and no retry was left');
    expect(await explainAt(interrupted)).toMatchObject({ reason: 'failed', interrupted: true });
    expect(await explainAt(cancelled)).toMatchObject({
      reason: 'cancelled',
      detail: `Cancelled at ${at(-2)}.`,
    });
  });
});

describe('GET /v1/tasks/{id}/explain', () => {
  it('answers the tenant’s own task, and 404 for another tenant’s', async () => {
    const id = await submit(ops.tenantA.apiKey, { delaySeconds: 3600 });

    const own = await call('GET', `/v1/tasks/${id}/explain`, { apiKey: ops.tenantA.apiKey });
    const foreign = await call('GET', `/v1/tasks/${id}/explain`, { apiKey: ops.tenantB.apiKey });

    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ taskId: id, status: 'PENDING', reason: 'scheduled' });
    expect(explanationSchema.safeParse(own.body).success).toBe(true);
    expectProblem(foreign, 404, 'id');
  });
});
