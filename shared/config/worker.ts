/** The worker: leases, heartbeats and the margins of an invocation; the webhook task type. */
import { type Env, readBoolean, readNumber } from './env.ts';
import { queueVisibilityTimeoutSeconds } from './queues.ts';

export interface WorkerConfig {
  /**
   * Added to a task's timeout to form its lease, covering the time to record the outcome. The
   * claimed message stays hidden exactly that long, so it also bounds how late a task whose
   * worker died runs again: timeout + this margin.
   */
  leaseMarginSeconds: number;
  /**
   * How long after the claim the batch's messages are hidden until their leases end. Until then
   * they keep the queue's visibility timeout; a batch that finishes sooner (most do) needs no
   * SQS call for it.
   */
  claimVisibilityDelayMs: number;
  /** Kept free at the end of an invocation for the completion statement and SQS calls. */
  safetyMarginMs: number;
  /** Below this remaining time a batch is not claimed at all; every record goes back to the queue. */
  minRemainingMs: number;
  /** How often a running task extends its message's visibility and its lease. */
  heartbeatSeconds: number;
}

/**
 * @param queues the visibility timeout of the queues the worker consumes, when the caller created
 *   them (the local runtime); else QUEUE_VISIBILITY_TIMEOUT_SECONDS, which the stack sets
 */
export function workerConfig(
  env: Env = process.env,
  queues: { visibilityTimeoutSeconds?: number } = {},
): WorkerConfig {
  // A third of the visibility timeout leaves two missed heartbeats before the message reappears.
  const visibility = queues.visibilityTimeoutSeconds ?? queueVisibilityTimeoutSeconds(env);
  return {
    leaseMarginSeconds: readNumber(env, 'WORKER_LEASE_MARGIN_SECONDS', 15, { min: 0, max: 3600 }),
    claimVisibilityDelayMs: readNumber(env, 'WORKER_CLAIM_VISIBILITY_DELAY_MS', 1000, {
      min: 0,
      max: 60_000,
    }),
    safetyMarginMs: readNumber(env, 'WORKER_SAFETY_MARGIN_MS', 5000, { min: 0, max: 120_000 }),
    minRemainingMs: readNumber(env, 'WORKER_MIN_REMAINING_MS', 10_000, { min: 0, max: 900_000 }),
    heartbeatSeconds: readNumber(
      env,
      'WORKER_HEARTBEAT_SECONDS',
      Math.max(1, Math.min(30, Math.floor(visibility / 3))),
      { min: 1, max: 3600 },
    ),
  };
}

export interface WebhookConfig {
  /** Let webhooks reach loopback and private addresses (local development and tests only). */
  allowPrivateNetworks: boolean;
}

export function webhookConfig(env: Env = process.env): WebhookConfig {
  return { allowPrivateNetworks: readBoolean(env, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS', false) };
}
