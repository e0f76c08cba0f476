/**
 * The task model: its statuses, the shapes the store reads and writes, and the few constants the
 * API, relay and worker share. The lifecycle is enforced by the store, one compare-and-set
 * statement per transition (docs/architecture.md, "Every transition is one compare-and-set
 * statement"); the decisions taken on what a statement returned are in `task-policy.ts`.
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
  /** The schedule that made the task, and the slot it was made for; null for submitted tasks. */
  scheduleId: string | null;
  scheduledFor: Date | null;
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

/** SQS allows DelaySeconds up to 15 minutes. */
export const MAX_SQS_DELAY_SECONDS = 900;

/**
 * How far ahead of `runAt` a task's outbox row becomes due (`available_at = run_at - lead`): the
 * relay publishes that early and SQS DelaySeconds covers the rest, so the lead is the SQS limit.
 */
export const OUTBOX_LEAD_SECONDS = MAX_SQS_DELAY_SECONDS;

/** How a handler's run ended (the worker's `runAttempt`), before it becomes an outcome. */
export type AttemptResult =
  | { ok: true; result: unknown; durationMs: number }
  | { ok: false; error: TaskError; durationMs: number };

/** What identifies one run of an attempt: a late worker of an earlier run no longer matches. */
export interface RunRef {
  taskId: string;
  attempt: number;
  /** The task's `leaseGeneration` when this run claimed it. */
  generation: number;
  durationMs: number;
}

/** The outcome of a run, as the worker records it. */
export type AttemptOutcome =
  | (RunRef & { status: 'COMPLETED'; result: unknown })
  | (RunRef & { status: 'RETRYING'; error: TaskError; retryInSeconds: number })
  /** `interrupted`: no handler failed; the task's interruptions ran out (its lease must have expired). */
  | (RunRef & { status: 'FAILED'; error: TaskError; interrupted?: boolean })
  /** Released: the worker was stopped; the attempt runs again under its number, not counted. */
  | (RunRef & { status: 'QUEUED'; reason: string });

/** One task of a claim statement: as the statement found it, and as it claimed it. */
export interface ClaimRow {
  taskId: string;
  /** The task before the claim (without payload or result); null when it does not exist. */
  before: Task | null;
  /** The task as claimed, whole; null when the claim's guard left it alone. */
  claimed: Task | null;
  /**
   * Seconds until the task's run time and until its lease ends (negative once ended), measured
   * by the database's clock at the statement, the clock its guard used.
   */
  dueInSeconds: number;
  leaseEndsInSeconds: number;
}
