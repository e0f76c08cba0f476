/**
 * GET /healthz (no API key): `SELECT 1` on the database and `PING` on the edge Redis, each within
 * a short budget -> 200 `{"status":"ok","checks":{"database":"ok","redis":"ok"}}`.
 * A failed database is a 503. A failed Redis is a 200 `"degraded"` while rate limiting fails open
 * (the API still serves every request, without the edge checks), and a 503 with
 * RATE_LIMIT_FAIL_MODE=closed (writes would be refused). With EDGE_PROTECTION=off, `redis` is
 * `"disabled"`.
 */

import { getRedis } from '../../shared/edge/edge-redis.ts';
import { pingRedis } from '../../shared/edge/redis-client.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { getApiConfig, getDatabase, getEdgeConfig } from '../../shared/process-deps.ts';

type CheckStatus = 'ok' | 'error' | 'timeout';

async function check(probe: () => Promise<unknown>, timeoutMs: number): Promise<CheckStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckStatus>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    return await Promise.race([probe().then((): CheckStatus => 'ok'), timeout]);
  } catch {
    return 'error';
  } finally {
    clearTimeout(timer);
  }
}

export const handler = routeHandler('healthz', async ({ logger }) => {
  const timeoutMs = getApiConfig().healthCheckTimeoutMs;
  const redis = getRedis();
  const [database, redisStatus] = await Promise.all([
    check(() => getDatabase().query('SELECT 1'), timeoutMs),
    redis ? pingRedis(redis, timeoutMs) : Promise.resolve('disabled' as const),
  ]);
  const checks = { database, redis: redisStatus };
  const redisDown = redisStatus !== 'ok' && redisStatus !== 'disabled';
  const failClosed = getEdgeConfig().rateLimitFailMode === 'closed';
  const status = database !== 'ok' || (redisDown && failClosed) ? 'error' : redisDown ? 'degraded' : 'ok';
  if (status !== 'ok') logger.warn('health check failed', { checks });
  return json(status === 'error' ? 503 : 200, { status, checks });
});
