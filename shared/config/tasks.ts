/** Defaults and limits of submitted tasks. */
import { type Env, readNumber } from './env.ts';

export interface TaskDefaults {
  maxAttempts: number;
  /** Upper bound a client may ask for; the queues' maxReceiveCount sits above it. */
  maxAttemptsLimit: number;
  /** Interruptions (the worker vanished mid-attempt) a task survives before it fails. */
  maxInterruptions: number;
  /** Upper bound a client may ask for. */
  maxInterruptionsLimit: number;
  backoffBaseSeconds: number;
  backoffCapSeconds: number;
  timeoutSeconds: number;
  /** Longest task timeout a client may ask for: must fit in the worker function's timeout. */
  maxTimeoutSeconds: number;
  /** Largest serialized payload accepted, in bytes. */
  maxPayloadBytes: number;
}

/**
 * @param fallbacks defaults of the caller for variables that are not set: the local runtime's
 *   longest task must fit in its worker's timeout; the default timeout is then at most that
 */
export function taskDefaults(
  env: Env = process.env,
  fallbacks: { maxTimeoutSeconds?: number; timeoutSeconds?: (maxTimeoutSeconds: number) => number } = {},
): TaskDefaults {
  const maxTimeoutSeconds = readNumber(env, 'TASK_MAX_TIMEOUT_SECONDS', fallbacks.maxTimeoutSeconds ?? 840, {
    min: 1,
    max: 900,
  });
  return {
    maxAttempts: readNumber(env, 'TASK_DEFAULT_MAX_ATTEMPTS', 4, { min: 1, max: 20 }),
    maxAttemptsLimit: 20,
    maxInterruptions: readNumber(env, 'TASK_DEFAULT_MAX_INTERRUPTIONS', 3, { min: 0, max: 20 }),
    maxInterruptionsLimit: 20,
    backoffBaseSeconds: readNumber(env, 'TASK_DEFAULT_BACKOFF_BASE_SECONDS', 2, { min: 0, max: 3600 }),
    backoffCapSeconds: readNumber(env, 'TASK_DEFAULT_BACKOFF_CAP_SECONDS', 900, { min: 0, max: 43_200 }),
    timeoutSeconds: readNumber(
      env,
      'TASK_DEFAULT_TIMEOUT_SECONDS',
      fallbacks.timeoutSeconds?.(maxTimeoutSeconds) ?? 60,
      { min: 1, max: 900 },
    ),
    maxTimeoutSeconds,
    maxPayloadBytes: readNumber(env, 'MAX_PAYLOAD_BYTES', 256 * 1024, { min: 1024, max: 1024 * 1024 }),
  };
}
