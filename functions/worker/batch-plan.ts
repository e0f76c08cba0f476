/**
 * What a batch decides for each of its messages, and how that is applied to SQS: the messages to
 * report as failures (`batchItemFailures`, so SQS delivers them again), when each reappears
 * (ChangeMessageVisibility), the retries to publish again should their message be gone, and the
 * copies for the dead-letter queues. Every message not reported is deleted by the event source
 * mapping (or the local poller): a message is only left out when its task needs nothing more from
 * it.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { type AppLogger, MetricName, MetricUnit, metrics } from '../../shared/observability.ts';
import { changeVisibility, type VisibilityChange } from '../../shared/queue/message-visibility.ts';
import {
  type DeadLetter,
  type OutgoingMessage,
  sendMessages,
  sendToDeadLetterQueue,
} from '../../shared/queue/sqs-publisher.ts';
import { CORRELATION_ID_ATTRIBUTE } from '../../shared/queue/task-message.ts';
import { MAX_SQS_DELAY_SECONDS, type TaskError } from '../../shared/tasks/task.ts';
import type { ClaimOutcome } from '../../shared/tasks/task-policy.ts';
import type { Delivery, Ran, TaskRef } from './batch-context.ts';
import type { SourceQueue } from './source-queue.ts';

/** A reappearing message lands this long after the lease it waits for, for clock skew and rounding. */
export const LEASE_SKEW_SECONDS = 1;

/** The response that hands every record back untouched. */
export function allFailed(records: readonly SQSRecord[]): SQSBatchResponse {
  return { batchItemFailures: records.map((record) => ({ itemIdentifier: record.messageId })) };
}

/** What the batch decided for each message, applied to SQS at the end. */
export class BatchPlan {
  readonly failures = new Set<string>();
  readonly visibility: VisibilityChange[] = [];
  readonly deadLetters = new Map<string, DeadLetter[]>();
  /** Retries by message id, to publish again if their message cannot be made to reappear. */
  readonly retries = new Map<string, OutgoingMessage & { queueUrl: string }>();
  /** Messages whose visibility was set before the outcome was committed (a failed one is tried again). */
  private readonly preset = new Set<string>();

  /** Records the visibility changes made ahead of the outcome statement that succeeded. */
  presetVisibility(ids: Iterable<string>): void {
    for (const id of ids) this.preset.add(id);
  }

  /** Fails the record and makes it reappear after `seconds` (when its queue is known). */
  reappearIn(record: SQSRecord, queue: SourceQueue | undefined, seconds: number): void {
    this.failures.add(record.messageId);
    if (queue)
      this.visibility.push({
        id: record.messageId,
        queueUrl: queue.url,
        receiptHandle: record.receiptHandle,
        seconds,
      });
  }

  scheduleRetry(delivery: Delivery, queue: SourceQueue | undefined, seconds: number): void {
    if (this.preset.has(delivery.record.messageId)) this.failures.add(delivery.record.messageId);
    else this.reappearIn(delivery.record, queue, seconds);
    if (queue)
      this.retries.set(delivery.record.messageId, {
        id: delivery.record.messageId,
        queueUrl: queue.url,
        body: delivery.record.body,
        delaySeconds: Math.min(MAX_SQS_DELAY_SECONDS, seconds),
        attributes: { [CORRELATION_ID_ATTRIBUTE]: delivery.correlationId },
      });
  }

  deadLetter(dlqUrl: string, letter: DeadLetter): void {
    const letters = this.deadLetters.get(dlqUrl) ?? [];
    letters.push(letter);
    this.deadLetters.set(dlqUrl, letters);
  }

  /** A message whose task was not claimed (any state but 'claimed' and 'exhausted'). */
  unclaimed(delivery: Delivery, claim: ClaimOutcome, queue: SourceQueue | undefined, log: AppLogger): void {
    switch (claim.state) {
      case 'not_due':
        // A duplicate that arrived during a backoff: it may be the task's last message, so keep it.
        this.reappearIn(delivery.record, queue, Math.ceil(claim.dueInSeconds));
        return;
      case 'no_time':
        this.reappearIn(delivery.record, queue, 0);
        return;
      case 'leased':
        // Someone holds the attempt. If that worker is gone (or lost its outcome to a database
        // failure), this message is what brings the task back once the lease ends; if it is alive,
        // the message is then a duplicate and acknowledged.
        this.reappearIn(delivery.record, queue, Math.ceil(claim.leaseEndsInSeconds) + LEASE_SKEW_SECONDS);
        return;
      case 'skip':
        log.info('worker: duplicate or late message acknowledged', {
          status: claim.previousStatus ?? 'missing',
        });
        metrics.addMetric(MetricName.DuplicateDeliveries, MetricUnit.Count, 1);
        return;
      case 'claimed':
      case 'exhausted':
        // These run (or fail) in the batch; their message is decided by their outcome.
        return;
    }
  }

  /** A recorded outcome (`changed`: the outcome statement changed the task) and its message. */
  recorded(ran: Ran, changed: boolean, queue: SourceQueue | undefined): void {
    const { delivery, task, outcome, log } = ran;
    if (!changed) {
      // Another worker reclaimed the attempt (our lease ran out) or the sweeper closed it: the
      // current owner decides; this message has nothing left to do.
      log.warn('worker: outcome not recorded, the attempt is no longer ours; message acknowledged', {
        attempt: outcome.attempt,
        outcome: outcome.status,
      });
      return;
    }
    switch (outcome.status) {
      case 'COMPLETED':
        // DEBUG: a completion is already a stored event and the TasksCompleted metric, and a line per
        // task was the largest CloudWatch Logs cost per task (docs/deploy.md, "Cost per million tasks").
        log.debug('worker: task completed', { attempt: outcome.attempt, durationMs: outcome.durationMs });
        metrics.addMetric(MetricName.TasksCompleted, MetricUnit.Count, 1);
        return;
      case 'RETRYING':
        log.warn('worker: attempt failed; retry scheduled', {
          attempt: outcome.attempt,
          retryInSeconds: outcome.retryInSeconds,
          error: outcome.error,
        });
        metrics.addMetric(MetricName.TaskRetries, MetricUnit.Count, 1);
        this.scheduleRetry(delivery, queue, outcome.retryInSeconds);
        return;
      case 'QUEUED':
        // Released: visible at once, so another worker (or the next start) runs it without waiting.
        log.warn('worker: attempt released by a stopping worker; it runs again', {
          attempt: outcome.attempt,
          reason: outcome.reason,
        });
        metrics.addMetric(MetricName.AttemptsReleased, MetricUnit.Count, 1);
        this.reappearIn(delivery.record, queue, 0);
        return;
      case 'FAILED': {
        log.error(
          outcome.interrupted ? 'worker: task failed, interrupted too often' : 'worker: task failed',
          {
            attempt: outcome.attempt,
            error: outcome.error,
          },
        );
        metrics.addMetric(MetricName.TasksFailed, MetricUnit.Count, 1);
        if (outcome.interrupted) metrics.addMetric(MetricName.TaskInterruptions, MetricUnit.Count, 1);
        if (queue) this.deadLetter(queue.dlqUrl, deadLetterOf(delivery, task, outcome.error));
        return;
      }
    }
  }

  response(): SQSBatchResponse {
    return { batchItemFailures: [...this.failures].map((itemIdentifier) => ({ itemIdentifier })) };
  }
}

function deadLetterOf(delivery: Delivery, task: TaskRef, error: TaskError): DeadLetter {
  return {
    id: delivery.record.messageId,
    body: delivery.record.body,
    correlationId: delivery.correlationId ?? task.correlationId,
    error,
  };
}

/** Applies visibility changes; returns the ids whose change failed. */
export async function flushVisibility(
  sqs: SQSClient,
  changes: readonly VisibilityChange[],
  log: AppLogger,
): Promise<Set<string>> {
  if (changes.length === 0) return new Set();
  const { failed } = await changeVisibility(sqs, changes);
  // The message still comes back when its current visibility timeout ends, so this only delays it.
  for (const failure of failed)
    log.warn('worker: could not change message visibility', { messageId: failure.id, error: failure.error });
  return new Set(failed.map((failure) => failure.id));
}

/** Applies the plan's visibility changes, retries and dead letters; then `plan.response()` is the answer. */
export async function applyPlan(sqs: SQSClient, plan: BatchPlan, log: AppLogger): Promise<void> {
  await Promise.all([flushRetries(sqs, plan, log), flushDeadLetters(sqs, plan, log)]);
}

/**
 * Makes retried messages reappear after their backoff. A message whose visibility cannot be
 * changed may be gone (another invocation received it while this attempt ran and deleted it as a
 * duplicate); a RETRYING task without a message would never run again, so a new message is sent
 * (a duplicate, if the old one still exists, is absorbed by the claim).
 */
async function flushRetries(sqs: SQSClient, plan: BatchPlan, log: AppLogger): Promise<void> {
  const failed = await flushVisibility(sqs, plan.visibility, log);
  const lost = [...plan.retries.values()].filter((retry) => failed.has(retry.id));
  const byQueue = Map.groupBy(lost, (retry) => retry.queueUrl);
  await Promise.all(
    [...byQueue].map(async ([queueUrl, retries]) => {
      const result = await sendMessages(sqs, queueUrl, retries);
      for (const failure of result.failed)
        log.error('worker: could not publish a retry again; its old message is the only one left', {
          messageId: failure.id,
          error: failure.error,
        });
    }),
  );
}

async function flushDeadLetters(sqs: SQSClient, plan: BatchPlan, log: AppLogger): Promise<void> {
  await Promise.all(
    [...plan.deadLetters].map(async ([dlqUrl, letters]) => {
      const { failed } = await sendToDeadLetterQueue(sqs, dlqUrl, letters);
      const sent = letters.length - failed.length;
      if (sent > 0) metrics.addMetric(MetricName.DeadLettered, MetricUnit.Count, sent);
      // The task is FAILED in the database, which is what the API and redrive go by; the DLQ
      // copy is for triage, so its loss is logged rather than retried through SQS.
      for (const failure of failed)
        log.error('worker: could not copy a failed task to its dead-letter queue', {
          messageId: failure.id,
          error: failure.error,
        });
    }),
  );
}
