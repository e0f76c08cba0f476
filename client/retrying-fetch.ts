/**
 * The client's `fetch`: retries with exponential backoff and jitter where a retry cannot do
 * harm, honouring `Retry-After`.
 * - 429: always (the request was refused before it ran);
 * - 503, a 409 with `Retry-After` (the same Idempotency-Key still in flight) and connection
 *   errors: only for idempotent requests (GET, HEAD, DELETE, or carrying an `Idempotency-Key`),
 *   since a write may have taken effect before the answer was lost.
 */
import { pause } from './pause.ts';

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** Backoff of the first retry when the answer has no `Retry-After` (default 250 ms; doubles per retry). */
  baseDelayMs?: number;
  /** Largest backoff (default 8 s). */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the answer is returned (default 60 s). */
  maxRetryAfterMs?: number;
  /** Called before each wait, e.g. to log it. */
  onRetry?: (retry: RetryEvent) => void;
}

export interface RetryEvent {
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  method: string;
  url: string;
  /** The status that caused it, or the connection error. */
  reason: { status: number } | { error: unknown };
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE', 'PUT']);

/** Whether repeating the request cannot apply it twice. */
export function isIdempotent(request: Request): boolean {
  return IDEMPOTENT_METHODS.has(request.method) || request.headers.has('idempotency-key');
}

/** `Retry-After` in milliseconds (delta-seconds or an HTTP date), or undefined. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function retryable(response: Response, idempotent: boolean): boolean {
  if (response.status === 429) return true;
  if (!idempotent) return false;
  return response.status === 503 || (response.status === 409 && response.headers.has('retry-after'));
}

export function retryingFetch(
  options: RetryOptions = {},
  inner: (request: Request) => Promise<Response> = (request) => fetch(request),
): (request: Request) => Promise<Response> {
  const retries = options.retries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 8000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  // Full jitter over the upper half, so clients that failed together do not retry together.
  const backoff = (retry: number) =>
    Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1)) * (0.5 + Math.random() / 2);

  return async (request) => {
    const idempotent = isIdempotent(request);
    for (let retry = 1; ; retry++) {
      const last = retry > retries;
      let delayMs: number;
      let reason: RetryEvent['reason'];
      try {
        const response = await inner(last ? request : request.clone());
        if (last || !retryable(response, idempotent)) return response;
        delayMs = retryAfterMs(response.headers.get('retry-after')) ?? backoff(retry);
        if (delayMs > maxRetryAfterMs) return response;
        await response.body?.cancel();
        reason = { status: response.status };
      } catch (error) {
        if (last || !idempotent || request.signal.aborted) throw error;
        delayMs = backoff(retry);
        reason = { error };
      }
      options.onRetry?.({ retry, delayMs, method: request.method, url: request.url, reason });
      await pause(delayMs, request.signal);
    }
  };
}
