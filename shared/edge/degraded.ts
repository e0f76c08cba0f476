/**
 * The edge checks are optional: with EDGE_PROTECTION=off, or while Redis is down or slow,
 * requests go on without them. Each such degradation is logged and counted here (`EdgeDegraded`);
 * nothing accepted is lost, and idempotency falls back to PostgreSQL's unique
 * (tenant, Idempotency-Key) index.
 */
import { type AppLogger, MetricName, MetricUnit, metrics } from '../observability.ts';

export type EdgeComponent = 'rate-limit' | 'auth-rate-limit' | 'idempotency' | 'status-cache' | 'auth-epoch';

/** When each component last logged its degradation: one warning per component per interval. */
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

/** Logs and counts an edge check that went on without Redis. */
export function noteDegraded(log: AppLogger, component: EdgeComponent, err: unknown): void {
  // Every degraded request is counted; the log says so once per interval, not once per request,
  // so an outage does not flood the logs (the metric carries the volume).
  metrics.addMetric(MetricName.EdgeDegraded, MetricUnit.Count, 1);
  degradedChecks[component] += 1;
  const now = Date.now();
  if (now - (lastDegradedLog.get(component) ?? 0) < DEGRADED_LOG_INTERVAL_MS) return;
  lastDegradedLog.set(component, now);
  log.warn('edge protection degraded: Redis unavailable', {
    component,
    error: err instanceof Error ? err.message : String(err),
  });
}
