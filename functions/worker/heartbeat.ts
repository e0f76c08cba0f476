/**
 * Periodic work while a task runs. A beat that is still in flight when the next is due is not
 * doubled up; a failing beat is the caller's to log, never a crash of the attempt.
 */
export interface Heartbeat {
  stop(): void;
}

export function startHeartbeat(intervalMs: number, beat: () => Promise<void>): Heartbeat {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    beat()
      .catch(() => undefined)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  // A pending beat must not keep a finished process (local runtime, tests) alive.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
