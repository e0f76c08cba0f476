/**
 * The local runtime end to end, over HTTP with plain fetch: API handlers -> PostgreSQL -> relay
 * -> SQS emulator -> pollers -> worker, in one process against this file's own database.
 */
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { parseTaskMessage } from '../../shared/queue/task-message.ts';
import type { Priority } from '../../shared/tasks/priority.ts';
import { eventually } from './e2e-client.ts';
import { useLocalRuntime } from './e2e-fixtures.ts';

const { runtime, api } = useLocalRuntime({
  queuePrefix: `e2e-${Date.now().toString(36)}`,
  // The sweeper reads dead-letter queues (hiding what it reads); this file inspects them itself.
  sweeperIntervalSeconds: 3600,
});

/** Waits until the queue holds nothing at all: every message was delivered and settled. */
async function waitUntilQueueDrained(priority: Priority, timeoutMs: number): Promise<void> {
  await eventually(
    async () => {
      const { Attributes = {} } = await runtime.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: runtime.queues.urls[priority],
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        }),
      );
      const total = Object.values(Attributes).reduce((sum, n) => sum + Number(n), 0);
      return total === 0 ? true : undefined;
    },
    { timeoutMs, intervalMs: 100, what: `the ${priority} queue to drain` },
  );
}

describe('local runtime', () => {
  it('runs an echo task to COMPLETED with its payload as the result', async () => {
    const payload = { hello: 'world', n: 42, nested: { list: [1, 2, 3] } };

    const submitted = await api.submit({ type: 'echo', payload, priority: 'high' });
    const done = await api.waitForStatus(submitted.id, 'COMPLETED', 10_000);

    expect(done.result).toEqual(payload);
    expect(done.attempts).toBe(1);
    const types = (await api.events(submitted.id)).map((e) => e.type);
    expect(types).toEqual(['submitted', 'queued', 'started', 'succeeded']);
    const result = await api.request('GET', `/v1/tasks/${submitted.id}/result`);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ id: submitted.id, status: 'COMPLETED', result: payload });
  });

  it('retries a failing task with growing gaps, then fails it and dead-letters its message', async () => {
    const submitted = await api.submit({
      type: 'fail',
      payload: { failTimes: 10 },
      priority: 'medium',
      maxAttempts: 3,
      backoff: { baseSeconds: 1, capSeconds: 4 },
    });

    const failed = await api.waitForStatus(submitted.id, 'FAILED', 15_000);

    expect(failed.attempts).toBe(3);
    expect(failed.error?.message).toContain('deliberate failure on attempt 3');
    const events = await api.events(submitted.id);
    const started = events.filter((e) => e.type === 'started').map((e) => Date.parse(e.createdAt));
    expect(started).toHaveLength(3);
    const [gap1, gap2] = [started[1]! - started[0]!, started[2]! - started[1]!];
    // Backoff ceilings are 1 s then 2 s (base 1, doubling, cap 4).
    expect(gap1).toBeGreaterThanOrEqual(1000);
    expect(gap2).toBeGreaterThanOrEqual(gap1);
    expect(events.filter((e) => e.type === 'retry_scheduled')).toHaveLength(2);
    expect(events.map((e) => e.type)).toContain('failed');

    const dlqTaskIds = await eventually(
      async () => {
        const { Messages = [] } = await runtime.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: runtime.queues.dlqUrls.medium,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            // Leave the message visible for anyone else (the sweeper, a redrive).
            VisibilityTimeout: 0,
          }),
        );
        const ids = Messages.map((m) => parseTaskMessage(m.Body ?? '')?.taskId);
        return ids.includes(submitted.id) ? ids : undefined;
      },
      { timeoutMs: 5000, what: 'the dead letter' },
    );
    expect(dlqTaskIds).toContain(submitted.id);
  });

  it('cancels a scheduled task before it runs, and its message is then discarded', async () => {
    const runAt = new Date(Date.now() + 3000);
    const submitted = await api.submit({
      type: 'echo',
      payload: 'never',
      priority: 'low',
      runAt: runAt.toISOString(),
    });
    // The relay publishes it at once with a delay; cancel while it waits in the queue.
    await api.waitFor(submitted.id, (t) => t.status === 'QUEUED', 5000);

    const cancelled = await api.request<{ status: string }>('POST', `/v1/tasks/${submitted.id}/cancel`, {});

    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    // Past runAt the delayed message is delivered; the worker must find nothing to run.
    await eventually(async () => (Date.now() > runAt.getTime() + 200 ? true : undefined), {
      timeoutMs: 5000,
      what: 'runAt to pass',
    });
    await waitUntilQueueDrained('low', 5000);
    const task = await api.get(submitted.id);
    expect(task.status).toBe('CANCELLED');
    expect(task.startedAt).toBeNull();
    const types = (await api.events(submitted.id)).map((e) => e.type);
    expect(types).toContain('cancelled');
    expect(types).not.toContain('started');
  });

  it('starts a scheduled task no earlier than its runAt', async () => {
    const runAt = new Date(Date.now() + 3000);
    const submitted = await api.submit({
      type: 'echo',
      payload: { at: 'later' },
      runAt: runAt.toISOString(),
    });
    expect(Date.parse(submitted.runAt)).toBe(runAt.getTime());

    const done = await api.waitForStatus(submitted.id, 'COMPLETED', 10_000);

    expect(Date.parse(done.startedAt!)).toBeGreaterThanOrEqual(runAt.getTime());
    // ...and not much later: the delay is honoured to the second.
    expect(Date.parse(done.startedAt!) - runAt.getTime()).toBeLessThan(2500);
  });

  it('lists the tenant’s tasks newest first', async () => {
    const a = await api.submit({ type: 'reverse', payload: { text: 'abc' } });
    const b = await api.submit({ type: 'echo', payload: 1 });

    const page = await api.request<{ items: { id: string }[] }>('GET', '/v1/tasks?limit=2');

    expect(page.status).toBe(200);
    expect(page.body.items.map((t) => t.id)).toEqual([b.id, a.id]);
  });
});
