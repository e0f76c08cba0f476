/**
 * When the messages of claimed attempts reappear, decided before the outcome is known: hidden
 * until their leases end while the batch is at work, and a retry's message set to its backoff
 * before the outcome is committed.
 */
import type { AppLogger } from '../../shared/observability.ts';
import type { VisibilityChange } from '../../shared/queue/message-visibility.ts';
import type { Task } from '../../shared/tasks/task.ts';
import { type Delivery, queueOf, type Ran, type WorkerDeps } from './batch-context.ts';
import { type BatchPlan, flushVisibility, LEASE_SKEW_SECONDS } from './batch-plan.ts';

/**
 * Makes the messages of attempts about to become RETRYING reappear after their backoff BEFORE the
 * outcome is committed: a worker that died between the commit and a later visibility change would
 * leave a RETRYING task whose message stays hidden for the queue's visibility timeout. If the
 * commit then fails, the message comes back at the backoff, finds the attempt still leased and
 * waits for the lease like any other (`BatchPlan.unclaimed`).
 */
export async function presetRetryVisibility(
  finished: readonly Ran[],
  hidden: LeaseHiding,
  plan: BatchPlan,
  deps: WorkerDeps,
  log: AppLogger,
): Promise<void> {
  const changes: VisibilityChange[] = [];
  for (const f of finished) {
    if (f.outcome.status !== 'RETRYING') continue;
    const queue = queueOf(deps.queues, f.delivery, f.task);
    if (!queue) continue;
    changes.push({
      id: f.delivery.record.messageId,
      queueUrl: queue.url,
      receiptHandle: f.delivery.record.receiptHandle,
      seconds: Math.ceil(f.outcome.retryInSeconds),
    });
  }
  if (changes.length === 0) return;
  // After any lease-long hiding already under way, and instead of it from now on.
  await hidden.exclude(changes.map((c) => c.id));
  const failed = await flushVisibility(deps.sqs, changes, log);
  plan.presetVisibility(changes.map((c) => c.id).filter((id) => !failed.has(id)));
}

/**
 * Hides the claimed messages until their leases end (plus the skew allowance), so that a worker
 * dying mid-attempt leaves a message that comes back exactly when the task may be reclaimed. Done
 * `claimVisibilityDelayMs` after the claim, and only if the batch is still at work then: most
 * batches finish sooner and need no extra SQS call, and a worker dying within that moment leaves
 * its tasks to the sweeper, which reclaims them a few seconds after their leases end.
 */
export interface LeaseHiding {
  /** Leaves these messages out of the hiding (their visibility is decided), once any change under way is done. */
  exclude(messageIds: readonly string[]): Promise<void>;
  /** Cancels the hiding if it has not started, and waits for it if it has. */
  settle(): Promise<void>;
}

export function hideUntilLeasesEnd(
  toRun: readonly { delivery: Delivery; task: Task }[],
  deps: WorkerDeps,
  log: AppLogger,
): LeaseHiding {
  if (toRun.length === 0) return { exclude: async () => undefined, settle: async () => undefined };
  const clock = deps.clock ?? Date.now;
  const claimedAt = clock();
  const excluded = new Set<string>();
  let applying: Promise<unknown> | undefined;
  const timer = setTimeout(() => {
    const elapsedSeconds = (clock() - claimedAt) / 1000;
    const changes: VisibilityChange[] = [];
    for (const { delivery, task } of toRun) {
      if (excluded.has(delivery.record.messageId)) continue;
      const queue = queueOf(deps.queues, delivery, task);
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
    async exclude(messageIds) {
      for (const id of messageIds) excluded.add(id);
      await applying;
    },
    async settle() {
      clearTimeout(timer);
      // Done before the batch's own visibility changes, so those are the last word.
      await applying;
    },
  };
}
