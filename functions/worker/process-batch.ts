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
 * The steps: parse (`batch-context.ts`) -> record carried outcomes (`carried-outcomes.ts`) ->
 * claim and classify (`worker-sql.ts`, `task-policy.ts`) -> run (`run-attempt.ts`) -> record the
 * outcomes (a retry's message set to its backoff first, `message-hiding.ts`) -> apply the plan to SQS
 * (`batch-plan.ts`).
 *
 * A claimed message is hidden until its attempt's lease ends (timeout + lease margin), so when
 * the worker dies the message brings the task back to another worker as soon as the lease allows
 * a reclaim, however long the queue's own visibility timeout is.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { coerceError } from '../../shared/errors.ts';
import {
  type AppLogger,
  logger as defaultLogger,
  MetricName,
  MetricUnit,
  metrics,
  scopedLogger,
} from '../../shared/observability.ts';
import { claimTasks, finishAttempts } from '../../shared/tasks/store/worker-sql.ts';
import type { Task } from '../../shared/tasks/task.ts';
import { type ClaimOutcome, classifyClaim, exhaustedOutcome } from '../../shared/tasks/task-policy.ts';
import { type Delivery, parseDeliveries, queueOf, type Ran, type WorkerDeps } from './batch-context.ts';
import { allFailed, applyPlan, BatchPlan, flushVisibility } from './batch-plan.ts';
import { passOutcomesOn, recordCarriedOutcomes } from './carried-outcomes.ts';
import { hideUntilLeasesEnd, presetRetryVisibility } from './message-hiding.ts';
import { databaseOutage } from './outage-backoff.ts';
import { runClaimed } from './run-attempt.ts';

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
    for (const delivery of deliveries) plan.reappearIn(delivery.record, queueOf(deps.queues, delivery), 0);
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
    for (const f of carried) record(f, true, plan, deps);
    return bounce(toClaim, 'claim failed', err, plan, deps, log);
  }
  (deps.outage ?? databaseOutage).success();

  const clock = deps.clock ?? Date.now;
  const toRun: { delivery: Delivery; task: Task; log: AppLogger }[] = [];
  const exhausted: Ran[] = [];
  toClaim.forEach((delivery, index) => {
    const claim = claims[index]!;
    const taskLog = scopedLogger({
      taskId: delivery.message.taskId,
      correlationId: delivery.correlationId ?? claim.task?.correlationId,
      messageId: delivery.record.messageId,
    });
    if (claim.state === 'claimed') toRun.push({ delivery, task: claim.task!, log: taskLog });
    else if (claim.state === 'exhausted') {
      const task = claim.task!;
      exhausted.push({ delivery, task, log: taskLog, outcome: exhaustedOutcome(task) });
    } else plan.unclaimed(delivery, claim, queueOf(deps.queues, delivery, claim.task), taskLog);
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
  await presetRetryVisibility(finished, hidden, plan, deps, log);
  let changed: Set<string>;
  try {
    const rows = await finishAttempts(
      deps.db,
      finished.map((f) => f.outcome),
    );
    changed = new Set(rows.map((row) => row.taskId));
  } catch (err) {
    for (const f of carried) record(f, true, plan, deps);
    // The attempts stay RUNNING under their leases: their outcomes travel on in new messages, or
    // their messages come back soon and wait for the leases to end.
    await hidden.settle();
    return carryOrBounce(finished, err, plan, deps, log);
  }
  await hidden.settle();

  for (const f of carried) record(f, true, plan, deps);
  for (const f of finished) record(f, changed.has(f.task.id), plan, deps);

  await applyPlan(deps.sqs, plan, log);
  return plan.response();
}

function record(ran: Ran, changed: boolean, plan: BatchPlan, deps: WorkerDeps): void {
  plan.recorded(ran, changed, queueOf(deps.queues, ran.delivery, ran.task));
}

/** A statement failed: logs and counts it; returns how long the affected messages stay away. */
function outageDelay(
  deps: WorkerDeps,
  log: AppLogger,
  err: unknown,
  message: (seconds: number) => string,
  counts: Record<string, number>,
): number {
  const seconds = (deps.outage ?? databaseOutage).failure(deps.random);
  log.error(message(seconds), { error: coerceError(err), ...counts });
  metrics.addMetric(MetricName.WorkerDatabaseErrors, MetricUnit.Count, 1);
  return seconds;
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
  const seconds = outageDelay(deps, log, err, (s) => `worker: ${what}; the messages come back in ${s} s`, {
    messages: deliveries.length,
  });
  for (const delivery of deliveries)
    plan.reappearIn(delivery.record, queueOf(deps.queues, delivery), seconds);
  // With the retries and dead letters of outcomes recorded before the failure, if any.
  await applyPlan(deps.sqs, plan, log);
  return plan.response();
}

/**
 * The outcome statement failed, so the runs are still RUNNING under their leases: their outcomes
 * travel on in new messages delayed like a bounce (`passOutcomesOn`), or their messages come back
 * after the same delay and wait for the leases to end.
 */
async function carryOrBounce(
  finished: readonly Ran[],
  err: unknown,
  plan: BatchPlan,
  deps: WorkerDeps,
  log: AppLogger,
): Promise<SQSBatchResponse> {
  const seconds = outageDelay(
    deps,
    log,
    err,
    (s) => `worker: recording outcomes failed; passing them on in new messages due in ${s} s`,
    { outcomes: finished.length },
  );
  await passOutcomesOn(finished, seconds, plan, deps, log);
  await applyPlan(deps.sqs, plan, log);
  return plan.response();
}
