/** The client's retry policy with a fake fetch: what is retried, how long it waits, Retry-After parsing. */
import { describe, expect, it } from 'vitest';
import {
  isIdempotent,
  type RetryEvent,
  retryAfterMs,
  retryingFetch,
} from '../../../client/retrying-fetch.ts';

function fakeFetch(statuses: number[], headers: Record<string, string> = {}) {
  const requests: Request[] = [];
  const inner = async (request: Request) => {
    requests.push(request);
    return new Response(null, { status: statuses[requests.length - 1] ?? 200, headers });
  };
  return { inner, requests };
}

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates, and ignores anything else', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Tue, 01 Jan 2030 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Mon, 31 Dec 2029 23:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

describe('retryingFetch', () => {
  it('treats reads, deletes and requests with an Idempotency-Key as idempotent', () => {
    expect(isIdempotent(new Request('http://x/', { method: 'GET' }))).toBe(true);
    expect(isIdempotent(new Request('http://x/', { method: 'DELETE' }))).toBe(true);
    expect(isIdempotent(new Request('http://x/', { method: 'POST' }))).toBe(false);
    expect(
      isIdempotent(new Request('http://x/', { method: 'POST', headers: { 'Idempotency-Key': 'k' } })),
    ).toBe(true);
    expect(isIdempotent(new Request('http://x/', { method: 'PATCH' }))).toBe(false);
  });

  it('backs off exponentially with jitter, capped, without Retry-After', async () => {
    const { inner, requests } = fakeFetch([503, 503, 503, 503, 200]);
    const retries: RetryEvent[] = [];
    const send = retryingFetch(
      { retries: 4, baseDelayMs: 4, maxDelayMs: 10, onRetry: (r) => retries.push(r) },
      inner,
    );

    const response = await send(new Request('http://x/v1/tasks'));

    expect(response.status).toBe(200);
    expect(requests).toHaveLength(5);
    const ceilings = [4, 8, 10, 10];
    retries.forEach((retry, i) => {
      expect(retry.delayMs).toBeGreaterThanOrEqual(ceilings[i]! / 2);
      expect(retry.delayMs).toBeLessThanOrEqual(ceilings[i]!);
    });
  });

  it('retries a 429 of any request, but a 503 or 409 of a write only with an Idempotency-Key', async () => {
    const limited = fakeFetch([429, 202], { 'retry-after': '0' });
    expect(
      (await retryingFetch({}, limited.inner)(new Request('http://x/', { method: 'POST' }))).status,
    ).toBe(202);

    const unavailable = fakeFetch([503, 202], { 'retry-after': '0' });
    expect(
      (await retryingFetch({}, unavailable.inner)(new Request('http://x/', { method: 'POST' }))).status,
    ).toBe(503);

    const inFlight = fakeFetch([409, 202], { 'retry-after': '0' });
    const keyed = new Request('http://x/', {
      method: 'POST',
      headers: { 'Idempotency-Key': 'k' },
      body: '{}',
    });
    expect((await retryingFetch({}, inFlight.inner)(keyed)).status).toBe(202);
    expect(await inFlight.requests[1]!.text()).toBe('{}');

    const conflict = fakeFetch([409, 202]);
    expect((await retryingFetch({}, conflict.inner)(new Request('http://x/'))).status).toBe(409);
  });

  it('stops waiting when the request is aborted', async () => {
    const { inner, requests } = fakeFetch([503, 200], { 'retry-after': '30' });
    const controller = new AbortController();
    const pending = retryingFetch({}, inner)(new Request('http://x/', { signal: controller.signal }));
    controller.abort(new Error('gave up'));
    await expect(pending).rejects.toThrow('gave up');
    expect(requests).toHaveLength(1);
  });
});
