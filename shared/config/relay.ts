/** The relay: how it claims and publishes due outbox rows. */
import { type Env, readBoolean, readNumber } from './env.ts';

export interface RelayConfig {
  /** Outbox rows claimed per queue per poll; a full batch in any queue makes the relay poll again at once. */
  batchSize: number;
  /** How long a claimed outbox row stays invisible to other relays before it may be sent again. */
  claimLeaseSeconds: number;
  /** Pause after a poll that found less than a full batch. */
  idleWaitMs: number;
  /** How long one scheduled invocation keeps polling (EventBridge starts one every minute). */
  loopSeconds: number;
  /** Stop polling when the invocation has less than this left. */
  stopMarginMs: number;
  /** Send `MessageGroupId` = tenant id on the standard queues (SQS fair queues). */
  fairQueues: boolean;
  /** Due schedules fired per round at most (their claim lease is `claimLeaseSeconds`). */
  scheduleBatchSize: number;
}

/** @param fallbacks defaults of the caller for variables that are not set (the local runtime's). */
export function relayConfig(env: Env = process.env, fallbacks: { idleWaitMs?: number } = {}): RelayConfig {
  return {
    batchSize: readNumber(env, 'RELAY_BATCH_SIZE', 100, { min: 1, max: 1000 }),
    claimLeaseSeconds: readNumber(env, 'RELAY_CLAIM_LEASE_SECONDS', 30, { min: 1, max: 900 }),
    idleWaitMs: readNumber(env, 'RELAY_IDLE_WAIT_MS', fallbacks.idleWaitMs ?? 1000, { min: 0, max: 60_000 }),
    loopSeconds: readNumber(env, 'RELAY_LOOP_SECONDS', 55, { min: 1, max: 900 }),
    stopMarginMs: readNumber(env, 'RELAY_STOP_MARGIN_MS', 3000, { min: 0, max: 60_000 }),
    fairQueues: readBoolean(env, 'RELAY_FAIR_QUEUES', true),
    scheduleBatchSize: readNumber(env, 'RELAY_SCHEDULE_BATCH_SIZE', 50, { min: 1, max: 1000 }),
  };
}
