/**
 * The revocation epoch: one Redis counter that the admin API raises after every change that must
 * reach the API key caches of every process at once (a key revoked or rotated, a tenant's rate
 * limits changed, a tenant deleted). A cache entry remembers the epoch it was verified under and
 * is trusted only while that is still the epoch (`http/api-key-auth.ts`), so a change takes effect
 * everywhere within one epoch check instead of one AUTH_CACHE_TTL_SECONDS.
 */
import type { Redis } from 'ioredis';
import { withRedis } from './redis-client.ts';
import { redisKey } from './redis-keys.ts';

function epochKey(): string {
  return redisKey('auth-epoch');
}

/** The current epoch ('0' before the first change, or after Redis lost the counter). */
export async function readAuthEpoch(client: Redis): Promise<string> {
  return (await withRedis(client, (redis) => redis.get(epochKey()))) ?? '0';
}

/** Starts a new epoch: every process's cached keys are verified again. */
export async function bumpAuthEpoch(client: Redis): Promise<void> {
  await withRedis(client, (redis) => redis.incr(epochKey()));
}
