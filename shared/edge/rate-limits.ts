/**
 * The rate limits of the API's middy chain, on the edge Redis (see `rate-limiter.ts` for the
 * bucket itself):
 *
 * - `rateLimit()`: a token bucket per tenant and route class (`write`: POST/DELETE, `read`: GET),
 *   narrowed to one client by a valid `X-Client-Id`; 429 with `Retry-After`, and `RateLimit-*`
 *   headers on every limited response.
 * - `guardAuthFailures()`: a bucket per source IP that only failed authentications drain.
 */
import { RateLimitedError, ServiceUnavailableError } from '../errors.ts';
import { type ApiMiddleware, headerValue } from '../http/request.ts';
import type { ApiResult } from '../http/responses.ts';
import { type AppLogger, MetricName, MetricUnit, metrics } from '../observability.ts';
import { getEdgeClock, getEdgeConfig } from '../process-deps.ts';
import { clientIdSchema } from '../tasks/task-schemas.ts';
import { noteDegraded } from './degraded.ts';
import { getRedis } from './edge-redis.ts';
import { type RateLimitDecision, rateLimitHeaders, takeTokens } from './rate-limiter.ts';
import { redisKey } from './redis-keys.ts';

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
