/**
 * The terminal-task status cache as the read routes use it (see `status-cache.ts` for the
 * entries): `readTaskJson()` serves a finished task without the database, `invalidateTaskJson()`
 * drops it after a retry or delete.
 */
import { type AppLogger, MetricName, MetricUnit, metrics } from '../observability.ts';
import { getEdgeConfig } from '../process-deps.ts';
import { isTerminal } from '../tasks/task.ts';
import type { TaskJson } from '../tasks/task-schemas.ts';
import { noteDegraded } from './degraded.ts';
import { getRedis } from './edge-redis.ts';
import { cacheTask, getCachedTask, invalidateTask } from './status-cache.ts';

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
