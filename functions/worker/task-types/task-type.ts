import type { AppLogger } from '../../../shared/observability.ts';
import type { TaskPayload, TaskTypeName } from '../../../shared/tasks/task-catalog.ts';

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
 * What runs a task of type `K` (its name, description and payload schema are in the catalogue,
 * `shared/tasks/task-catalog.ts`). It receives the payload already checked against the schema,
 * returns the task's JSON result, throws to fail the attempt (retried with backoff), or throws
 * `PermanentTaskError` to fail the task at once.
 */
export type TaskHandler<K extends TaskTypeName> = (
  payload: TaskPayload<K>,
  context: TaskContext,
) => Promise<unknown>;

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
