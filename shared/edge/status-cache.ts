/**
 * Cache of terminal task representations, so that polling a finished task costs no database
 * call. Only COMPLETED, FAILED and CANCELLED tasks are stored: a task in any other state changes
 * without the API knowing (the relay, the worker), so it is always read from the database.
 * A terminal task changes only through the API (retry, delete), which invalidates the entry.
 *
 * Invalidation writes a short-lived tombstone instead of deleting, and fills use `SET NX`: a
 * read that fetched the old row just before a retry cannot put it back afterwards, because its
 * fill finds the tombstone. The tombstone outlives any request in flight (API timeout < 30 s).
 * Retention deletes by the sweeper are not invalidated: such an entry lives at most its TTL.
 */
import type { Redis } from 'ioredis';
import { withRedis } from './redis-client.ts';
import { redisKey } from './redis-keys.ts';

const TOMBSTONE = '-';
const TOMBSTONE_MS = 30_000;

function cacheKey(tenantId: string, taskId: string): string {
  return redisKey('task', tenantId, taskId);
}

/** The cached JSON representation (`toTaskJson`) of a terminal task, or null on a miss. */
export async function getCachedTask(client: Redis, tenantId: string, taskId: string): Promise<string | null> {
  const value = await withRedis(client, (redis) => redis.get(cacheKey(tenantId, taskId)));
  return value === null || value === TOMBSTONE ? null : value;
}

/** Caches a terminal task's JSON for `ttlSeconds`, unless an invalidation is in force. */
export async function cacheTask(
  client: Redis,
  tenantId: string,
  taskId: string,
  json: string,
  ttlSeconds: number,
): Promise<void> {
  await withRedis(client, (redis) => redis.set(cacheKey(tenantId, taskId), json, 'EX', ttlSeconds, 'NX'));
}

/** Drops the cached representation (retry, delete) and blocks refills by in-flight reads. */
export async function invalidateTask(client: Redis, tenantId: string, taskId: string): Promise<void> {
  await withRedis(client, (redis) => redis.set(cacheKey(tenantId, taskId), TOMBSTONE, 'PX', TOMBSTONE_MS));
}
