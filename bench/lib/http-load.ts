/**
 * HTTP load with autocannon, run in a worker thread (`workers: 1`) so that the load generator has
 * its own event loop and does not queue behind the server it measures, which runs in this
 * process's event loop.
 */
import autocannon from 'autocannon';

export interface HttpLoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Requests cycled through in order per connection; `[<id>]` is replaced by a unique id per request. */
  requests: autocannon.Request[];
  headers: Record<string, string>;
  /** Open-loop rate across all connections (requests/s); closed loop when undefined. */
  overallRate?: number;
}

export interface HttpLoadResult {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  okPerSecond: number;
  /** ms, autocannon's histogram (1 ms resolution). */
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  statusCodes: Record<string, number>;
}

export async function httpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    workers: 1,
    idReplacement: true,
    headers: options.headers,
    requests: options.requests,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = stat.count ?? 0;
  const ok = result['2xx'];
  return {
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    okPerSecond: ok / result.duration,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: Math.round(result.latency.mean * 100) / 100,
    },
    statusCodes,
  };
}
