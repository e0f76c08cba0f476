/**
 * API key authentication: `X-API-Key` -> SHA-256 -> the tenant owning that key, when it is
 * neither revoked nor expired. Successful lookups are cached in-process (`api-key-cache.ts`):
 * for up to `AUTH_CACHE_TTL_SECONDS`, but trusted only while the revocation epoch in Redis is
 * the one they were verified under (or for a second while it cannot be read), so a key revoked
 * through the admin API stops working everywhere within a second. Failures are never cached.
 */
import { bumpAuthEpoch, readAuthEpoch } from '../edge/auth-epoch.ts';
import { noteDegraded } from '../edge/degraded.ts';
import { getRedis } from '../edge/edge-redis.ts';
import { UnauthorizedError } from '../errors.ts';
import { type AppLogger, logger as processLogger } from '../observability.ts';
import { getDatabase } from '../process-deps.ts';
import { findActiveApiKey, hashApiKey, type Tenant } from '../tenants/tenant-store.ts';
import { ApiKeyCache } from './api-key-cache.ts';

export { TtlCache } from './api-key-cache.ts';

/** Longest key accepted for hashing; generated keys are 46 characters. */
const MAX_KEY_LENGTH = 256;

// A cache of this module, not a dependency of the process: it holds no connection, and tests
// and the admin API clear it with `clearAuthCache` without resetting the database they use.
let cache: ApiKeyCache | undefined;

function keyCache(ttlSeconds: number): ApiKeyCache {
  cache ??= new ApiKeyCache(ttlSeconds * 1000, 10_000, async () => {
    // Read on every call: tests and the local runtime replace the client.
    const redis = getRedis();
    return redis ? readAuthEpoch(redis) : undefined;
  });
  return cache;
}

/** Forgets cached lookups in this process (tests; the admin API after a change). */
export function clearAuthCache(): void {
  cache?.clear();
}

/**
 * The tenant that owns `apiKey`, or throws UnauthorizedError (401). `beforeLookup` runs just
 * before the database is asked (not for cached keys): the per-IP failed-authentication limit.
 */
export async function authenticate(
  apiKey: string | undefined,
  cacheTtlSeconds: number,
  beforeLookup?: () => Promise<void>,
  log: AppLogger = processLogger,
): Promise<Tenant> {
  if (apiKey === undefined || apiKey === '') throw new UnauthorizedError('The X-API-Key header is required');
  if (apiKey.length > MAX_KEY_LENGTH) throw new UnauthorizedError('The API key is not valid');
  const hash = hashApiKey(apiKey);
  const keys = keyCache(cacheTtlSeconds);
  const degraded = (err: unknown) => noteDegraded(log, 'auth-epoch', err);
  const cached = await keys.get(hash, degraded);
  if (cached) return cached;
  await beforeLookup?.();
  // Before the lookup: a change announced after this read is seen by the lookup.
  const epoch = await keys.currentEpoch(degraded);
  const found = await findActiveApiKey(getDatabase(), hash);
  if (!found) throw new UnauthorizedError('The API key is not valid');
  keys.remember(hash, found.tenant, found.expiresAt, epoch);
  return found.tenant;
}

/**
 * After a committed change to keys or tenants (revoke, rotate, rate limits, delete): this
 * process forgets its cached keys at once and every other one within an epoch check. Returns
 * false when the epoch could not be raised (Redis down; other processes then trust their cached
 * keys for AUTH_CACHE_TTL_SECONDS at most, or a second if they cannot read the epoch either).
 */
export async function announceCredentialChange(log: AppLogger): Promise<boolean> {
  clearAuthCache();
  const redis = getRedis();
  if (!redis) return true;
  for (let attempt = 1; ; attempt++) {
    try {
      await bumpAuthEpoch(redis);
      return true;
    } catch (err) {
      if (attempt >= 2) {
        noteDegraded(log, 'auth-epoch', err);
        log.error('credential change not announced to other API processes', {
          error: err instanceof Error ? err.message : String(err),
        });
        return false;
      }
    }
  }
}
