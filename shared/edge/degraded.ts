/**
 * The edge checks are optional: with EDGE_PROTECTION=off, or while Redis is down or slow,
 * requests go on without them. Each such degradation is counted here (`EdgeDegraded`); nothing
 * accepted is lost, and idempotency falls back to PostgreSQL's unique (tenant, Idempotency-Key)
 * index. An outage is logged once when it begins and once when it ends
 * (`redis-availability.ts`); a lone failure while Redis is up at most once per interval.
 */
import { type AppLogger, MetricName, MetricUnit, metrics } from '../observability.ts';
import { countIfUnavailable, redisUnavailable } from './redis-availability.ts';
import { RedisUnavailableError } from './redis-client.ts';

export type EdgeComponent = 'rate-limit' | 'auth-rate-limit' | 'idempotency' | 'status-cache' | 'auth-epoch';

/** When each component last logged a lone failure: one warning per component per interval. */
const lastDegradedLog = new Map<EdgeComponent, number>();
const DEGRADED_LOG_INTERVAL_MS = 10_000;

/** Edge checks skipped since the process started, per component (what `EdgeDegraded` counts). */
const degradedChecks: Record<EdgeComponent, number> = {
  'rate-limit': 0,
  'auth-rate-limit': 0,
  idempotency: 0,
  'status-cache': 0,
  'auth-epoch': 0,
};

/**
 * How many edge checks went on without Redis since the process started, per component: the
 * in-process twin of the `EdgeDegraded` metric, for the benchmark (which runs with metrics off)
 * and tests. Callers diff two snapshots.
 */
export function edgeDegradedChecks(): Readonly<Record<EdgeComponent, number>> {
  return { ...degradedChecks };
}

/** Counts an edge check that went on without Redis, and logs a change of state. */
export function noteDegraded(log: AppLogger, component: EdgeComponent, err: unknown): void {
  // Every degraded request is counted; the log says when Redis went away (and came back), not
  // once per request, so an outage does not flood the logs (the metric carries the volume).
  metrics.addMetric(MetricName.EdgeDegraded, MetricUnit.Count, 1);
  degradedChecks[component] += 1;
  if (err instanceof RedisUnavailableError && err.outage) {
    redisUnavailable(log, { component, error: err.message });
    return;
  }
  if (countIfUnavailable()) return;
  // A lone failure while Redis is up (a slow reply, a reply the code did not expect).
  const now = Date.now();
  if (now - (lastDegradedLog.get(component) ?? 0) < DEGRADED_LOG_INTERVAL_MS) return;
  lastDegradedLog.set(component, now);
  log.warn('edge check skipped: Redis failed one request', {
    component,
    error: err instanceof Error ? err.message : String(err),
  });
}
