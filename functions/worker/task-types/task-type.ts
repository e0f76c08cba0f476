import type { z } from 'zod';
import type { AppLogger } from '../../../shared/observability.ts';

/** What a task handler receives besides its payload. */
export interface TaskContext {
  taskId: string;
  tenantId: string;
  /** This attempt's number, from 1. */
  attempt: number;
  maxAttempts: number;
  correlationId: string;
  /** Aborted when the task's `timeoutSeconds` runs out (or the worker shuts down): stop work then. */
  signal: AbortSignal;
  /** Logger whose lines carry the task id and correlation id. */
  logger: AppLogger;
}

/**
 * One task type: its name, the schema its payload must match (checked at the API, and again by
 * the worker), and the handler. A handler returns the task's JSON result, throws to fail the
 * attempt (retried with backoff), or throws `PermanentTaskError` to fail the task at once.
 */
export interface TaskType<Payload> {
  name: string;
  description: string;
  payloadSchema: z.ZodType<Payload>;
  handler(payload: Payload, context: TaskContext): Promise<unknown>;
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
