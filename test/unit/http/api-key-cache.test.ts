/**
 * The API key cache's trust rule, on an injected clock and epoch: an entry is trusted while the
 * revocation epoch is the one it was verified under, re-read at most every EPOCH_CHECK_MS; for
 * UNCHECKED_TRUST_MS only when the epoch cannot be read; never past the key's own expiry.
 */
import { describe, expect, it } from 'vitest';
import { ApiKeyCache, EPOCH_CHECK_MS, UNCHECKED_TRUST_MS } from '../../../shared/http/api-key-cache.ts';

const tenant = { id: 't1', name: 'tenant', rateLimitPerSecond: null, rateLimitBurst: null };

function setup(ttlMs = 30_000) {
  let now = 1_000_000;
  let epoch: string | undefined | Error = '1';
  let reads = 0;
  const errors: unknown[] = [];
  const cache = new ApiKeyCache(
    ttlMs,
    100,
    async () => {
      reads += 1;
      if (epoch instanceof Error) throw epoch;
      return epoch;
    },
    () => now,
  );
  const remember = async (expiresAt: Date | null = null) => {
    cache.remember('hash', tenant, expiresAt, await cache.currentEpoch((err) => errors.push(err)));
  };
  return {
    cache,
    remember,
    get: () => cache.get('hash', (err) => errors.push(err)),
    advance: (ms: number) => {
      now += ms;
    },
    setEpoch: (value: string | undefined | Error) => {
      epoch = value;
    },
    reads: () => reads,
    errors,
    now: () => now,
  };
}

describe('ApiKeyCache', () => {
  it('serves a key while the epoch holds, reading the epoch at most once per check interval', async () => {
    const c = setup();
    await c.remember();

    for (let i = 0; i < 10; i++) {
      expect(await c.get()).toEqual(tenant);
      c.advance(EPOCH_CHECK_MS / 10);
    }

    expect(c.reads()).toBeLessThanOrEqual(3);
  });

  it('stops serving a key within one check interval of a new epoch', async () => {
    const c = setup();
    await c.remember();
    expect(await c.get()).toEqual(tenant);

    c.setEpoch('2');
    // Still the epoch read less than an interval ago: served.
    c.advance(EPOCH_CHECK_MS - 1);
    expect(await c.get()).toEqual(tenant);
    c.advance(1);

    expect(await c.get()).toBeUndefined();
  });

  it('trusts an entry for a second only while the epoch cannot be read', async () => {
    const c = setup();
    c.setEpoch(new Error('redis down'));
    await c.remember();

    c.advance(UNCHECKED_TRUST_MS - 1);
    expect(await c.get()).toEqual(tenant);
    c.advance(1);

    expect(await c.get()).toBeUndefined();
    expect(c.errors.length).toBeGreaterThan(0);
  });

  it('trusts an entry for a second only when there is no epoch at all (no Redis)', async () => {
    const c = setup();
    c.setEpoch(undefined);
    await c.remember();

    expect(await c.get()).toEqual(tenant);
    c.advance(UNCHECKED_TRUST_MS);

    expect(await c.get()).toBeUndefined();
    expect(c.errors).toEqual([]);
  });

  it('does not trust an entry verified under an epoch once Redis can no longer confirm it, past a second', async () => {
    const c = setup();
    await c.remember();
    c.setEpoch(new Error('redis down'));
    c.advance(EPOCH_CHECK_MS);

    expect(await c.get()).toEqual(tenant);
    c.advance(UNCHECKED_TRUST_MS);
    expect(await c.get()).toBeUndefined();
  });

  it('never serves a key past its own expiry, whatever the epoch', async () => {
    const c = setup();
    await c.remember(new Date(c.now() + 2000));

    c.advance(1999);
    c.setEpoch('1');
    expect(await c.get()).toEqual(tenant);
    c.advance(1);

    expect(await c.get()).toBeUndefined();
  });

  it('forgets every key at once when cleared, and drops entries after the TTL', async () => {
    const c = setup(5000);
    await c.remember();
    c.cache.clear();
    expect(await c.get()).toBeUndefined();

    await c.remember();
    c.advance(5000);
    expect(await c.get()).toBeUndefined();
  });

  it('shares one epoch read among concurrent requests', async () => {
    const c = setup();
    await c.remember();
    c.advance(EPOCH_CHECK_MS);
    const before = c.reads();

    const results = await Promise.all(Array.from({ length: 20 }, () => c.get()));

    expect(results.every((r) => r === tenant)).toBe(true);
    expect(c.reads() - before).toBe(1);
  });
});
