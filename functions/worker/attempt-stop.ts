/**
 * A forced stop of the process's workers (the local runtime's second Ctrl-C). Running attempts
 * see the signal abort, end at once, and are released: handed back so that they run again at
 * once elsewhere, not counted as interruptions. Lambda never sends this (an invocation that is
 * killed is an interruption, found when its lease ends).
 */

export class WorkerStoppedError extends Error {
  constructor(reason: string) {
    super(`the worker was stopped (${reason}); the attempt runs again`);
    this.name = 'WorkerStoppedError';
  }
}

let controller = new AbortController();

/** Aborts when `stopRunningAttempts` is called; read by each worker invocation. */
export function attemptStopSignal(): AbortSignal {
  return controller.signal;
}

export function stopRunningAttempts(reason = 'shutdown'): void {
  if (!controller.signal.aborted) controller.abort(new WorkerStoppedError(reason));
}

/** A new runtime in the same process starts with running allowed again. */
export function resetAttemptStop(): void {
  if (controller.signal.aborted) controller = new AbortController();
}
