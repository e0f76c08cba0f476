import {
  ChangeMessageVisibilityBatchCommand,
  type ChangeMessageVisibilityBatchRequestEntry,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Delivery, Ran } from '../../../functions/worker/batch-context.ts';
import { allFailed, applyPlan, BatchPlan, LEASE_SKEW_SECONDS } from '../../../functions/worker/batch-plan.ts';
import type { SourceQueue } from '../../../functions/worker/source-queue.ts';
import type { AppLogger } from '../../../shared/observability.ts';
import type { AttemptOutcome } from '../../../shared/tasks/task.ts';
import { type ClaimOutcome, classifyClaim } from '../../../shared/tasks/task-policy.ts';
import { claimRow, taskValue } from '../../helpers/task-values.ts';

const queue: SourceQueue = { priority: 'medium', url: 'q/medium', dlqUrl: 'q/medium-dlq' };

/** Collects log lines instead of printing them. */
function recordingLogger(): AppLogger & { lines: { level: string; message: unknown }[] } {
  const lines: { level: string; message: unknown }[] = [];
  const at = (level: string) => (message: unknown) => {
    lines.push({ level, message });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function delivery(n: number): Delivery {
  const record = {
    messageId: `m${n}`,
    receiptHandle: `rh${n}`,
    body: `{"taskId":"t${n}"}`,
  } as SQSRecord;
  const message = { v: 1, taskId: `t${n}`, attempt: 0, tenantId: 'x', type: 'echo', publishedAt: 0 } as const;
  return { record, message, correlationId: `corr-${n}` };
}

function ran(n: number, outcome: Partial<AttemptOutcome> & Pick<AttemptOutcome, 'status'>): Ran {
  const base = { taskId: `t${n}`, attempt: 1, generation: 1, durationMs: 5 };
  return {
    delivery: delivery(n),
    task: { id: `t${n}`, priority: 'medium', correlationId: `task-corr-${n}` },
    outcome: { ...base, ...outcome } as AttemptOutcome,
    log: recordingLogger(),
  };
}

/** An SQS client that answers every batch call, failing the entries `failIds` names. */
function fakeSqs(failIds: { visibility?: string[]; send?: string[] } = {}) {
  const calls = {
    visibility: [] as { queueUrl: string; entries: ChangeMessageVisibilityBatchRequestEntry[] }[],
    sends: [] as { queueUrl: string; entries: SendMessageBatchRequestEntry[] }[],
  };
  const client = {
    async send(command: unknown) {
      if (command instanceof ChangeMessageVisibilityBatchCommand) {
        const entries = command.input.Entries ?? [];
        calls.visibility.push({ queueUrl: command.input.QueueUrl!, entries });
        const failed = entries.filter((e) =>
          failIds.visibility?.includes(e.ReceiptHandle!.replace('rh', 'm')),
        );
        return { Successful: [], Failed: failed.map((e) => ({ Id: e.Id, Code: 'Gone', SenderFault: true })) };
      }
      if (command instanceof SendMessageBatchCommand) {
        const entries = command.input.Entries ?? [];
        calls.sends.push({ queueUrl: command.input.QueueUrl!, entries });
        const failed = entries.filter((e) => failIds.send?.includes(e.MessageBody!));
        return { Successful: [], Failed: failed.map((e) => ({ Id: e.Id, Code: 'Nope', SenderFault: true })) };
      }
      throw new Error('unexpected command');
    },
  };
  return { client: client as unknown as SQSClient, calls };
}

function claim(overrides: Partial<ClaimOutcome>): ClaimOutcome {
  return { ...classifyClaim(claimRow(taskValue()), 600), ...overrides };
}

describe('BatchPlan', () => {
  it('reports what it keeps as failures and hands the rest to SQS to delete', () => {
    const plan = new BatchPlan();
    plan.reappearIn(delivery(1).record, queue, 5);
    plan.reappearIn(delivery(2).record, undefined, 5);
    expect(plan.response()).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm1' }, { itemIdentifier: 'm2' }],
    });
    // Without a known queue there is no receipt to change: it comes back after its own timeout.
    expect(plan.visibility).toEqual([{ id: 'm1', queueUrl: 'q/medium', receiptHandle: 'rh1', seconds: 5 }]);
    expect(allFailed([delivery(3).record, delivery(4).record]).batchItemFailures).toHaveLength(2);
  });

  it('keeps unclaimed messages for when their task can run, and acknowledges duplicates', () => {
    const plan = new BatchPlan();
    const log = recordingLogger();
    plan.unclaimed(delivery(1), claim({ state: 'not_due', dueInSeconds: 41.2 }), queue, log);
    plan.unclaimed(delivery(2), claim({ state: 'no_time' }), queue, log);
    plan.unclaimed(delivery(3), claim({ state: 'leased', leaseEndsInSeconds: 9.5 }), queue, log);
    plan.unclaimed(delivery(4), claim({ state: 'skip', previousStatus: 'COMPLETED' }), queue, log);
    expect(plan.visibility.map((v) => [v.id, v.seconds])).toEqual([
      ['m1', 42],
      ['m2', 0],
      ['m3', 10 + LEASE_SKEW_SECONDS],
    ]);
    expect([...plan.failures]).toEqual(['m1', 'm2', 'm3']);
    expect(log.lines).toEqual([{ level: 'info', message: 'worker: duplicate or late message acknowledged' }]);
  });

  it('turns recorded outcomes into acknowledgements, retries, releases and dead letters', () => {
    const plan = new BatchPlan();
    plan.recorded(ran(1, { status: 'COMPLETED', result: null }), true, queue);
    plan.recorded(ran(2, { status: 'RETRYING', retryInSeconds: 1200, error: { message: 'x' } }), true, queue);
    plan.recorded(ran(3, { status: 'QUEUED', reason: 'shutdown' }), true, queue);
    plan.recorded(ran(4, { status: 'FAILED', error: { name: 'E', message: 'bad' } }), true, queue);
    plan.recorded(ran(5, { status: 'RETRYING', retryInSeconds: 3, error: { message: 'x' } }), false, queue);
    expect([...plan.failures]).toEqual(['m2', 'm3']);
    expect(plan.visibility.map((v) => [v.id, v.seconds])).toEqual([
      ['m2', 1200],
      ['m3', 0],
    ]);
    // The retry's replacement message, should its own be gone, is delayed at most what SQS allows.
    expect(plan.retries.get('m2')).toMatchObject({ queueUrl: 'q/medium', delaySeconds: 900 });
    expect(plan.deadLetters.get('q/medium-dlq')).toEqual([
      { id: 'm4', body: '{"taskId":"t4"}', correlationId: 'corr-4', error: { name: 'E', message: 'bad' } },
    ]);
  });
});

describe('applyPlan', () => {
  it('changes visibility, sends dead letters, and publishes again only the retries whose message is gone', async () => {
    const plan = new BatchPlan();
    plan.recorded(ran(1, { status: 'RETRYING', retryInSeconds: 30, error: { message: 'x' } }), true, queue);
    plan.recorded(ran(2, { status: 'RETRYING', retryInSeconds: 60, error: { message: 'x' } }), true, queue);
    plan.recorded(ran(3, { status: 'FAILED', error: { message: 'bad' } }), true, queue);
    const sqs = fakeSqs({ visibility: ['m2'] });
    const log = recordingLogger();

    await applyPlan(sqs.client, plan, log);

    expect(sqs.calls.visibility.flatMap((c) => c.entries.map((e) => e.VisibilityTimeout))).toEqual([30, 60]);
    const { sends } = sqs.calls;
    expect(sends.map((c) => [c.queueUrl, c.entries.map((e) => e.MessageBody)]).sort()).toEqual([
      ['q/medium', ['{"taskId":"t2"}']],
      ['q/medium-dlq', ['{"taskId":"t3"}']],
    ]);
    expect(sends.find((c) => c.queueUrl === 'q/medium')!.entries[0]).toMatchObject({ DelaySeconds: 60 });
    expect(log.lines.map((l) => l.message)).toEqual(['worker: could not change message visibility']);
  });

  it('logs a dead letter or a retry it could not send, and still answers', async () => {
    const plan = new BatchPlan();
    plan.recorded(ran(1, { status: 'RETRYING', retryInSeconds: 30, error: { message: 'x' } }), true, queue);
    plan.recorded(ran(2, { status: 'FAILED', error: { message: 'bad' } }), true, queue);
    const sqs = fakeSqs({ visibility: ['m1'], send: ['{"taskId":"t1"}', '{"taskId":"t2"}'] });
    const log = recordingLogger();

    await applyPlan(sqs.client, plan, log);

    expect(
      log.lines
        .filter((l) => l.level === 'error')
        .map((l) => l.message)
        .sort(),
    ).toEqual([
      'worker: could not copy a failed task to its dead-letter queue',
      'worker: could not publish a retry again; its old message is the only one left',
    ]);
    expect(plan.response().batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
  });
});
