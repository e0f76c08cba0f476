/**
 * The task model and its state machine (DESIGN section 5). The store enforces every transition
 * with a conditional UPDATE; this module is the one list of what is allowed, used by the store's
 * SQL guards, the service's error messages and the tests.
 */
import type { Priority } from './priority.ts';

export const TASK_STATUSES = [
  'PENDING',
  'QUEUED',
  'RUNNING',
  'COMPLETED',
  'RETRYING',
  'FAILED',
  'CANCELLED',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TERMINAL_STATUSES: readonly TaskStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];
export const CANCELLABLE_STATUSES: readonly TaskStatus[] = ['PENDING', 'QUEUED', 'RETRYING'];
export const RETRYABLE_STATUSES: readonly TaskStatus[] = ['FAILED', 'CANCELLED'];

/** Every edge of the lifecycle graph, keyed by the operation that takes it. */
export const TRANSITIONS = {
  publish: { from: ['PENDING'], to: 'QUEUED' },
  claim: { from: ['QUEUED', 'RETRYING', 'RUNNING'], to: 'RUNNING' }, // RUNNING only with an expired lease
  complete: { from: ['RUNNING'], to: 'COMPLETED' },
  scheduleRetry: { from: ['RUNNING'], to: 'RETRYING' },
  fail: { from: ['RUNNING'], to: 'FAILED' },
  /** A forced stop of the worker hands the attempt back; it runs again under the same number. */
  release: { from: ['RUNNING'], to: 'QUEUED' },
  cancel: { from: CANCELLABLE_STATUSES, to: 'CANCELLED' },
  retry: { from: RETRYABLE_STATUSES, to: 'PENDING' },
  /** The sweeper finds an expired lease whose message did not bring the task back: run it again. */
  requeueInterrupted: { from: ['RUNNING'], to: 'QUEUED' },
  /** An expired lease with the task's interruptions used up. */
  failInterrupted: { from: ['RUNNING'], to: 'FAILED' },
  deadLetterRedrive: { from: ['QUEUED', 'RUNNING', 'RETRYING'], to: 'FAILED' },
} as const satisfies Record<string, { from: readonly TaskStatus[]; to: TaskStatus }>;

export type TaskEventType =
  | 'submitted'
  | 'queued'
  | 'started'
  | 'succeeded'
  | 'failed'
  | 'retry_scheduled'
  | 'dead_lettered'
  | 'cancelled'
  | 'redriven'
  /** Written before interruptions were counted; new expired leases are `interrupted`. */
  | 'lease_expired'
  /** The attempt's worker vanished (its lease expired) or was stopped; see the event's detail. */
  | 'interrupted'
  /** The sweeper published the task again because no worker had claimed it long after it was due. */
  | 'republished';

export function isTerminal(status: TaskStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export interface TaskError {
  message: string;
  name?: string;
  /** true when the handler declared the error permanent (no retry). */
  permanent?: boolean;
}

export interface Task {
  id: string;
  tenantId: string;
  type: string;
  payload: unknown;
  priority: Priority;
  status: TaskStatus;
  idempotencyKey: string | null;
  clientId: string | null;
  correlationId: string;
  runAt: Date;
  /**
   * Attempts that ran to an outcome, plus the one running now. An interrupted attempt (its worker
   * vanished) runs again under the same number, so this counts the handler's tries only.
   */
  attempts: number;
  maxAttempts: number;
  /** Runs lost because their worker vanished (lease expired); limited by `maxInterruptions`. */
  interruptions: number;
  maxInterruptions: number;
  backoffBaseSeconds: number;
  backoffCapSeconds: number;
  timeoutSeconds: number;
  leaseUntil: Date | null;
  /** Raised by every claim: the fence that tells two runs of one attempt apart. */
  leaseGeneration: number;
  result: unknown;
  lastError: TaskError | null;
  createdAt: Date;
  queuedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
}

export interface TaskEvent {
  id: number;
  taskId: string;
  type: TaskEventType;
  attempt: number;
  detail: unknown;
  createdAt: Date;
}

/** A new task, validated, with every default applied. */
export interface NewTask {
  id: string;
  tenantId: string;
  type: string;
  payload: unknown;
  priority: Priority;
  runAt: Date;
  maxAttempts: number;
  maxInterruptions: number;
  backoffBaseSeconds: number;
  backoffCapSeconds: number;
  timeoutSeconds: number;
  idempotencyKey: string | null;
  requestFingerprint: string | null;
  clientId: string | null;
  correlationId: string;
}

/** SQS allows DelaySeconds up to 15 minutes: the relay publishes that long ahead of `runAt`. */
export const MAX_SQS_DELAY_SECONDS = 900;

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
