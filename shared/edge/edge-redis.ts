/**
 * The process's edge Redis client (idempotency fast path, rate limits, status cache), held by
 * `process-deps.ts` but created here, so that only the functions that use Redis (the API) bundle
 * ioredis; the relay, worker, sweeper and migrate functions never import this module.
 */
import type { Redis } from 'ioredis';
import { getEdgeConfig, getRedisConfig, memo } from '../process-deps.ts';
import { connectEarly, createRedisClient } from './redis-client.ts';

/** Created on first use and connecting lazily; null when EDGE_PROTECTION is off. */
export function getRedis(): Redis | null {
  return memo('redis', () => {
    if (!getEdgeConfig().enabled) return null;
    const client = createRedisClient(getRedisConfig());
    connectEarly(client);
    return client;
  });
}
