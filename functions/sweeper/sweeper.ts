/**
 * The sweeper: the safety nets that no message triggers.
 * 1. Expired leases: a RUNNING task whose worker died and whose message never came back (deleted,
 *    or lost) would stay RUNNING for ever; after a grace period it is retried or failed.
 * 2. Dead-letter reconciliation: a message the SQS redrive policy moved to a DLQ (it crashed or
 *    timed out the worker `maxReceiveCount` times) leaves its task QUEUED/RUNNING/RETRYING; the
 *    task is marked FAILED. DLQ messages are left in place for triage and redrive, hidden for a
 *    long visibility timeout so that the next runs do not read them again at once.
 * 3. Retention: terminal tasks older than the retention period are deleted, in batches.
 * Each step runs even when an earlier one failed; the failures are reported together.
 */
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { PRIORITIES, type Priority, type QueueConfig, type SweeperConfig } from '../../shared/config.ts';
import type { Executor } from '../../shared/db/database.ts';
import { coerceError } from '../../shared/errors.ts';
import {
  type AppLogger,
  logger as defaultLogger,
  MetricName,
  MetricUnit,
  metrics,
} from '../../shared/observability.ts';
import { DEAD_LETTERED_BY_ATTRIBUTE, SQS_BATCH_LIMIT } from '../../shared/queue/sqs-publisher.ts';
import { parseTaskMessage } from '../../shared/queue/task-message.ts';
import {
  type DeadLetteredMessage,
  deleteExpiredTasks,
  failDeadLetteredMessages,
  reclaimExpiredLeases,
} from '../../shared/tasks/task-store.ts';

export interface SweeperDeps {
  db: Executor;
  sqs: SQSClient;
  queues: QueueConfig;
  config: SweeperConfig;
  /** Epoch milliseconds; injectable for tests. */
  clock?: () => number;
  logger?: AppLogger;
  /** Cuts the run shorter than `config.timeBudgetMs` (the handler passes its remaining time). */
  budgetMs?: number;
}

export interface SweepResult {
  /** Expired leases turned into retries (RETRYING + a new outbox row). */
  reclaimed: number;
  /** Expired leases with no attempts left, now FAILED. */
  expiredFailed: number;
  /** Dead-letter messages read. */
  deadLetterMessages: number;
  /** Tasks marked FAILED because their message was dead-lettered by the redrive policy. */
  deadLettered: number;
  /** Terminal tasks deleted by retention. */
  deleted: number;
  /** Steps that failed, with their error; the others still ran. */
  errors: { step: string; error: string }[];
}

/**
 * Runs every sweep step once.
 *
 * @example
 * const result = await sweepOnce({ db, sqs, queues, config: sweeperConfig() });
 */
export async function sweepOnce(deps: SweeperDeps): Promise<SweepResult> {
  const clock = deps.clock ?? Date.now;
  const log = deps.logger ?? defaultLogger;
  const deadline = clock() + Math.min(deps.config.timeBudgetMs, deps.budgetMs ?? Number.POSITIVE_INFINITY);
  const timeLeft = () => clock() < deadline;
  const result: SweepResult = {
    reclaimed: 0,
    expiredFailed: 0,
    deadLetterMessages: 0,
    deadLettered: 0,
    deleted: 0,
    errors: [],
  };
  const step = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      const error = coerceError(err);
      log.error(`sweeper: ${name} failed`, { error });
      result.errors.push({ step: name, error: error.message });
    }
  };

  await step('expired leases', async () => {
    const { reclaimed, failed } = await sweepExpiredLeases(deps, timeLeft);
    result.reclaimed = reclaimed;
    result.expiredFailed = failed;
  });
  await step('dead letters', async () => {
    const counts = await Promise.all(PRIORITIES.map((priority) => reconcileDeadLetters(deps, priority, log)));
    result.deadLetterMessages = counts.reduce((sum, c) => sum + c.read, 0);
    result.deadLettered = counts.reduce((sum, c) => sum + c.failed, 0);
  });
  await step('retention', async () => {
    result.deleted = await deleteExpired(deps, timeLeft);
  });

  if (result.reclaimed > 0) metrics.addMetric(MetricName.LeasesReclaimed, MetricUnit.Count, result.reclaimed);
  const failed = result.expiredFailed + result.deadLettered;
  if (failed > 0) {
    metrics.addMetric(MetricName.TasksFailed, MetricUnit.Count, failed);
    metrics.addMetric(MetricName.DeadLettered, MetricUnit.Count, failed);
  }
  if (result.deleted > 0)
    metrics.addMetric(MetricName.TasksDeletedByRetention, MetricUnit.Count, result.deleted);
  return result;
}

async function sweepExpiredLeases(
  deps: SweeperDeps,
  timeLeft: () => boolean,
): Promise<{ reclaimed: number; failed: number }> {
  const { leaseGraceSeconds, batchSize } = deps.config;
  let reclaimed = 0;
  let failed = 0;
  do {
    const swept = await reclaimExpiredLeases(deps.db, leaseGraceSeconds, batchSize);
    reclaimed += swept.filter((task) => task.status === 'RETRYING').length;
    failed += swept.filter((task) => task.status === 'FAILED').length;
    if (swept.length < batchSize) break;
  } while (timeLeft());
  return { reclaimed, failed };
}

async function reconcileDeadLetters(
  deps: SweeperDeps,
  priority: Priority,
  log: AppLogger,
): Promise<{ read: number; failed: number }> {
  const { dlqReceiveCalls, dlqVisibilityTimeoutSeconds } = deps.config;
  let read = 0;
  let failed = 0;
  for (let call = 0; call < dlqReceiveCalls; call++) {
    const response = await deps.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: deps.queues.dlqUrls[priority],
        MaxNumberOfMessages: SQS_BATCH_LIMIT,
        VisibilityTimeout: dlqVisibilityTimeoutSeconds,
        WaitTimeSeconds: 0,
        MessageAttributeNames: [DEAD_LETTERED_BY_ATTRIBUTE],
      }),
    );
    const messages = response.Messages ?? [];
    read += messages.length;
    const letters: DeadLetteredMessage[] = [];
    for (const message of messages) {
      // The worker's own copies: their tasks were marked FAILED before the copy was sent.
      if (message.MessageAttributes?.[DEAD_LETTERED_BY_ATTRIBUTE]) continue;
      const parsed = parseTaskMessage(message.Body ?? '');
      if (!parsed) {
        log.warn('sweeper: dead letter is not a task message', {
          queue: priority,
          messageId: message.MessageId,
        });
        continue;
      }
      letters.push({ taskId: parsed.taskId, publishedAt: new Date(parsed.publishedAt) });
    }
    const changed = await failDeadLetteredMessages(deps.db, letters, priority);
    for (const task of changed)
      log.warn('sweeper: task failed because its message was dead-lettered', {
        taskId: task.taskId,
        queue: priority,
      });
    failed += changed.length;
    if (messages.length < SQS_BATCH_LIMIT) break;
  }
  return { read, failed };
}

async function deleteExpired(deps: SweeperDeps, timeLeft: () => boolean): Promise<number> {
  const { retentionDays, batchSize } = deps.config;
  let deleted = 0;
  do {
    const count = await deleteExpiredTasks(deps.db, retentionDays * 86_400, batchSize);
    deleted += count;
    if (count < batchSize) break;
  } while (timeLeft());
  return deleted;
}
