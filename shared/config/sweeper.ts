/** The sweeper: expired leases, lost messages, dead-letter reconciliation and retention. */
import { type Env, readNumber } from './env.ts';

export interface SweeperConfig {
  /**
   * How long after a lease expired the sweeper runs the task again itself. The task's message is
   * hidden until the lease ends and then brings it back to a worker; the sweeper is for messages
   * that are gone or still hidden (the worker died before it could shorten their visibility).
   */
  leaseGraceSeconds: number;
  /**
   * A QUEUED or RETRYING task due this long without a worker claiming it is published again (its
   * message was lost: purged, expired, or hidden by a worker that died before claiming it).
   */
  republishAfterSeconds: number;
  /**
   * The same, when the task's queue holds no visible message: nothing is waiting its turn there,
   * so a due task nobody claimed for this long has no message a worker can receive.
   */
  republishIdleAfterSeconds: number;
  /** Rows changed or deleted per statement. */
  batchSize: number;
  /**
   * Visibility timeout of dead-letter messages read for reconciliation: long enough that one run
   * does not read the same message twice, short enough that operators and redrive see them again soon.
   */
  dlqVisibilityTimeoutSeconds: number;
  /** ReceiveMessage calls (10 messages each) per dead-letter queue per run. */
  dlqReceiveCalls: number;
  /** Terminal tasks are deleted this long after they finished. */
  retentionDays: number;
  /** Upper bound on one run's work; the handler also stops before the invocation's own timeout. */
  timeBudgetMs: number;
}

export function sweeperConfig(env: Env = process.env): SweeperConfig {
  return {
    leaseGraceSeconds: readNumber(env, 'SWEEPER_LEASE_GRACE_SECONDS', 2, { min: 0, max: 86_400 }),
    republishAfterSeconds: readNumber(env, 'SWEEPER_REPUBLISH_AFTER_SECONDS', 60, { min: 1, max: 86_400 }),
    republishIdleAfterSeconds: readNumber(env, 'SWEEPER_REPUBLISH_IDLE_AFTER_SECONDS', 15, {
      min: 1,
      max: 86_400,
    }),
    batchSize: readNumber(env, 'SWEEPER_BATCH_SIZE', 500, { min: 1, max: 10_000 }),
    dlqVisibilityTimeoutSeconds: readNumber(env, 'SWEEPER_DLQ_VISIBILITY_TIMEOUT_SECONDS', 30, {
      min: 0,
      max: 43_200,
    }),
    dlqReceiveCalls: readNumber(env, 'SWEEPER_DLQ_RECEIVE_CALLS', 5, { min: 0, max: 100 }),
    retentionDays: readNumber(env, 'TASK_RETENTION_DAYS', 30, { min: 0, max: 3650 }),
    timeBudgetMs: readNumber(env, 'SWEEPER_TIME_BUDGET_MS', 45_000, { min: 1000, max: 900_000 }),
  };
}
