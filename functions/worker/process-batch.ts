/**
 * The worker's logic for one SQS batch: one statement claims every task of the batch, the claimed
 * attempts run concurrently, and one statement records every outcome. The response lists the
 * messages SQS must deliver again (partial batch failures, ReportBatchItemFailures:
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting);
 * every other message is deleted by the event source mapping (or the local poller).
 *
 * A message is only ever acknowledged when the database says its task needs nothing more from
 * it: completed, failed and dead-lettered, a duplicate, or its outcome travels on in a new
 * message. When the database cannot be reached, the messages come back within seconds.
 *
 * A claimed message is hidden until its attempt's lease ends (timeout + lease margin), so when
 * the worker dies the message brings the task back to another worker as soon as the lease allows
 * a reclaim, however long the queue's own visibility timeout is.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Priority, QueueConfig, WorkerConfig } from '../../shared/config.ts';
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
  type CarriedOutcome,
  CORRELATION_ID_ATTRIBUTE,
  parseTaskMessage,
  serializeTaskMessage,
  type TaskMessage,
} from '../../shared/queue/task-message.ts';
import { claimTasks, extendLease, finishAttempts } from '../../shared/tasks/store/worker-sql.ts';
import {
  type AttemptOutcome,
  MAX_SQS_DELAY_SECONDS,
  type Task,
  type TaskError,
} from '../../shared/tasks/task.ts';
import { backoffSeconds, type ClaimOutcome, classifyClaim } from '../../shared/tasks/task-policy.ts';
import { WorkerStoppedError } from './attempt-stop.ts';
import { startHeartbeat } from './heartbeat.ts';
import { databaseOutage, type OutageBackoff } from './outage-backoff.ts';
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
  /** Aborts running attempts for a forced stop: they are released, not counted as interruptions. */
  stop?: AbortSignal;
  /** The database outage this process is in, if any (see `OutageBackoff`). */
  outage?: OutageBackoff;
}

/** One parsed message of the batch. */
interface Delivery {
  record: SQSRecord;
  message: TaskMessage;
  correlationId: string | undefined;
}

/** What recording an outcome needs to know about its task (a `Task` has it). */
interface TaskRef {
  id: string;
  priority: Priority;
  correlationId: string;
}

/** A run (claimed here, or passed on by a failed worker) and how it ended. */
interface Ran {
  delivery: Delivery;
  task: TaskRef;
  outcome: AttemptOutcome;
  log: AppLogger;
}

/** A carried outcome is dropped rather than sent when the message would exceed this (SQS: 256 KiB). */
const MAX_CARRIED_MESSAGE_BYTES = 200_000;

/** A reappearing message lands this long after the lease it waits for, for clock skew and rounding. */
const LEASE_SKEW_SECONDS = 1;

/** What the batch decided for each message, applied to SQS at the end. */
class BatchPlan {
  readonly failures = new Set<string>();
  readonly visibility: VisibilityChange[] = [];
  readonly deadLetters = new Map<string, DeadLetter[]>();
  /** Retries by message id, to publish again if their message cannot be made to reappear. */
  readonly retries = new Map<string, OutgoingMessage & { queueUrl: string }>();

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

function queueOf(deps: WorkerDeps, delivery: Delivery, task?: TaskRef | null): SourceQueue | undefined {
  return sourceQueue(deps.queues, delivery.record.eventSourceARN, task?.priority);
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
  if (deps.stop?.aborted) {
    // Stopping: claim nothing, and let another worker have the messages at once.
    for (const delivery of deliveries) plan.reappearIn(delivery.record, queueOf(deps, delivery), 0);
    await flushVisibility(deps.sqs, plan.visibility, log);
    return plan.response();
  }

  // Messages carrying the outcome of a run whose worker could not record it: recorded first; those
  // that no longer apply are ordinary messages for the claim.
  let toClaim = deliveries;
  let carried: Ran[] = [];
  try {
    ({ carried, toClaim } = await recordCarriedOutcomes(deliveries, deps));
  } catch (err) {
    return bounce(deliveries, 'recording carried outcomes failed', err, plan, deps, log);
  }

  const maxTimeoutSeconds = Math.floor((remainingMs - config.safetyMarginMs) / 1000);
  let claims: ClaimOutcome[];
  try {
    const rows = await claimTasks(
      deps.db,
      toClaim.map((d) => d.message.taskId),
      { leaseMarginSeconds: config.leaseMarginSeconds, maxTimeoutSeconds },
    );
    claims = rows.map((row) => classifyClaim(row, maxTimeoutSeconds));
  } catch (err) {
    for (const f of carried) recordOutcome(f, true, plan, deps);
    return bounce(toClaim, 'claim failed', err, plan, deps, log);
  }
  (deps.outage ?? databaseOutage).success();

  const clock = deps.clock ?? Date.now;
  const toRun: { delivery: Delivery; task: Task; log: AppLogger }[] = [];
  const exhausted: Ran[] = [];
  toClaim.forEach((delivery, index) => {
    const claim = claims[index]!;
    const queue = queueOf(deps, delivery, claim.task);
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
      case 'leased':
        // Someone holds the attempt. If that worker is gone (or lost its outcome to a database
        // failure), this message is what brings the task back once the lease ends; if it is alive,
        // the message is then a duplicate and acknowledged.
        plan.reappearIn(delivery.record, queue, Math.ceil(claim.leaseEndsInSeconds) + LEASE_SKEW_SECONDS);
        return;
      case 'exhausted': {
        const task = claim.task!;
        const interruptions = task.interruptions + 1;
        exhausted.push({
          delivery,
          task,
          log: taskLog,
          outcome: {
            taskId: task.id,
            attempt: task.attempts,
            generation: task.leaseGeneration,
            status: 'FAILED',
            interrupted: true,
            durationMs: 0,
            error: {
              name: 'TaskInterruptedError',
              message: `the worker running this task stopped without reporting ${interruptions} times (maxInterruptions ${task.maxInterruptions})`,
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
  for (const claim of claims)
    if (claim.state === 'claimed' && claim.previousStatus === 'RUNNING')
      metrics.addMetric(MetricName.TaskInterruptions, MetricUnit.Count, 1);

  // Deferred messages need not wait for the tasks that run.
  const deferred = flushVisibility(deps.sqs, plan.visibility.splice(0), log);
  const hidden = hideUntilLeasesEnd(toRun, deps, log);

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
    await hidden.settle();
    for (const f of carried) recordOutcome(f, true, plan, deps);
    // The attempts stay RUNNING under their leases: their outcomes travel on in new messages, or
    // their messages come back soon and wait for the leases to end.
    return carryOrBounce(finished, err, plan, deps, log);
  }
  await hidden.settle();

  for (const f of carried) recordOutcome(f, true, plan, deps);
  for (const f of finished) recordOutcome(f, changed.has(f.task.id), plan, deps);

  await Promise.all([flushRetries(deps.sqs, plan, log), flushDeadLetters(deps.sqs, plan, log)]);
  return plan.response();
}

function parseDeliveries(records: readonly SQSRecord[], log: AppLogger): Delivery[] {
  const byTask = new Map<string, Delivery>();
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
    const delivery = { record, message, correlationId: correlationIdOf(record) };
    const first = byTask.get(message.taskId);
    if (first) {
      // The same task twice in one batch: one delivery stands for both, the one carrying an
      // outcome if either does (acknowledging it would lose the outcome).
      const [kept, dropped] =
        message.outcome && !first.message.outcome ? [delivery, first] : [first, delivery];
      byTask.set(message.taskId, kept);
      log.info('worker: duplicate message in the batch acknowledged', {
        taskId: message.taskId,
        messageId: dropped.record.messageId,
      });
      metrics.addMetric(MetricName.DuplicateDeliveries, MetricUnit.Count, 1);
      continue;
    }
    byTask.set(message.taskId, delivery);
  }
  return [...byTask.values()];
}

function fromCarried(taskId: string, carried: CarriedOutcome): AttemptOutcome {
  return { taskId, ...carried };
}

/**
 * Records the outcomes that messages carry (one statement, only when some do). Returns the runs
 * recorded, and the deliveries left for the claim: those without an outcome, or whose run no
 * longer owns its task (recorded already, or taken over).
 */
async function recordCarriedOutcomes(
  deliveries: Delivery[],
  deps: WorkerDeps,
): Promise<{ carried: Ran[]; toClaim: Delivery[] }> {
  const withOutcome = deliveries.filter((d) => d.message.outcome);
  if (withOutcome.length === 0) return { carried: [], toClaim: deliveries };
  const outcomes = withOutcome.map((d) => fromCarried(d.message.taskId, d.message.outcome!));
  const rows = await finishAttempts(deps.db, outcomes);
  const byId = new Map(rows.map((row) => [row.taskId, row]));
  const carried: Ran[] = [];
  for (const [index, delivery] of withOutcome.entries()) {
    const row = byId.get(delivery.message.taskId);
    if (!row) continue;
    const log = scopedLogger({
      taskId: delivery.message.taskId,
      correlationId: delivery.correlationId,
      messageId: delivery.record.messageId,
    });
    log.info('worker: recorded the outcome a failed worker passed on', { attempt: row.attempt });
    const task = { id: row.taskId, priority: row.priority, correlationId: row.correlationId };
    carried.push({ delivery, task, outcome: outcomes[index]!, log });
  }
  const recorded = new Set(carried.map((c) => c.delivery.message.taskId));
  return { carried, toClaim: deliveries.filter((d) => !recorded.has(d.message.taskId)) };
}

/**
 * The database failed before anything ran: every message comes back after a short delay that
 * grows with the outage (`OutageBackoff`), instead of after the queue's visibility timeout.
 */
async function bounce(
  deliveries: readonly Delivery[],
  what: string,
  err: unknown,
  plan: BatchPlan,
  deps: WorkerDeps,
  log: AppLogger,
): Promise<SQSBatchResponse> {
  const seconds = (deps.outage ?? databaseOutage).failure(deps.random);
  log.error(`worker: ${what}; the messages come back in ${seconds} s`, {
    error: coerceError(err),
    messages: deliveries.length,
  });
  metrics.addMetric(MetricName.WorkerDatabaseErrors, MetricUnit.Count, 1);
  for (const delivery of deliveries) plan.reappearIn(delivery.record, queueOf(deps, delivery), seconds);
  // With the retries and dead letters of outcomes recorded before the failure, if any.
  await Promise.all([flushRetries(deps.sqs, plan, log), flushDeadLetters(deps.sqs, plan, log)]);
  return plan.response();
}

/**
 * The outcome statement failed, so the runs are still RUNNING under their leases. A run that
 * produced an outcome sends it on in a new message (delayed like a bounce), which the next worker
 * records without running the attempt again; its own message is acknowledged. Everything else
 * (outcomes too large to carry, failed sends, released and interrupted runs) comes back after the
 * same delay and waits for the lease to end (claim state 'leased').
 */
async function carryOrBounce(
  finished: readonly Ran[],
  err: unknown,
  plan: BatchPlan,
  deps: WorkerDeps,
  log: AppLogger,
): Promise<SQSBatchResponse> {
  const seconds = (deps.outage ?? databaseOutage).failure(deps.random);
  log.error(`worker: recording outcomes failed; passing them on in new messages due in ${seconds} s`, {
    error: coerceError(err),
    outcomes: finished.length,
  });
  metrics.addMetric(MetricName.WorkerDatabaseErrors, MetricUnit.Count, 1);
  const toCarry: (OutgoingMessage & { queue: SourceQueue; record: SQSRecord })[] = [];
  for (const f of finished) {
    const queue = queueOf(deps, f.delivery, f.task);
    const carried = carriable(f.outcome);
    const body = carried && serializeTaskMessage({ ...f.delivery.message, outcome: carried });
    if (queue && body && Buffer.byteLength(body, 'utf8') <= MAX_CARRIED_MESSAGE_BYTES)
      toCarry.push({
        id: f.delivery.record.messageId,
        queue,
        record: f.delivery.record,
        body,
        delaySeconds: Math.min(MAX_SQS_DELAY_SECONDS, seconds),
        attributes: { [CORRELATION_ID_ATTRIBUTE]: f.delivery.correlationId ?? f.task.correlationId },
      });
    else plan.reappearIn(f.delivery.record, queue, seconds);
  }
  const byQueue = Map.groupBy(toCarry, (message) => message.queue.url);
  await Promise.all(
    [...byQueue].map(async ([queueUrl, messages]) => {
      const { failed } = await sendMessages(deps.sqs, queueUrl, messages);
      const unsent = new Set(failed.map((failure) => failure.id));
      for (const message of messages)
        if (unsent.has(message.id)) {
          log.warn('worker: could not pass an outcome on; its message comes back instead', {
            messageId: message.id,
          });
          plan.reappearIn(message.record, message.queue, seconds);
        }
    }),
  );
  await Promise.all([flushRetries(deps.sqs, plan, log), flushDeadLetters(deps.sqs, plan, log)]);
  return plan.response();
}

/** The part of an outcome a message can carry: only what a handler produced. */
function carriable(outcome: AttemptOutcome): CarriedOutcome | undefined {
  const { attempt, generation, durationMs } = outcome;
  switch (outcome.status) {
    case 'COMPLETED':
      return { status: 'COMPLETED', attempt, generation, durationMs, result: outcome.result };
    case 'RETRYING':
      return {
        status: 'RETRYING',
        attempt,
        generation,
        durationMs,
        error: outcome.error,
        retryInSeconds: outcome.retryInSeconds,
      };
    case 'FAILED':
      return outcome.interrupted
        ? undefined
        : { status: 'FAILED', attempt, generation, durationMs, error: outcome.error };
    case 'QUEUED':
      return undefined;
  }
}

/**
 * Hides the claimed messages until their leases end (plus the skew allowance), so that a worker
 * dying mid-attempt leaves a message that comes back exactly when the task may be reclaimed. Done
 * `claimVisibilityDelayMs` after the claim, and only if the batch is still at work then: most
 * batches finish sooner and need no extra SQS call, and a worker dying within that moment leaves
 * its tasks to the sweeper, which reclaims them a few seconds after their leases end.
 */
function hideUntilLeasesEnd(
  toRun: readonly { delivery: Delivery; task: Task }[],
  deps: WorkerDeps,
  log: AppLogger,
): { settle(): Promise<void> } {
  if (toRun.length === 0) return { settle: async () => undefined };
  const clock = deps.clock ?? Date.now;
  const claimedAt = clock();
  let applying: Promise<unknown> | undefined;
  const timer = setTimeout(() => {
    const elapsedSeconds = (clock() - claimedAt) / 1000;
    const changes: VisibilityChange[] = [];
    for (const { delivery, task } of toRun) {
      const queue = queueOf(deps, delivery, task);
      if (!queue) continue;
      const leaseSeconds = task.timeoutSeconds + deps.config.leaseMarginSeconds;
      changes.push({
        id: delivery.record.messageId,
        queueUrl: queue.url,
        receiptHandle: delivery.record.receiptHandle,
        seconds: Math.ceil(leaseSeconds - elapsedSeconds) + LEASE_SKEW_SECONDS,
      });
    }
    applying = flushVisibility(deps.sqs, changes, log);
  }, deps.config.claimVisibilityDelayMs);
  timer.unref();
  return {
    async settle() {
      clearTimeout(timer);
      // Done before the batch's own visibility changes, so those are the last word.
      await applying;
    },
  };
}

/**
 * Runs a claimed attempt with a heartbeat, and turns its result into the outcome to record:
 * COMPLETED, FAILED (permanent error or last attempt), RETRYING after a backoff, or QUEUED
 * (released) when a forced stop cut it short.
 */
async function runClaimed(
  delivery: Delivery,
  task: Task,
  log: AppLogger,
  deps: WorkerDeps,
): Promise<AttemptOutcome> {
  const clock = deps.clock ?? Date.now;
  const { heartbeatSeconds, leaseMarginSeconds } = deps.config;
  const queue = queueOf(deps, delivery, task);
  const leaseLost = new AbortController();
  const deadline = clock() + task.timeoutSeconds * 1000;
  const run = { taskId: task.id, attempt: task.attempts, generation: task.leaseGeneration };

  // Keeps the lease and the message's visibility at the attempt's deadline plus the margin (the
  // claim set both; a beat restores them should that visibility change have failed), and notices
  // when another worker has taken the attempt over.
  const heartbeat = startHeartbeat(heartbeatSeconds * 1000, async () => {
    const seconds = Math.ceil(Math.max(0, deadline - clock()) / 1000) + leaseMarginSeconds;
    const [stillOurs] = await Promise.all([
      extendLease(deps.db, run, seconds),
      queue
        ? changeVisibility(deps.sqs, [
            {
              id: delivery.record.messageId,
              queueUrl: queue.url,
              receiptHandle: delivery.record.receiptHandle,
              seconds: seconds + LEASE_SKEW_SECONDS,
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

  const stop = deps.stop ? AbortSignal.any([leaseLost.signal, deps.stop]) : leaseLost.signal;
  try {
    const result = await runAttempt(task, { logger: log, stop, clock });
    metrics.addMetric(MetricName.TaskDuration, MetricUnit.Milliseconds, result.durationMs);
    const base = { ...run, durationMs: result.durationMs };
    if (result.ok) return { ...base, status: 'COMPLETED', result: result.result };
    if (deps.stop?.aborted && !leaseLost.signal.aborted) {
      const reason = deps.stop.reason instanceof WorkerStoppedError ? 'shutdown' : 'stopped';
      return { ...base, status: 'QUEUED', reason };
    }
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
  const queue = queueOf(deps, delivery, task);
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
      plan.scheduleRetry(delivery, queue, outcome.retryInSeconds);
      return;
    case 'QUEUED':
      // Released: visible at once, so another worker (or the next start) runs it without waiting.
      log.warn('worker: attempt released by a stopping worker; it runs again', {
        attempt: outcome.attempt,
        reason: outcome.reason,
      });
      metrics.addMetric(MetricName.AttemptsReleased, MetricUnit.Count, 1);
      plan.reappearIn(delivery.record, queue, 0);
      return;
    case 'FAILED': {
      log.error(outcome.interrupted ? 'worker: task failed, interrupted too often' : 'worker: task failed', {
        attempt: outcome.attempt,
        error: outcome.error,
      });
      metrics.addMetric(MetricName.TasksFailed, MetricUnit.Count, 1);
      if (outcome.interrupted) metrics.addMetric(MetricName.TaskInterruptions, MetricUnit.Count, 1);
      if (queue) plan.deadLetter(queue.dlqUrl, deadLetterOf(delivery, task, outcome.error));
      return;
    }
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
