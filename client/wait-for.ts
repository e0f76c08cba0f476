/** Polls a task until it reaches a terminal status (COMPLETED, FAILED or CANCELLED). */
import { WaitTimeoutError } from './errors.ts';
import type { components } from './openapi-types.ts';
import { pause } from './pause.ts';

type Task = components['schemas']['Task'];

export const TERMINAL_STATUSES: readonly Task['status'][] = ['COMPLETED', 'FAILED', 'CANCELLED'];

export function isTerminal(status: Task['status']): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export interface WaitOptions {
  /** Give up after this long, throwing WaitTimeoutError (default 300,000 ms; Infinity: never). */
  timeout?: number;
  /** Pause between polls (default 500 ms). */
  interval?: number;
  /** Stops waiting, rejecting with the signal's reason. */
  signal?: AbortSignal;
  /** Called with every state read, terminal or not (e.g. to show progress); awaited. */
  onPoll?: (task: Task) => void | Promise<void>;
}

/** Reads the task once (throwing TaskforgeApiError when the API refuses). */
export type ReadTask = (id: string, signal: AbortSignal | undefined) => Promise<Task>;

export async function waitForTask(read: ReadTask, id: string, options: WaitOptions = {}): Promise<Task> {
  const timeout = options.timeout ?? 300_000;
  const interval = options.interval ?? 500;
  const deadline = Date.now() + timeout;
  let last: Task | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    last = await read(id, options.signal);
    await options.onPoll?.(last);
    if (isTerminal(last.status)) return last;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new WaitTimeoutError(id, timeout, last);
    await pause(Math.min(interval, remaining), options.signal);
  }
}
