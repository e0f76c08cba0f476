/**
 * The decisions taken on what the store returned, as pure functions: how a claimed (or unclaimed)
 * task is handled, what outcome a run records, and how long a retry waits. The store only guards
 * and changes rows; these functions hold the rules, so they can be read and tested without a
 * database. Clocks and randomness come in as arguments.
 */
import type { AttemptOutcome, AttemptResult, ClaimRow, Task, TaskStatus } from './task.ts';

/**
 * A task may be claimed this long before its run time: the relay rounds SQS DelaySeconds up to
 * whole seconds, so a message can arrive a moment early. The claim statement uses it too.
 */
export const CLAIM_EARLY_SECONDS = 1;

export type ClaimState =
  /** Claimed: this worker now owns the attempt. */
  | 'claimed'
  /** QUEUED/RETRYING but its run time (backoff) is still ahead: make the message reappear then. */
  | 'not_due'
  /** Would not fit in the invocation's remaining time: return it to the queue untouched. */
  | 'no_time'
  /**
   * RUNNING under a live lease: another worker owns the attempt, or owned it and stopped before
   * recording its outcome. The message reappears when the lease ends, so it can bring the task
   * back if the owner never reports.
   */
  | 'leased'
  /** RUNNING, lease expired, interruptions used up: the worker must fail it. */
  | 'exhausted'
  /** Missing, terminal, PENDING, or claimed by another worker meanwhile: a duplicate or late message. */
  | 'skip';

export interface ClaimOutcome {
  taskId: string;
  state: ClaimState;
  /** The claimed task (state 'claimed'), or the task as it was (other states), when it exists. */
  task: Task | null;
  previousStatus: TaskStatus | null;
  /** Seconds until the task is due (state 'not_due'). */
  dueInSeconds: number;
  /** Seconds until the current lease ends (state 'leased'). */
  leaseEndsInSeconds: number;
}

const IN_FLIGHT: readonly TaskStatus[] = ['QUEUED', 'RETRYING', 'RUNNING'];

/**
 * What a message does with its task after the claim statement. The statement's guard decided
 * which tasks were claimed; for the others this tells why not, from the row and the timings the
 * statement measured (the database's clock, so the two never disagree). `maxTimeoutSeconds` is
 * the limit the claim was made with (the invocation's remaining time).
 */
export function classifyClaim(row: ClaimRow, maxTimeoutSeconds: number): ClaimOutcome {
  const { before } = row;
  const outcome = {
    taskId: row.taskId,
    previousStatus: before?.status ?? null,
    dueInSeconds: row.dueInSeconds,
    leaseEndsInSeconds: Math.max(0, row.leaseEndsInSeconds),
  };
  if (row.claimed) return { ...outcome, state: 'claimed', task: row.claimed };
  return { ...outcome, state: unclaimedState(row, maxTimeoutSeconds), task: before };
}

function unclaimedState(row: ClaimRow, maxTimeoutSeconds: number): ClaimState {
  const { before } = row;
  if (!before) return 'skip';
  const waiting = before.status === 'QUEUED' || before.status === 'RETRYING';
  if (before.timeoutSeconds > maxTimeoutSeconds && IN_FLIGHT.includes(before.status)) return 'no_time';
  if (waiting && row.dueInSeconds > CLAIM_EARLY_SECONDS) return 'not_due';
  if (before.status === 'RUNNING' && row.leaseEndsInSeconds > 0) return 'leased';
  if (before.status === 'RUNNING' && before.interruptions >= before.maxInterruptions) return 'exhausted';
  return 'skip';
}

function runOf(task: Task, durationMs: number) {
  return { taskId: task.id, attempt: task.attempts, generation: task.leaseGeneration, durationMs };
}

/**
 * The outcome of a claimed attempt's run: COMPLETED, FAILED (a permanent error, or the last
 * attempt), or RETRYING after a backoff drawn with `random`.
 */
export function nextOutcome(
  task: Task,
  result: AttemptResult,
  random: () => number = Math.random,
): AttemptOutcome {
  const run = runOf(task, result.durationMs);
  if (result.ok) return { ...run, status: 'COMPLETED', result: result.result };
  if (result.error.permanent || task.attempts >= task.maxAttempts)
    return { ...run, status: 'FAILED', error: result.error };
  const retryInSeconds = backoffSeconds(
    task.attempts,
    task.backoffBaseSeconds,
    task.backoffCapSeconds,
    random,
  );
  return { ...run, status: 'RETRYING', error: result.error, retryInSeconds };
}

/** A run cut short by a stopping worker: handed back, to run again under the same number. */
export function releasedOutcome(task: Task, durationMs: number, reason: string): AttemptOutcome {
  return { ...runOf(task, durationMs), status: 'QUEUED', reason };
}

/** A task whose worker vanished once too often (claim state 'exhausted'): it fails without running. */
export function exhaustedOutcome(task: Task): AttemptOutcome {
  const interruptions = task.interruptions + 1;
  return {
    ...runOf(task, 0),
    status: 'FAILED',
    interrupted: true,
    error: {
      name: 'TaskInterruptedError',
      message: `the worker running this task stopped without reporting ${interruptions} times (maxInterruptions ${task.maxInterruptions})`,
    },
  };
}

/**
 * Exponential backoff with "equal jitter" (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): with c = min(cap, base * 2^(attempt-1)), a uniform draw in [c/2, c]. Full jitter
 * ([0, c]) spreads load slightly better but can make a later gap shorter than an earlier one;
 * equal jitter keeps gaps growing while still de-synchronising retries. Floored at 1 s and
 * rounded up, since SQS visibility is in whole seconds. `attempt` is the attempt that just
 * failed, from 1.
 */
export function backoffSeconds(
  attempt: number,
  baseSeconds: number,
  capSeconds: number,
  random = Math.random,
): number {
  const ceiling = Math.min(capSeconds, baseSeconds * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.ceil(ceiling / 2 + random() * (ceiling / 2)));
}

/** The deterministic upper bound of `backoffSeconds`, for documentation and tests. */
export function backoffCeilingSeconds(attempt: number, baseSeconds: number, capSeconds: number): number {
  return Math.max(1, Math.ceil(Math.min(capSeconds, baseSeconds * 2 ** Math.max(0, attempt - 1))));
}
