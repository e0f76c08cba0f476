/**
 * The in-process cache of verified API keys, and the rule that makes a revocation reach it fast.
 * An entry is kept for AUTH_CACHE_TTL_SECONDS, but trusted only while the revocation epoch
 * (`edge/auth-epoch.ts`, raised by the admin API on every key or tenant change) is still the one
 * it was verified under. The epoch is read at most every EPOCH_CHECK_MS per process, so a change
 * reaches every cache within that (plus one Redis round trip). While the epoch cannot be read
 * (Redis down, or EDGE_PROTECTION off) an entry is trusted for UNCHECKED_TRUST_MS after its
 * verification only, so "revoked means 401 within a second" holds without Redis too, at the cost
 * of one database lookup per key per second. A key's own expiry is checked on every hit.
 */
import type { Tenant } from '../tenants/tenant-store.ts';

/** How long a read epoch is taken as current. */
export const EPOCH_CHECK_MS = 500;
/** How long an entry is trusted after its verification when the epoch is unknown. */
export const UNCHECKED_TRUST_MS = 1000;

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

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Reads the revocation epoch: undefined when there is none to read (no Redis); throws when reading failed. */
export type EpochReader = () => Promise<string | undefined>;

interface Entry {
  tenant: Tenant;
  /** Epoch milliseconds at which the key stops working; null: never. */
  keyExpiresAt: number | null;
  /** The epoch the key was verified under; undefined when it was unknown then. */
  epoch: string | undefined;
  verifiedAt: number;
}

/** The epoch as of `since`, and that time; undefined value: unknown. */
interface KnownEpoch {
  value: string | undefined;
  since: number;
}

export class ApiKeyCache {
  private readonly entries: TtlCache<Entry>;
  private epoch: KnownEpoch | undefined;
  private reading: Promise<KnownEpoch> | undefined;

  constructor(
    ttlMs: number,
    maxEntries: number,
    private readonly readEpoch: EpochReader,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new TtlCache<Entry>(ttlMs, maxEntries);
  }

  /**
   * The epoch as read within the last EPOCH_CHECK_MS (reading it again when older; concurrent
   * callers share one read), or undefined when it cannot be read. Read it before verifying a key,
   * and pass it to `remember`: a key verified after the epoch was read cannot predate its change.
   * `onError` hears of a read that failed (the caller logs it as a degraded edge check).
   */
  async currentEpoch(onError: (err: unknown) => void = () => undefined): Promise<string | undefined> {
    if (this.epoch && this.now() - this.epoch.since < EPOCH_CHECK_MS) return this.epoch.value;
    this.reading ??= this.read(onError).finally(() => {
      this.reading = undefined;
    });
    return (await this.reading).value;
  }

  private async read(onError: (err: unknown) => void): Promise<KnownEpoch> {
    // The value is known to be current as of when the read began, not when it answered.
    const since = this.now();
    let value: string | undefined;
    try {
      value = await this.readEpoch();
    } catch (err) {
      onError(err);
      value = undefined;
    }
    this.epoch = { value, since };
    return this.epoch;
  }

  /** The tenant of a cached key that may still be trusted, or undefined (look it up). */
  async get(keyHash: string, onError?: (err: unknown) => void): Promise<Tenant | undefined> {
    const entry = this.entries.get(keyHash, this.now());
    if (!entry) return undefined;
    if (entry.keyExpiresAt !== null && entry.keyExpiresAt <= this.now()) {
      this.entries.delete(keyHash);
      return undefined;
    }
    const epoch = await this.currentEpoch(onError);
    const trusted =
      epoch === undefined ? this.now() - entry.verifiedAt < UNCHECKED_TRUST_MS : entry.epoch === epoch;
    return trusted ? entry.tenant : undefined;
  }

  /** Caches a key verified now, under `epoch` (from `currentEpoch`, read before the lookup). */
  remember(keyHash: string, tenant: Tenant, keyExpiresAt: Date | null, epoch: string | undefined): void {
    const now = this.now();
    this.entries.set(
      keyHash,
      { tenant, keyExpiresAt: keyExpiresAt?.getTime() ?? null, epoch, verifiedAt: now },
      now,
    );
  }

  /** Forgets every key and the epoch: the next request verifies again and reads the epoch anew. */
  clear(): void {
    this.entries.clear();
    this.epoch = undefined;
  }
}
