/** Load-generation helpers: closed-loop callers for a duration, a worker pool, and an open-loop pacer. */

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface ClosedLoopResult {
  /** Successful calls. */
  calls: number;
  errors: number;
  /** Latency of every successful call, ms. */
  latencies: number[];
  seconds: number;
  firstError?: string;
}

/**
 * `callers` loops, each calling `call` back to back for `durationMs` (like autocannon's
 * connections); every call's latency is recorded.
 */
export async function closedLoop(
  callers: number,
  durationMs: number,
  call: () => Promise<unknown>,
): Promise<ClosedLoopResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          await call();
          latencies.push(performance.now() - t);
        } catch (err) {
          errors += 1;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { calls: latencies.length, errors, latencies, seconds, firstError };
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

export interface PacedResult {
  sent: number;
  errors: number;
  /** Achieved rate, calls per second (from first to last issue). */
  achievedRate: number;
  /** Latency of each successful call, ms. */
  latencies: number[];
  /** Calls that started more than 5 ms after their slot (the sender fell behind). */
  late: number;
  firstError?: string;
}

/**
 * Open loop: issues `call(i)` at `rate` per second for `durationMs` without waiting for earlier
 * calls (as independent clients would), at most `maxInFlight` outstanding.
 */
export async function paced(
  rate: number,
  durationMs: number,
  call: (i: number) => Promise<unknown>,
  maxInFlight = 1000,
): Promise<PacedResult> {
  const total = Math.round((rate * durationMs) / 1000);
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const pending = new Set<Promise<void>>();
  let errors = 0;
  let late = 0;
  let firstError: string | undefined;
  const started = performance.now();
  let lastIssue = started;
  for (let i = 0; i < total; i++) {
    const slot = started + i * interval;
    const wait = slot - performance.now();
    if (wait > 1) await sleep(wait);
    while (pending.size >= maxInFlight) await Promise.race(pending);
    const t = performance.now();
    if (t - slot > 5) late += 1;
    lastIssue = t;
    const p = call(i).then(
      () => {
        latencies.push(performance.now() - t);
      },
      (err: unknown) => {
        errors += 1;
        firstError ??= err instanceof Error ? err.message : String(err);
      },
    );
    const tracked = p.finally(() => pending.delete(tracked));
    pending.add(tracked);
  }
  await Promise.all(pending);
  const span = (lastIssue - started) / 1000;
  return {
    sent: total,
    errors,
    achievedRate: span > 0 ? (total - 1) / span : total,
    latencies,
    late,
    firstError,
  };
}

/** Polls `check` every `everyMs` until it returns true or `timeoutMs` passes (then throws). */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
