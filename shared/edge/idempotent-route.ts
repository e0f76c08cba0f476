/**
 * The Idempotency-Key fast path wrapped around a route (see `idempotency.ts` for the records).
 */
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError } from '../errors.ts';
import type { ApiResult } from '../http/responses.ts';
import { type AppLogger, MetricName, MetricUnit, metrics } from '../observability.ts';
import { getEdgeConfig } from '../process-deps.ts';
import type { Idempotency } from '../tasks/task-service.ts';
import { noteDegraded } from './degraded.ts';
import { getRedis } from './edge-redis.ts';
import {
  beginIdempotentRequest,
  completeIdempotentRequest,
  releaseIdempotentRequest,
} from './idempotency.ts';
import type { BodySealer } from './sealed-body.ts';

/**
 * Runs `execute` under the request's Idempotency-Key: a completed earlier request with the same
 * fingerprint is answered with its stored status, headers and body plus `Idempotent-Replayed:
 * true`; another fingerprint is a 422; a request still in flight is a 409 with `Retry-After`.
 * Only 2xx responses are stored: after a failure the key is released and may be retried.
 * Without Redis, `execute` runs as is and the database backstop applies. With `sealer`, the
 * stored body is sealed with the caller's credential (it may hold a secret) and opened on replay.
 */
export async function idempotent(
  tenantId: string,
  idempotency: Idempotency | null,
  log: AppLogger,
  execute: () => Promise<ApiResult>,
  sealer?: BodySealer,
): Promise<ApiResult> {
  const redis = getRedis();
  if (!idempotency || !redis) return execute();
  const config = getEdgeConfig();
  let begun: Awaited<ReturnType<typeof beginIdempotentRequest>>;
  try {
    begun = await beginIdempotentRequest(
      redis,
      tenantId,
      idempotency.key,
      idempotency.fingerprint,
      config.idempotencyLockSeconds,
    );
  } catch (err) {
    noteDegraded(log, 'idempotency', err);
    return execute();
  }
  switch (begun.kind) {
    case 'mismatch':
      throw new IdempotencyKeyReusedError(
        'This Idempotency-Key was already used with a different request; use a new key for a new request',
      );
    case 'in-flight':
      throw new IdempotencyKeyInFlightError(1);
    case 'replay': {
      const body = openBody(begun.response.body, sealer);
      metrics.addMetric(MetricName.IdempotentReplays, MetricUnit.Count, 1);
      return {
        statusCode: begun.response.statusCode,
        headers: { ...begun.response.headers, 'Idempotent-Replayed': 'true' },
        ...(body === undefined ? {} : { body }),
      };
    }
    case 'owner':
      break;
  }
  const { lock } = begun;
  let response: ApiResult;
  try {
    response = await execute();
  } catch (err) {
    await settle(log, () => releaseIdempotentRequest(redis, lock));
    throw err;
  }
  const status = response.statusCode ?? 200;
  if (status >= 200 && status < 300) {
    const stored = {
      statusCode: status,
      headers: Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k, String(v)])),
      body: response.body === undefined || !sealer ? response.body : sealer.seal(response.body),
    };
    await settle(log, async () => {
      const kept = await completeIdempotentRequest(
        redis,
        lock,
        idempotency.fingerprint,
        stored,
        config.idempotencyTtlSeconds,
      );
      if (!kept) log.warn('idempotency lock expired before the request completed; response not stored');
    });
  } else {
    await settle(log, () => releaseIdempotentRequest(redis, lock));
  }
  return response;
}

/** A stored body as it was sent; one that this caller's credential cannot open is another caller's request. */
function openBody(stored: string | undefined, sealer: BodySealer | undefined): string | undefined {
  if (stored === undefined || !sealer) return stored;
  try {
    return sealer.open(stored);
  } catch {
    throw new IdempotencyKeyReusedError('This Idempotency-Key was already used with another credential');
  }
}

/** Finishing an idempotency record must never fail a request that already succeeded. */
async function settle(log: AppLogger, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    // The in-flight record expires after IDEMPOTENCY_LOCK_SECONDS; the database backstop holds.
    noteDegraded(log, 'idempotency', err);
  }
}
