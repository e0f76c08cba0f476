/**
 * Whether this process is doing without Redis right now. The edge checks go on without it
 * (counted per check as `EdgeDegraded`), and the log says so once per change of state: one line
 * when Redis becomes unavailable (the breaker opened, the connection is gone) and one when it is
 * usable again, never one per request. A lone slow reply is not a change of state (see
 * `degraded.ts`).
 */
import { type AppLogger, logger } from '../observability.ts';

let unavailable: { since: number; skipped: number } | undefined;

/** Redis is unavailable: logged when it was available until now, counted either way. */
export function redisUnavailable(log: AppLogger, details: Record<string, unknown>): void {
  if (unavailable) {
    unavailable.skipped += 1;
    return;
  }
  unavailable = { since: Date.now(), skipped: 1 };
  log.warn(
    'edge protection off: Redis is unavailable; requests go on without rate limits, the status cache ' +
      'and the Idempotency-Key fast path (the database still makes Idempotency-Key safe) until it is back',
    details,
  );
}

/**
 * Redis is known to be unavailable and the caller has said so itself (the local runtime's one
 * line at start): the next request does not say it again.
 */
export function markRedisUnavailable(): void {
  unavailable ??= { since: Date.now(), skipped: 0 };
}

/** A check skipped while Redis is unavailable: counted, not logged. True when it is. */
export function countIfUnavailable(): boolean {
  if (!unavailable) return false;
  unavailable.skipped += 1;
  return true;
}

/** Redis answered (or its connection is ready again): logged when it was unavailable until now. */
export function redisUsable(): void {
  if (!unavailable) return;
  const { since, skipped } = unavailable;
  unavailable = undefined;
  logger.info('edge protection back on: Redis is reachable again', {
    unavailableForMs: Date.now() - since,
    skippedChecks: skipped,
  });
}

/** Whether this process is doing without Redis right now (for tests). */
export function isRedisUnavailable(): boolean {
  return unavailable !== undefined;
}
