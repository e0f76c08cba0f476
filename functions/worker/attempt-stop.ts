/**
 * A forced stop of the process's workers (the local runtime's second Ctrl-C). Running attempts
 * see the signal abort, end at once, and are released: handed back so that they run again at
 * once elsewhere, not counted as interruptions. Lambda never sends this (an invocation that is
 * killed is an interruption, found when its lease ends). The controller is process-wide, in
 * `process-deps.ts`: its reset (the runtime's stop) lets a new runtime in the same process run again.
 */
import { getAttemptStop } from '../../shared/process-deps.ts';

export class WorkerStoppedError extends Error {
  constructor(reason: string) {
    super(`the worker was stopped (${reason}); the attempt runs again`);
    this.name = 'WorkerStoppedError';
  }
}

/** Aborts when `stopRunningAttempts` is called; read by each worker invocation. */
export function attemptStopSignal(): AbortSignal {
  return getAttemptStop().signal;
}

export function stopRunningAttempts(reason = 'shutdown'): void {
  const controller = getAttemptStop();
  if (!controller.signal.aborted) controller.abort(new WorkerStoppedError(reason));
}
