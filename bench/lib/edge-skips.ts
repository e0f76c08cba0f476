/**
 * The share of requests that went on without the Redis edge checks (rate limit, Idempotency-Key
 * fast path, status cache) during a measured window: the edge module's in-process count of
 * `EdgeDegraded` (the benchmark runs with metrics off, and the degraded log line is written once
 * per 10 s, so neither can be counted). Each skipped check is counted, so the share is an upper
 * bound of the requests affected (a request can skip more than one check).
 */
import { type EdgeComponent, edgeDegradedChecks } from '../../shared/edge/degraded.ts';

export interface EdgeSkips {
  requests: number;
  skippedChecks: number;
  /** Skipped checks per component (only those with any). */
  byComponent: Partial<Record<EdgeComponent, number>>;
  /** skippedChecks / requests, in percent. */
  sharePercent: number;
}

/** Starts counting now; `stop(requests)` gives the skips since then for that many requests. */
export function countEdgeSkips(): { stop(requests: number): EdgeSkips } {
  const before = edgeDegradedChecks();
  return {
    stop(requests) {
      const after = edgeDegradedChecks();
      const byComponent: Partial<Record<EdgeComponent, number>> = {};
      let skippedChecks = 0;
      for (const component of Object.keys(after) as EdgeComponent[]) {
        const n = after[component] - before[component];
        if (n > 0) byComponent[component] = n;
        skippedChecks += n;
      }
      return {
        requests,
        skippedChecks,
        byComponent,
        sharePercent: requests > 0 ? (100 * skippedChecks) / requests : 0,
      };
    },
  };
}

/** The target of issue 11: at most 0.1 % of requests skip edge checks under load. */
export const EDGE_SKIP_TARGET_PERCENT = 0.1;

/** `0.012 % (3 of 25000: rate-limit 2, idempotency 1)` */
export function describeEdgeSkips(skips: EdgeSkips): string {
  const parts = Object.entries(skips.byComponent).map(([component, n]) => `${component} ${n}`);
  return `${skips.sharePercent.toFixed(3)} % (${skips.skippedChecks} skipped checks in ${skips.requests} requests${parts.length > 0 ? `: ${parts.join(', ')}` : ''})`;
}
