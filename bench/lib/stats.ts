/** Percentiles and summaries of latency samples (milliseconds). */

export interface LatencySummary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array (`p` in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  const sum = values.reduce((a, b) => a + b, 0);
  return {
    n: values.length,
    p50: round(percentile(values, 50), 2),
    p90: round(percentile(values, 90), 2),
    p99: round(percentile(values, 99), 2),
    max: round(values.at(-1) ?? Number.NaN, 2),
    mean: round(values.length > 0 ? sum / values.length : Number.NaN, 2),
  };
}

export function median(samples: readonly number[]): number {
  return percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );
}

/** `ours / peer`, or NaN when either is missing. */
export function ratio(ours: number | undefined, peer: number | undefined): number {
  if (
    ours === undefined ||
    peer === undefined ||
    !Number.isFinite(ours) ||
    !Number.isFinite(peer) ||
    peer === 0
  )
    return Number.NaN;
  return ours / peer;
}
