/**
 * The worker's logic for one SQS batch: one statement claims every task of the batch, the claimed
 * attempts run concurrently, and one statement records every outcome. The response lists the
 * messages SQS must deliver again (partial batch failures, ReportBatchItemFailures:
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting);
 * every other message is deleted by the event source mapping (or the local poller).
 *
 * A message is only ever acknowledged when the database says its task needs nothing more from
 * it: completed, failed and dead-lettered, or a duplicate. When the database cannot be reached,
 * every message goes back to the queue.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueueConfig, WorkerConfig } from '../../shared/config.ts';
import type { Executor } from '../../shared/db/database.ts';
import { coerceError } from '../../shared/errors.ts';
import {
  type AppLogger,
  logger as defaultLogger,
  MetricName,
  MetricUnit,
  metrics,
  scopedLogger,
} from '../../shared/observability.ts';
import { changeVisibility, type VisibilityChange } from '../../shared/queue/message-visibility.ts';
import {
  type DeadLetter,
  type OutgoingMessage,
  sendMessages,
  sendToDeadLetterQueue,
} from '../../shared/queue/sqs-publisher.ts';
import {
  CORRELATION_ID_ATTRIBUTE,
  parseTaskMessage,
  type TaskMessage,
} from '../../shared/queue/task-message.ts';
import { backoffSeconds, MAX_SQS_DELAY_SECONDS, type Task, type TaskError } from '../../shared/tasks/task.ts';
import {
  type AttemptOutcome,
  type ClaimOutcome,
  claimTasks,
  extendLease,
  finishAttempts,
} from '../../shared/tasks/task-store.ts';
import { startHeartbeat } from './heartbeat.ts';
import { runAttempt } from './run-attempt.ts';
import { type SourceQueue, sourceQueue } from './source-queue.ts';

export interface WorkerDeps {
  db: Executor;
  sqs: SQSClient;
  queues: QueueConfig;
  config: WorkerConfig;
  /** Epoch milliseconds; injectable for tests. */
  clock?: () => number;
  /** Backoff jitter source; injectable for tests. */
  random?: () => number;
  logger?: AppLogger;
}

/** One parsed message of the batch. */
interface Delivery {
  record: SQSRecord;
  message: TaskMessage;
  correlationId: string | undefined;
}

/** A claimed attempt and how it ended. */
interface Ran {
  delivery: Delivery;
  task: Task;
  outcome: AttemptOutcome;
  log: AppLogger;
}

/** What the batch decided for each message, applied to SQS at the end. */
class BatchPlan {
  readonly failures = new Set<string>();
  readonly visibility: VisibilityChange[] = [];
  readonly deadLetters = new Map<string, DeadLetter[]>();
  /** Retries by message id, to publish again if their message cannot be made to reappear. */
  readonly retries = new Map<string, OutgoingMessage & { queueUrl: string }>();

  retryLater(record: SQSRecord): void {
    this.failures.add(record.messageId);
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
    this.reappearIn(delivery.record, queue, seconds);
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

  response(): SQSBatchResponse {
    return { batchItemFailures: [...this.failures].map((itemIdentifier) => ({ itemIdentifier })) };
  }
}

function correlationIdOf(record: SQSRecord): string | undefined {
  return record.messageAttributes?.[CORRELATION_ID_ATTRIBUTE]?.stringValue;
}

function allFailed(records: readonly SQSRecord[]): SQSBatchResponse {
  return { batchItemFailures: records.map((record) => ({ itemIdentifier: record.messageId })) };
}

/**
 * Processes one SQS batch event and returns the partial batch response.
 *
 * @example
 * export const handler = (event: SQSEvent, context: Context) => processBatch(event, context, deps);
 */
export async function processBatch(
  event: SQSEvent,
  context: Pick<Context, 'getRemainingTimeInMillis'>,
  deps: WorkerDeps,
): Promise<SQSBatchResponse> {
  const log = deps.logger ?? defaultLogger;
  const { config } = deps;
  const remainingMs = context.getRemainingTimeInMillis();
  if (remainingMs < config.minRemainingMs) {
    // Too little time to run anything: hand everything back untouched (no attempt is spent).
    log.warn('worker: too little time left; returning the batch', {
      remainingMs,
      records: event.Records.length,
    });
    return allFailed(event.Records);
  }

  const plan = new BatchPlan();
  const deliveries = parseDeliveries(event.Records, log);
  if (deliveries.length === 0) return plan.response();

  let claims: ClaimOutcome[];
  try {
    claims = await claimTasks(
      deps.db,
      deliveries.map((d) => d.message.taskId),
      {
        leaseMarginSeconds: config.leaseMarginSeconds,
        maxTimeoutSeconds: Math.floor((remainingMs - config.safetyMarginMs) / 1000),
      },
    );
  } catch (err) {
    log.error('worker: claim failed; returning the batch', { error: coerceError(err) });
    return allFailed(deliveries.map((d) => d.record));
  }

  const clock = deps.clock ?? Date.now;
  const toRun: { delivery: Delivery; task: Task; log: AppLogger }[] = [];
  const exhausted: Ran[] = [];
  deliveries.forEach((delivery, index) => {
    const claim = claims[index]!;
    const queue = sourceQueue(deps.queues, delivery.record.eventSourceARN, claim.task?.priority);
    const taskLog = scopedLogger({
      taskId: delivery.message.taskId,
      correlationId: delivery.correlationId ?? claim.task?.correlationId,
      messageId: delivery.record.messageId,
    });
    switch (claim.state) {
      case 'claimed':
        toRun.push({ delivery, task: claim.task!, log: taskLog });
        return;
      case 'not_due':
        // A duplicate that arrived during a backoff: it may be the task's last message, so keep it.
        plan.reappearIn(delivery.record, queue, Math.ceil(claim.dueInSeconds));
        return;
      case 'no_time':
        plan.reappearIn(delivery.record, queue, 0);
        return;
      case 'exhausted': {
        // The previous worker died during the last attempt: nothing left to try.
        const task = claim.task!;
        exhausted.push({
          delivery,
          task,
          log: taskLog,
          outcome: {
            taskId: task.id,
            attempt: task.attempts,
            status: 'FAILED',
            durationMs: 0,
            error: {
              name: 'LeaseExpiredError',
              message: 'the worker running the last attempt stopped without reporting (lease expired)',
            },
          },
        });
        return;
      }
      case 'skip':
        taskLog.info('worker: duplicate or late message acknowledged', {
          status: claim.previousStatus ?? 'missing',
        });
        metrics.addMetric(MetricName.DuplicateDeliveries, MetricUnit.Count, 1);
        return;
    }
  });

  // Deferred messages need not wait for the tasks that run.
  const deferred = flushVisibility(deps.sqs, plan.visibility.splice(0), log);

  const started = clock();
  const ran = await Promise.all(
    toRun.map(async ({ delivery, task, log: taskLog }) => {
      const queueWaitMs = started - Math.max(delivery.message.publishedAt, task.runAt.getTime());
      metrics.addMetric(MetricName.QueueWait, MetricUnit.Milliseconds, Math.max(0, queueWaitMs));
      const outcome = await runClaimed(delivery, task, taskLog, deps);
      return { delivery, task, outcome, log: taskLog } satisfies Ran;
    }),
  );
  await deferred;

  const finished = [...ran, ...exhausted];
  let changed: Set<string>;
  try {
    const rows = await finishAttempts(
      deps.db,
      finished.map((f) => f.outcome),
    );
    changed = new Set(rows.map((row) => row.taskId));
  } catch (err) {
    // The attempts stay RUNNING under their leases; the messages come back and reclaim them.
    log.error('worker: recording outcomes failed; returning their messages', { error: coerceError(err) });
    for (const f of finished) plan.retryLater(f.delivery.record);
    return plan.response();
  }

  for (const f of finished) recordOutcome(f, changed.has(f.task.id), plan, deps);

  await Promise.all([flushRetries(deps.sqs, plan, log), flushDeadLetters(deps.sqs, plan, log)]);
  return plan.response();
}

function parseDeliveries(records: readonly SQSRecord[], log: AppLogger): Delivery[] {
  const seen = new Set<string>();
  const deliveries: Delivery[] = [];
  for (const record of records) {
    const message = parseTaskMessage(record.body);
    if (!message) {
      // Retrying cannot make it parse; keeping it would only park it in the DLQ later.
      log.error('worker: message is not a task message; acknowledged', {
        messageId: record.messageId,
        body: record.body.slice(0, 500),
      });
      continue;
    }
    if (seen.has(message.taskId)) {
      // The same task twice in one batch: the first delivery stands for both.
      log.info('worker: duplicate message in the batch acknowledged', {
        taskId: message.taskId,
        messageId: record.messageId,
      });
      metrics.addMetric(MetricName.DuplicateDeliveries, MetricUnit.Count, 1);
      continue;
    }
    seen.add(message.taskId);
    deliveries.push({ record, message, correlationId: correlationIdOf(record) });
  }
  return deliveries;
}

/**
 * Runs a claimed attempt with a heartbeat, and turns its result into the outcome to record:
 * COMPLETED, FAILED (permanent error or last attempt) or RETRYING after a backoff.
 */
async function runClaimed(
  delivery: Delivery,
  task: Task,
  log: AppLogger,
  deps: WorkerDeps,
): Promise<AttemptOutcome> {
  const clock = deps.clock ?? Date.now;
  const { heartbeatSeconds, leaseMarginSeconds } = deps.config;
  const queue = sourceQueue(deps.queues, delivery.record.eventSourceARN, task.priority);
  const leaseLost = new AbortController();
  const deadline = clock() + task.timeoutSeconds * 1000;

  // Keeps the message hidden and the lease alive until the attempt's deadline plus the margin,
  // the moment from which a reclaim is allowed anyway (so a queue visibility timeout shorter than
  // the task cannot hand the message to another worker mid-attempt), and notices when another
  // worker has taken the attempt over.
  const heartbeat = startHeartbeat(heartbeatSeconds * 1000, async () => {
    const seconds = Math.ceil(Math.max(0, deadline - clock()) / 1000) + leaseMarginSeconds;
    const [stillOurs] = await Promise.all([
      extendLease(deps.db, task.id, task.attempts, seconds),
      queue
        ? changeVisibility(deps.sqs, [
            {
              id: delivery.record.messageId,
              queueUrl: queue.url,
              receiptHandle: delivery.record.receiptHandle,
              seconds,
            },
          ])
        : undefined,
    ]).catch((err: unknown) => {
      log.warn('worker: heartbeat failed', { error: coerceError(err) });
      return [true];
    });
    if (!stillOurs) {
      log.warn('worker: lease lost to another worker; stopping the attempt');
      leaseLost.abort(new Error('the attempt was taken over by another worker (lease lost)'));
    }
  });

  try {
    const result = await runAttempt(task, { logger: log, stop: leaseLost.signal, clock });
    metrics.addMetric(MetricName.TaskDuration, MetricUnit.Milliseconds, result.durationMs);
    const base = { taskId: task.id, attempt: task.attempts, durationMs: result.durationMs };
    if (result.ok) return { ...base, status: 'COMPLETED', result: result.result };
    if (result.error.permanent || task.attempts >= task.maxAttempts)
      return { ...base, status: 'FAILED', error: result.error };
    const retryInSeconds = backoffSeconds(
      task.attempts,
      task.backoffBaseSeconds,
      task.backoffCapSeconds,
      deps.random,
    );
    return { ...base, status: 'RETRYING', error: result.error, retryInSeconds };
  } finally {
    heartbeat.stop();
  }
}

function recordOutcome(f: Ran, changed: boolean, plan: BatchPlan, deps: WorkerDeps): void {
  const { delivery, task, outcome, log } = f;
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
      log.info('worker: task completed', { attempt: outcome.attempt, durationMs: outcome.durationMs });
      metrics.addMetric(MetricName.TasksCompleted, MetricUnit.Count, 1);
      return;
    case 'RETRYING':
      log.warn('worker: attempt failed; retry scheduled', {
        attempt: outcome.attempt,
        retryInSeconds: outcome.retryInSeconds,
        error: outcome.error,
      });
      metrics.addMetric(MetricName.TaskRetries, MetricUnit.Count, 1);
      plan.scheduleRetry(
        delivery,
        sourceQueue(deps.queues, delivery.record.eventSourceARN, task.priority),
        outcome.retryInSeconds,
      );
      return;
    case 'FAILED': {
      log.error('worker: task failed', { attempt: outcome.attempt, error: outcome.error });
      metrics.addMetric(MetricName.TasksFailed, MetricUnit.Count, 1);
      const queue = sourceQueue(deps.queues, delivery.record.eventSourceARN, task.priority);
      if (queue) plan.deadLetter(queue.dlqUrl, deadLetterOf(delivery, task, outcome.error));
      return;
    }
  }
}

function deadLetterOf(delivery: Delivery, task: Task, error: TaskError): DeadLetter {
  return {
    id: delivery.record.messageId,
    body: delivery.record.body,
    correlationId: delivery.correlationId ?? task.correlationId,
    error,
  };
}

/** Applies visibility changes; returns the ids whose change failed. */
async function flushVisibility(
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
