/**
 * API key authentication: `X-API-Key` -> SHA-256 -> the tenant owning that unrevoked key.
 * Successful lookups are cached in-process for `AUTH_CACHE_TTL_SECONDS`, so a warm function
 * does not query the database on every request; a revoked key therefore keeps working for at
 * most that long on instances that have cached it. Failures are never cached.
 */
import { UnauthorizedError } from '../errors.ts';
import { getDatabase } from '../process-deps.ts';
import { findTenantByKeyHash, hashApiKey, type Tenant } from '../tenants/tenant-store.ts';

/** Longest key accepted for hashing; generated keys are 46 characters. */
const MAX_KEY_LENGTH = 256;

/** A size-bounded map whose entries expire; evicts the oldest insertion when full. */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}

// A cache of this module, not a dependency of the process: it holds no connection, and tests
// and key rotation clear it with `clearAuthCache` without resetting the database they use.
let cache: TtlCache<Tenant> | undefined;

function tenantCache(ttlSeconds: number): TtlCache<Tenant> {
  cache ??= new TtlCache<Tenant>(ttlSeconds * 1000, 10_000);
  return cache;
}

/** Forgets cached lookups (tests, key rotation in the local runtime). */
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
): Promise<Tenant> {
  if (apiKey === undefined || apiKey === '') throw new UnauthorizedError('The X-API-Key header is required');
  if (apiKey.length > MAX_KEY_LENGTH) throw new UnauthorizedError('The API key is not valid');
  const hash = hashApiKey(apiKey);
  const tenants = tenantCache(cacheTtlSeconds);
  const cached = tenants.get(hash);
  if (cached) return cached;
  await beforeLookup?.();
  const tenant = await findTenantByKeyHash(getDatabase(), hash);
  if (!tenant) throw new UnauthorizedError('The API key is not valid');
  tenants.set(hash, tenant);
  return tenant;
}
