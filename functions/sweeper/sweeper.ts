/**
 * The sweeper: the safety nets that no message triggers.
 * 1. Expired leases: a RUNNING task whose worker died and whose message did not bring it back
 *    (the message is gone, or still hidden because the worker died before shortening its
 *    visibility) would stay RUNNING for ever; a few seconds after the lease ended it is queued
 *    again (an interruption) or, with its interruptions used up, failed.
 * 2. Dead-letter reconciliation: a message the SQS redrive policy moved to a DLQ (it crashed or
 *    timed out the worker `maxReceiveCount` times) leaves its task QUEUED/RUNNING/RETRYING; the
 *    task is marked FAILED. DLQ messages are left in place for triage and redrive, hidden for a
 *    long visibility timeout so that the next runs do not read them again at once.
 * 3. Lost messages: a QUEUED or RETRYING task that no worker claimed long after it was due is
 *    published again through the outbox (duplicates are absorbed by the claim).
 * 4. Retention: terminal tasks older than the retention period are deleted, in batches.
 * Each step runs even when an earlier one failed; the failures are reported together.
 */
import { GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueConfig } from '../../shared/config/queues.ts';
import type { SweeperConfig } from '../../shared/config/sweeper.ts';
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
import { PRIORITIES, type Priority } from '../../shared/tasks/priority.ts';
import {
  type DeadLetteredMessage,
  deleteExpiredTasks,
  failDeadLetteredMessages,
  reclaimExpiredLeases,
  republishStranded,
} from '../../shared/tasks/store/sweeper-sql.ts';

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
  /** Expired leases queued again (an interruption: QUEUED + a new outbox row, same attempt number). */
  reclaimed: number;
  /** Expired leases with no interruptions left, now FAILED. */
  expiredFailed: number;
  /** Waiting tasks nobody claimed long after they were due, published again. */
  republished: number;
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
    republished: 0,
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
    const { reclaimed, failed } = await sweepExpiredLeases(deps, timeLeft, log);
    result.reclaimed = reclaimed;
    result.expiredFailed = failed;
  });
  await step('dead letters', async () => {
    const counts = await Promise.all(PRIORITIES.map((priority) => reconcileDeadLetters(deps, priority, log)));
    result.deadLetterMessages = counts.reduce((sum, c) => sum + c.read, 0);
    result.deadLettered = counts.reduce((sum, c) => sum + c.failed, 0);
  });
  // After the dead letters, so that a task whose message reached a DLQ is failed, not republished.
  await step('lost messages', async () => {
    const counts = await Promise.all(
      PRIORITIES.map((priority) => republishLost(deps, priority, timeLeft, log)),
    );
    result.republished = counts.reduce((sum, n) => sum + n, 0);
  });
  await step('retention', async () => {
    result.deleted = await deleteExpired(deps, timeLeft);
  });

  if (result.reclaimed > 0) metrics.addMetric(MetricName.LeasesReclaimed, MetricUnit.Count, result.reclaimed);
  const interrupted = result.reclaimed + result.expiredFailed;
  if (interrupted > 0) metrics.addMetric(MetricName.TaskInterruptions, MetricUnit.Count, interrupted);
  if (result.republished > 0)
    metrics.addMetric(MetricName.TasksRepublished, MetricUnit.Count, result.republished);
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
  log: AppLogger,
): Promise<{ reclaimed: number; failed: number }> {
  const { leaseGraceSeconds, batchSize } = deps.config;
  let reclaimed = 0;
  let failed = 0;
  do {
    const swept = await reclaimExpiredLeases(deps.db, leaseGraceSeconds, batchSize);
    for (const task of swept)
      log.warn(
        task.status === 'FAILED'
          ? 'sweeper: task failed, its worker vanished more often than maxInterruptions allows'
          : 'sweeper: task queued again, its worker vanished (lease expired)',
        { taskId: task.taskId, status: task.status },
      );
    reclaimed += swept.filter((task) => task.status === 'QUEUED').length;
    failed += swept.filter((task) => task.status === 'FAILED').length;
    if (swept.length < batchSize) break;
  } while (timeLeft());
  return { reclaimed, failed };
}

/**
 * Publishes again the tasks of one queue that nobody claimed for a while after they were due.
 * While the queue holds visible messages, they may simply be waiting their turn behind a backlog:
 * after `republishAfterSeconds`, one bounded batch per run (the oldest, each at most once per
 * delay). When it holds none, none of them has a message waiting (lost, or hidden by a worker that
 * died between receiving and claiming it): all of them, after the shorter
 * `republishIdleAfterSeconds`.
 */
async function republishLost(
  deps: SweeperDeps,
  queue: Priority,
  timeLeft: () => boolean,
  log: AppLogger,
): Promise<number> {
  const { republishAfterSeconds, republishIdleAfterSeconds, batchSize } = deps.config;
  const backlog = await hasVisibleMessages(deps, queue, log);
  const afterSeconds = backlog
    ? republishAfterSeconds
    : Math.min(republishAfterSeconds, republishIdleAfterSeconds);
  let republished = 0;
  do {
    const tasks = await republishStranded(deps.db, {
      queue,
      afterSeconds,
      limit: batchSize,
    });
    for (const task of tasks)
      log.warn('sweeper: task published again, no worker claimed it since it was due', {
        taskId: task.taskId,
        status: task.status,
        queue,
      });
    republished += tasks.length;
    if (backlog || tasks.length < batchSize) break;
  } while (timeLeft());
  return republished;
}

/** Whether the queue holds visible messages; when that cannot be read, assume it does (the cautious case). */
async function hasVisibleMessages(deps: SweeperDeps, queue: Priority, log: AppLogger): Promise<boolean> {
  try {
    const { Attributes } = await deps.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: deps.queues.urls[queue],
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages ?? 0) > 0;
  } catch (err) {
    log.warn('sweeper: could not read the queue depth; republishing one batch at most', {
      queue,
      error: coerceError(err).message,
    });
    return true;
  }
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
