/**
 * Outcomes that travel in messages. When the outcome statement fails, the runs are still RUNNING
 * under their leases; each run that produced an outcome passes it on in a new message, and the
 * next worker records it (while that run still owns the task) instead of running the attempt
 * again. See docs/architecture.md, "Database failures in the worker".
 */
import type { SQSRecord } from 'aws-lambda';
import { type AppLogger, scopedLogger } from '../../shared/observability.ts';
import { type OutgoingMessage, sendMessages } from '../../shared/queue/sqs-publisher.ts';
import {
  type CarriedOutcome,
  CORRELATION_ID_ATTRIBUTE,
  serializeTaskMessage,
} from '../../shared/queue/task-message.ts';
import { finishAttempts } from '../../shared/tasks/store/worker-sql.ts';
import { type AttemptOutcome, MAX_SQS_DELAY_SECONDS } from '../../shared/tasks/task.ts';
import { type Delivery, queueOf, type Ran, type WorkerDeps } from './batch-context.ts';
import type { BatchPlan } from './batch-plan.ts';
import type { SourceQueue } from './source-queue.ts';

/** A carried outcome is dropped rather than sent when the message would exceed this (SQS: 256 KiB). */
const MAX_CARRIED_MESSAGE_BYTES = 200_000;

function fromCarried(taskId: string, carried: CarriedOutcome): AttemptOutcome {
  return { taskId, ...carried };
}

/**
 * Records the outcomes that messages carry (one statement, only when some do). Returns the runs
 * recorded, and the deliveries left for the claim: those without an outcome, or whose run no
 * longer owns its task (recorded already, or taken over).
 */
export async function recordCarriedOutcomes(
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
 * Sends each outcome on in a new message due in `seconds`, and acknowledges its own message.
 * Everything else (outcomes too large to carry, failed sends, released and interrupted runs) comes
 * back after the same delay and waits for the lease to end (claim state 'leased').
 */
export async function passOutcomesOn(
  finished: readonly Ran[],
  seconds: number,
  plan: BatchPlan,
  deps: WorkerDeps,
  log: AppLogger,
): Promise<void> {
  const toCarry: (OutgoingMessage & { queue: SourceQueue; record: SQSRecord })[] = [];
  for (const f of finished) {
    const queue = queueOf(deps.queues, f.delivery, f.task);
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
