/**
 * Token buckets in Redis, one atomic Lua script per check (DESIGN section 6). A bucket is a hash
 * `{tokens, ts}`: on each call the script refills `tokens` by `rate` per second since `ts`
 * (capped at `burst`), takes `cost` when enough are there, and expires the key once it would be
 * full again, so idle buckets cost no memory. The time is Redis's own `TIME` (one clock for every
 * Lambda instance) unless the caller passes `nowMs` (tests inject a clock).
 */
import type { Redis, Result } from 'ioredis';
import { withRedis } from './redis-client.ts';

// KEYS[1] bucket; ARGV: rate (tokens/s), burst, cost, now (ms, or '' for Redis TIME).
// Returns {allowed (0|1), remaining tokens (floored), ms until one more request would pass,
// ms until the bucket is full}.
const TAKE_TOKENS_LUA = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = burst
  ts = now
end
if now > ts then
  tokens = math.min(burst, tokens + (now - ts) * rate / 1000)
  ts = now
end
-- cost 0 inspects: it passes when one request could.
local need = math.max(cost, 1)
local allowed = 0
local retry_ms = 0
if tokens >= need then
  tokens = tokens - cost
  allowed = 1
else
  retry_ms = math.ceil((need - tokens) * 1000 / rate)
end
local full_ms = math.ceil((burst - tokens) * 1000 / rate)
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))
redis.call('PEXPIRE', KEYS[1], full_ms + 1000)
return {allowed, math.floor(tokens), retry_ms, full_ms}
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    tfTakeTokens(
      key: string,
      rate: number,
      burst: number,
      cost: number,
      now: number | string,
    ): Result<[number, number, number, number], Context>;
  }
}

function ensureCommand(client: Redis): void {
  if (typeof (client as Partial<Redis>).tfTakeTokens === 'function') return;
  client.defineCommand('tfTakeTokens', { numberOfKeys: 1, lua: TAKE_TOKENS_LUA });
}

export interface BucketLimits {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: the most requests that may arrive at once. */
  burst: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Bucket size (`RateLimit-Limit`). */
  limit: number;
  /** Whole tokens left after this request (`RateLimit-Remaining`). */
  remaining: number;
  /** Seconds until the next request can pass (`Retry-After`); 0 when allowed. */
  retryAfterSeconds: number;
  /** Seconds until the bucket is full again (`RateLimit-Reset`). */
  resetSeconds: number;
}

/**
 * Takes `cost` tokens (0 only inspects) from the bucket at `key`. Throws `RedisUnavailableError`
 * when Redis cannot answer; the caller decides whether that fails open or closed.
 *
 * @example
 * const decision = await takeTokens(redis, redisKey('rl', tenantId, 'write'), { ratePerSecond: 50, burst: 100 });
 * if (!decision.allowed) throw new RateLimitedError(decision);
 */
export async function takeTokens(
  client: Redis,
  key: string,
  limits: BucketLimits,
  options: { cost?: number; nowMs?: number } = {},
): Promise<RateLimitDecision> {
  ensureCommand(client);
  const [allowed, remaining, retryMs, fullMs] = await withRedis(client, (redis) =>
    redis.tfTakeTokens(key, limits.ratePerSecond, limits.burst, options.cost ?? 1, options.nowMs ?? ''),
  );
  return {
    allowed: allowed === 1,
    limit: limits.burst,
    remaining: Math.max(0, remaining),
    retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil(retryMs / 1000)),
    resetSeconds: Math.ceil(fullMs / 1000),
  };
}

/** The `RateLimit-*` headers (IETF draft-ietf-httpapi-ratelimit-headers) of a decision. */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
  };
}
