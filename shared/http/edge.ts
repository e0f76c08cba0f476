/**
 * Edge protection in the API's middy chain (DESIGN section 6), all of it on the edge Redis and
 * all of it optional: with EDGE_PROTECTION=off, or while Redis is down or slow, requests go on
 * without it. Each such degradation is logged and counted (`EdgeDegraded`); nothing accepted is
 * lost, and idempotency falls back to PostgreSQL's unique (tenant, Idempotency-Key) index.
 *
 * - `rateLimit()`: a token bucket per tenant and route class (`write`: POST/DELETE, `read`: GET),
 *   narrowed to one client by a valid `X-Client-Id`; 429 with `Retry-After`, and `RateLimit-*`
 *   headers on every limited response.
 * - `guardAuthFailures()`: a bucket per source IP that only failed authentications drain.
 * - `idempotent()`: the Idempotency-Key fast path wrapped around a route (see `redis/idempotency.ts`).
 * - `readTaskJson()` / `invalidateTaskJson()`: the terminal-task status cache.
 */
import {
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  RateLimitedError,
  ServiceUnavailableError,
} from '../errors.ts';
import { type AppLogger, MetricName, MetricUnit, metrics } from '../observability.ts';
import {
  beginIdempotentRequest,
  completeIdempotentRequest,
  releaseIdempotentRequest,
} from '../redis/idempotency.ts';
import { type RateLimitDecision, rateLimitHeaders, takeTokens } from '../redis/rate-limiter.ts';
import { redisKey } from '../redis/redis-client.ts';
import { cacheTask, getCachedTask, invalidateTask } from '../redis/status-cache.ts';
import { getEdgeClock, getEdgeConfig, getRedis } from '../runtime.ts';
import { type TaskStatus, TERMINAL_STATUSES } from '../tasks/task.ts';
import type { TaskJson } from '../tasks/task-schemas.ts';
import { clientIdSchema } from '../tasks/task-schemas.ts';
import type { Idempotency } from '../tasks/task-service.ts';
import type { ApiMiddleware } from './middlewares.ts';
import { headerValue } from './middlewares.ts';
import type { ApiResult } from './responses.ts';

export type EdgeComponent = 'rate-limit' | 'auth-rate-limit' | 'idempotency' | 'status-cache';

/** When each component last logged its degradation: one warning per component per interval. */
const lastDegradedLog = new Map<EdgeComponent, number>();
const DEGRADED_LOG_INTERVAL_MS = 10_000;

/** Edge checks skipped since the process started, per component (what `EdgeDegraded` counts). */
const degradedChecks: Record<EdgeComponent, number> = {
  'rate-limit': 0,
  'auth-rate-limit': 0,
  idempotency: 0,
  'status-cache': 0,
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

/** The rate limiter's clock: an injected one (tests) or Redis `TIME` (undefined). */
function nowMs(): number | undefined {
  return getEdgeClock()?.();
}

function rateLimitedError(decision: RateLimitDecision, detail: string): RateLimitedError {
  return new RateLimitedError(
    detail,
    { 'Retry-After': String(decision.retryAfterSeconds), ...rateLimitHeaders(decision) },
    { retryAfterSeconds: decision.retryAfterSeconds },
  );
}

function routeClass(method: string | undefined): 'read' | 'write' {
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}

/**
 * The tenant's token bucket for this route class: rate and burst from the tenant row, else
 * DEFAULT_RATE_LIMIT_PER_SECOND / DEFAULT_RATE_LIMIT_BURST. Runs after `apiKeyAuth`.
 */
export function rateLimit(): ApiMiddleware {
  const decisions = new WeakMap<object, RateLimitDecision>();
  const decorate = (request: { response?: ApiResult | null }) => {
    const decision = decisions.get(request);
    if (decision && request.response) {
      request.response.headers = { ...request.response.headers, ...rateLimitHeaders(decision) };
    }
  };
  return {
    before: async (request) => {
      const { event, context } = request;
      const redis = getRedis();
      const tenant = context.tenant;
      if (!redis || !tenant) return;
      const config = getEdgeConfig();
      const limits = {
        ratePerSecond: tenant.rateLimitPerSecond ?? config.defaultRatePerSecond,
        burst: tenant.rateLimitBurst ?? config.defaultBurst,
      };
      const routeKind = routeClass(event.requestContext?.http?.method);
      // An invalid X-Client-Id is rejected by the route (400); it must not pick a bucket.
      const clientId = clientIdSchema.safeParse(headerValue(event, 'X-Client-Id'));
      const key = clientId.success
        ? redisKey('rl', tenant.id, routeKind, 'client', clientId.data)
        : redisKey('rl', tenant.id, routeKind);
      let decision: RateLimitDecision;
      try {
        decision = await takeTokens(redis, key, limits, { nowMs: nowMs() });
      } catch (err) {
        noteDegraded(context.logger, 'rate-limit', err);
        if (config.rateLimitFailMode === 'closed') {
          throw new ServiceUnavailableError('Rate limiting is unavailable; retry shortly', 1);
        }
        return;
      }
      decisions.set(request, decision);
      if (!decision.allowed) {
        metrics.addMetric(MetricName.RateLimited, MetricUnit.Count, 1);
        throw rateLimitedError(
          decision,
          `Rate limit of ${limits.ratePerSecond}/s (burst ${limits.burst}) for ${routeKind}s exceeded; retry after ${decision.retryAfterSeconds} s`,
        );
      }
    },
    after: decorate,
    onError: decorate,
  };
}

/**
 * Failed authentications per source IP. `check` runs before a key is looked up in the database
 * (a guess is refused with 429 once the IP's bucket is empty, whether or not the key is valid,
 * so brute force learns nothing); `record` drains one token per failure. Valid keys never
 * drain it. Fails open: without Redis, authentication works as without the limit.
 */
export function guardAuthFailures(
  sourceIp: string | undefined,
  log: AppLogger,
): { check(): Promise<void>; record(): Promise<void> } {
  const redis = getRedis();
  const config = getEdgeConfig();
  const key = redisKey('authfail', sourceIp ?? 'unknown');
  const limits = { ratePerSecond: config.authFailureRatePerSecond, burst: config.authFailureBurst };
  const take = async (cost: number) => {
    if (!redis) return;
    let decision: RateLimitDecision;
    try {
      decision = await takeTokens(redis, key, limits, { cost, nowMs: nowMs() });
    } catch (err) {
      noteDegraded(log, 'auth-rate-limit', err);
      return;
    }
    if (!decision.allowed) {
      metrics.addMetric(MetricName.RateLimited, MetricUnit.Count, 1);
      throw rateLimitedError(
        decision,
        `Too many failed authentications from this address; retry after ${decision.retryAfterSeconds} s`,
      );
    }
  };
  return { check: () => take(0), record: () => take(1) };
}

/**
 * Runs `execute` under the request's Idempotency-Key: a completed earlier request with the same
 * fingerprint is answered with its stored status, headers and body plus `Idempotent-Replayed:
 * true`; another fingerprint is a 422; a request still in flight is a 409 with `Retry-After`.
 * Only 2xx responses are stored: after a failure the key is released and may be retried.
 * Without Redis, `execute` runs as is and the database backstop applies.
 */
export async function idempotent(
  tenantId: string,
  idempotency: Idempotency | null,
  log: AppLogger,
  execute: () => Promise<ApiResult>,
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
    case 'replay':
      metrics.addMetric(MetricName.IdempotentReplays, MetricUnit.Count, 1);
      return {
        statusCode: begun.response.statusCode,
        headers: { ...begun.response.headers, 'Idempotent-Replayed': 'true' },
        ...(begun.response.body === undefined ? {} : { body: begun.response.body }),
      };
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
      body: response.body,
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

/** Finishing an idempotency record must never fail a request that already succeeded. */
async function settle(log: AppLogger, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    // The in-flight record expires after IDEMPOTENCY_LOCK_SECONDS; the database backstop holds.
    noteDegraded(log, 'idempotency', err);
  }
}

function isTerminal(status: string): boolean {
  return (TERMINAL_STATUSES as readonly TaskStatus[]).includes(status as TaskStatus);
}

/**
 * A task's JSON representation: from the status cache when the task is terminal and cached,
 * else from `load` (the database), caching it when it is terminal.
 */
export async function readTaskJson(
  tenantId: string,
  taskId: string,
  log: AppLogger,
  load: () => Promise<TaskJson>,
): Promise<TaskJson> {
  const redis = getRedis();
  const ttl = getEdgeConfig().statusCacheTtlSeconds;
  if (!redis || ttl === 0) return load();
  try {
    const cached = await getCachedTask(redis, tenantId, taskId);
    if (cached !== null) {
      const task = JSON.parse(cached) as TaskJson;
      // Defence in depth: only terminal representations are ever written.
      if (isTerminal(task.status)) {
        metrics.addMetric(MetricName.StatusCacheHits, MetricUnit.Count, 1);
        return task;
      }
    }
  } catch (err) {
    noteDegraded(log, 'status-cache', err);
    return load();
  }
  const task = await load();
  if (isTerminal(task.status)) {
    try {
      await cacheTask(redis, tenantId, taskId, JSON.stringify(task), ttl);
    } catch (err) {
      noteDegraded(log, 'status-cache', err);
    }
  }
  return task;
}

/** Drops a task's cached representation after it changed (retry) or went away (delete). */
export async function invalidateTaskJson(tenantId: string, taskId: string, log: AppLogger): Promise<void> {
  const redis = getRedis();
  if (!redis) return;
  try {
    await invalidateTask(redis, tenantId, taskId);
  } catch (err) {
    // The entry may outlive the change by at most STATUS_CACHE_TTL_SECONDS.
    noteDegraded(log, 'status-cache', err);
  }
}
