/**
 * "Why is my task waiting?": one reason per task, from what the database and the queues know,
 * as of a clock the caller passes (tests inject it). `explain` is pure; `explainTask` reads the
 * task and, only for a task waiting in its queue, that queue's depths and oldest due task.
 *
 * The reasons (documented in docs/architecture.md, "Explain"):
 * - scheduled: runAt is in the future (`until` = runAt); PENDING or already published with a delay.
 * - publishing: PENDING and due; waiting for the relay (`lagSeconds`).
 * - queued: QUEUED (or RETRYING past its backoff) and due, waiting for a worker: the queue's
 *   depths, its oldest due task, and the higher-priority queues with messages (`queue`).
 * - backoff: RETRYING, the retry runs at `until`, after attempt `attempt` failed (`error`).
 * - running: RUNNING under a live lease (`lease`: until and heartbeat age).
 * - interrupted: RUNNING but its lease ran out (the worker vanished); the message brings it back
 *   to a worker at `until` (lease end + 1 s), the sweeper's backstop soon after.
 * - completed, failed (`error`, `interrupted`), cancelled: terminal, with their cause.
 * Not reasons, because no task waits for them: rate limits act on requests, never on an accepted
 * task (no `rate-limited`); a schedule's slot that is skipped (overlap) or not yet due makes no
 * task at all (no `overlap-skipped` or `waiting-for-schedule`: the schedule resource shows its
 * skipped counts and next runs). A schedule's task held by jitter is `scheduled`, naming its slot.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { QueueConfig } from '../config/queues.ts';
import type { Executor } from '../db/database.ts';
import { type QueueDepths, queueDepths } from '../ops/queue-depths.ts';
import { oldestDueWaiting } from '../ops/stats-store.ts';
import { PRIORITIES, type Priority } from './priority.ts';
import type { Task } from './task.ts';
import type { ExplanationJson } from './task-schemas.ts';
import { getTask } from './task-service.ts';

export const EXPLAIN_REASONS = [
  'scheduled',
  'publishing',
  'queued',
  'backoff',
  'running',
  'interrupted',
  'completed',
  'failed',
  'cancelled',
] as const;
export type ExplainReason = (typeof EXPLAIN_REASONS)[number];

export type Explanation = ExplanationJson & { reason: ExplainReason };

/** What `explain` needs beyond the task for a `queued` one; null when SQS could not be read. */
export interface QueueView {
  depths: QueueDepths | null;
  oldestDueRunAt: Date | null;
}

/** The message of an expired lease is visible again one second after it (docs: crash recovery). */
const REAPPEAR_AFTER_LEASE_MS = 1000;

const seconds = (ms: number) => Math.round(ms / 100) / 10;

function ago(ms: number): string {
  const s = seconds(Math.abs(ms));
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
}

/** Whether the task waits in its queue for a worker (the only case that reads the queues). */
export function waitsInQueue(task: Task, now: Date): boolean {
  return (task.status === 'QUEUED' || task.status === 'RETRYING') && task.runAt <= now;
}

/** The explanation of `task` as of `now`; `queue` is read only when `waitsInQueue`. */
export function explain(task: Task, now: Date, queue?: QueueView): Explanation {
  const base = {
    taskId: task.id,
    status: task.status,
    attempt: task.attempts,
    maxAttempts: task.maxAttempts,
    checkedAt: now.toISOString(),
    warnings: [] as string[],
  };
  const untilRunAt = task.runAt.toISOString();
  const dueFor = now.getTime() - task.runAt.getTime();
  switch (task.status) {
    case 'PENDING':
    case 'QUEUED':
      if (task.runAt > now) {
        return {
          ...base,
          reason: 'scheduled',
          until: untilRunAt,
          detail:
            task.scheduleId && task.scheduledFor
              ? `Made by schedule ${task.scheduleId} for its ${task.scheduledFor.toISOString()} slot; the schedule's jitter holds it until ${untilRunAt} (in ${ago(-dueFor)}).`
              : `Scheduled to run at ${untilRunAt} (in ${ago(-dueFor)}).`,
        };
      }
      if (task.status === 'PENDING') {
        return {
          ...base,
          reason: 'publishing',
          lagSeconds: seconds(dueFor),
          detail: `Due for ${ago(dueFor)}, waiting for the relay to publish it to the ${task.priority} queue.`,
        };
      }
      return queued(task, now, base, queue);
    case 'RETRYING':
      if (task.runAt > now) {
        return {
          ...base,
          reason: 'backoff',
          until: untilRunAt,
          error: task.lastError,
          detail: `Attempt ${task.attempts} of ${task.maxAttempts} failed${task.lastError ? ` (${task.lastError.message})` : ''}; the retry runs at ${untilRunAt} (in ${ago(-dueFor)}).`,
        };
      }
      return queued(task, now, base, queue);
    case 'RUNNING': {
      const leaseUntil = task.leaseUntil ?? now;
      const lease = {
        until: leaseUntil.toISOString(),
        heartbeatAgeSeconds: seconds(now.getTime() - task.updatedAt.getTime()),
      };
      if (leaseUntil >= now) {
        return {
          ...base,
          reason: 'running',
          until: lease.until,
          lease,
          detail: `Attempt ${task.attempts} of ${task.maxAttempts} is running; its lease lasts until ${lease.until}, last heartbeat ${ago(lease.heartbeatAgeSeconds * 1000)} ago.`,
        };
      }
      const recovery = new Date(leaseUntil.getTime() + REAPPEAR_AFTER_LEASE_MS);
      return {
        ...base,
        reason: 'interrupted',
        until: recovery.toISOString(),
        lease,
        detail: `The worker of attempt ${task.attempts} stopped reporting (lease ended ${ago(now.getTime() - leaseUntil.getTime())} ago); it runs again ${recovery > now ? `at ${recovery.toISOString()}` : 'as soon as a worker or the sweeper picks it up'} (interruption ${task.interruptions + 1} of ${task.maxInterruptions}).`,
      };
    }
    case 'COMPLETED':
      return {
        ...base,
        reason: 'completed',
        detail: `Completed at ${task.finishedAt?.toISOString() ?? 'an unknown time'} after ${task.attempts} attempt(s).`,
      };
    case 'FAILED': {
      const interrupted = task.lastError?.name === 'TaskInterruptedError';
      const cause = interrupted
        ? `its worker vanished ${task.interruptions} time(s) (maxInterruptions ${task.maxInterruptions})`
        : task.lastError?.permanent
          ? 'the handler reported a permanent error'
          : `attempt ${task.attempts} of ${task.maxAttempts} failed and no retry was left`;
      return {
        ...base,
        reason: 'failed',
        error: task.lastError,
        interrupted,
        detail: `Failed: ${cause}${task.lastError ? ` (${task.lastError.message})` : ''}. POST /v1/tasks/${task.id}/retry runs it again.`,
      };
    }
    case 'CANCELLED':
      return {
        ...base,
        reason: 'cancelled',
        detail: `Cancelled at ${task.finishedAt?.toISOString() ?? 'an unknown time'}.`,
      };
  }
}

function queued(
  task: Task,
  now: Date,
  base: Omit<Explanation, 'reason' | 'detail'>,
  view: QueueView | undefined,
): Explanation {
  const waitingSeconds = seconds(now.getTime() - task.runAt.getTime());
  const depths = view?.depths ?? null;
  const higher = PRIORITIES.slice(0, PRIORITIES.indexOf(task.priority));
  const busierHigherQueues: Priority[] = depths ? higher.filter((p) => depths[p].visible > 0) : [];
  const queue = depths
    ? {
        priority: task.priority,
        visible: depths[task.priority].visible,
        inFlight: depths[task.priority].inFlight,
        delayed: depths[task.priority].delayed,
        oldestWaitingSeconds: view?.oldestDueRunAt
          ? seconds(now.getTime() - view.oldestDueRunAt.getTime())
          : null,
        busierHigherQueues,
      }
    : null;
  const retry = task.status === 'RETRYING' ? `Retry after attempt ${task.attempts} is due; ` : '';
  const where = queue
    ? ` The ${task.priority} queue holds ${queue.visible} waiting and ${queue.inFlight} running message(s)${busierHigherQueues.length ? `; higher queues busy: ${busierHigherQueues.join(', ')}` : ''}.`
    : '';
  return {
    ...base,
    reason: 'queued',
    waitingSeconds,
    queue,
    warnings: depths ? base.warnings : ['queue depths unavailable'],
    detail: `${retry}Waiting ${ago(waitingSeconds * 1000)} in the ${task.priority} queue for a worker.${where}`,
  };
}

export interface ExplainDeps {
  db: Executor;
  sqs: SQSClient;
  queues: QueueConfig;
  /** Called when SQS cannot be read (the explanation then carries a warning). */
  onQueueError?: (err: unknown) => void;
}

/** The tenant's task explained as of `now`; NotFoundError (404) for a missing or foreign task. */
export async function explainTask(
  deps: ExplainDeps,
  tenantId: string,
  taskId: string,
  now: Date,
): Promise<Explanation> {
  const task = await getTask(deps.db, tenantId, taskId);
  if (!waitsInQueue(task, now)) return explain(task, now);
  const [depths, oldest] = await Promise.all([
    queueDepths(deps.sqs, deps.queues).catch((err: unknown) => {
      deps.onQueueError?.(err);
      return null;
    }),
    oldestDueWaiting(deps.db, now),
  ]);
  return explain(task, now, { depths, oldestDueRunAt: oldest[task.priority] });
}
