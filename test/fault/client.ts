/**
 * The suite's API client, behaving as a careful user's would: it retries what may succeed later
 * (connection errors, timeouts, 429, 503, other 5xx, and 409 for an Idempotency-Key still in
 * flight), honouring `Retry-After`, and a retry of a keyed request carries the same key and body,
 * so it can never create a second task. Every response is recorded for the report.
 */

/** One answer (or failure to get one) to one HTTP request. */
export interface ResponseRecord {
  route: 'single' | 'batch';
  /** Epoch ms the request was sent and answered. */
  sentAt: number;
  at: number;
  /** HTTP status, or 0 for no response (connection refused or reset, timeout). */
  status: number;
  /** The response had `RateLimit-Limit`, i.e. the edge checks ran on it. */
  edgeChecked: boolean;
  retryAfter: string | null;
}

export interface SubmitOutcome {
  /** Task ids of the accepted request, in order; null when it was never accepted. */
  ids: string[] | null;
  /** HTTP requests sent for it (1 without retries). */
  tries: number;
  /** Final status (0: no response); 2xx when accepted. */
  status: number;
  /** The body of a final non-2xx answer, for the report. */
  problem?: string;
  /** `Idempotent-Replayed: true` on the accepted answer. */
  replayed: boolean;
}

export interface ClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Stop retrying one request after this long (it then counts as rejected). */
  giveUpMs: number;
  /** Abort one HTTP request after this long (API Gateway's limit is 30 s). */
  requestTimeoutMs?: number;
}

function retryable(status: number, keyed: boolean): boolean {
  if (status === 0 || status === 429 || status >= 500) return true;
  // 409 with a key: the first request with it is still being processed.
  return keyed && status === 409;
}

/** Seconds from a `Retry-After` header (delta-seconds form); undefined when absent or malformed. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value) * 1000;
}

export class FaultClient {
  readonly responses: ResponseRecord[] = [];

  constructor(private readonly options: ClientOptions) {}

  /**
   * POSTs one task (`route` single) or a batch, retrying until accepted, refused for good (4xx
   * other than 409/429) or `giveUpMs` has passed.
   */
  async submit(route: 'single' | 'batch', body: unknown, idempotencyKey?: string): Promise<SubmitOutcome> {
    const path = route === 'single' ? '/v1/tasks' : '/v1/tasks/batch';
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-api-key': this.options.apiKey,
      'x-client-id': 'fault-suite',
    };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const payload = JSON.stringify(body);
    const giveUpAt = Date.now() + this.options.giveUpMs;
    for (let tries = 1; ; tries++) {
      const sentAt = Date.now();
      let status = 0;
      let text = '';
      let response: Response | undefined;
      try {
        response = await fetch(`${this.options.baseUrl}${path}`, {
          method: 'POST',
          headers,
          body: payload,
          signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
        });
        status = response.status;
        text = await response.text();
      } catch (err) {
        status = 0;
        text = (err as Error).message;
      }
      const retryAfter = response?.headers.get('retry-after') ?? null;
      this.responses.push({
        route,
        sentAt,
        at: Date.now(),
        status,
        edgeChecked: response?.headers.has('ratelimit-limit') ?? false,
        retryAfter,
      });
      if (status >= 200 && status < 300) {
        const parsed = JSON.parse(text) as { id?: string; tasks?: { id: string }[] };
        const ids = route === 'single' ? [parsed.id!] : (parsed.tasks ?? []).map((task) => task.id);
        return {
          ids,
          tries,
          status,
          replayed: response?.headers.get('idempotent-replayed') === 'true',
        };
      }
      if (!retryable(status, idempotencyKey !== undefined) || Date.now() >= giveUpAt) {
        return { ids: null, tries, status, problem: text.slice(0, 300), replayed: false };
      }
      // Retry-After when given (capped so one answer cannot outlast the give-up time), else
      // exponential backoff with jitter, 0.25 s doubling to 2 s.
      const backoff = Math.min(2000, 250 * 2 ** Math.min(tries - 1, 3)) * (0.5 + Math.random() / 2);
      const wait = Math.min(retryAfterMs(retryAfter) ?? backoff, Math.max(0, giveUpAt - Date.now()));
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
