/**
 * The time budget both adapters spend retrying failures that mean "the database cannot be
 * reached right now" (`DB_UNAVAILABLE_RETRY_BUDGET_MS`): the budget, not an attempt count, bounds
 * those retries, so a deployment can say "wait up to 45 s for Aurora to resume" (migrations) or
 * "give up in time to answer 503 within API Gateway's 30 s" (API) without knowing the backoff.
 */

/** Clock, sleep and randomness, injected so the budget can be tested without waiting. */
export interface RetryTiming {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const realTiming: RetryTiming = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/** Full jitter: a random wait up to min(capMs, baseMs * 2^(attempt-1)); `attempt` counts from 1. */
export function fullJitterMs(baseMs: number, capMs: number, attempt: number, random: () => number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** (attempt - 1)));
}

/** One call's budget: starts when the call does, shared by every retry of that call. */
export class RetryBudget {
  private readonly startedAt: number;

  constructor(
    private readonly budgetMs: number,
    private readonly timing: RetryTiming = realTiming,
  ) {
    this.startedAt = timing.now();
  }

  /** Milliseconds since the call started. */
  elapsedMs(): number {
    return this.timing.now() - this.startedAt;
  }

  /**
   * Waits `delayMs`, cut to what is left of the budget, and resolves true; resolves false at once
   * when nothing is left. So a retry is only ever started within the budget (the attempt itself
   * may then take up to its own timeout).
   */
  async wait(delayMs: number): Promise<boolean> {
    const left = this.budgetMs - this.elapsedMs();
    if (left <= 0) return false;
    await this.timing.sleep(Math.max(0, Math.min(delayMs, left)));
    return true;
  }
}
