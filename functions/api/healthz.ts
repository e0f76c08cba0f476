/**
 * GET /healthz (no API key): `SELECT 1` on the database within a short budget -> 200
 * `{"status":"ok","checks":{"database":"ok"}}`, or 503 naming the check that failed. Redis and
 * queue checks join `checks` when those dependencies land.
 */
import { getApiConfig, publicHandler } from '../../shared/http/api-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { getDatabase } from '../../shared/runtime.ts';

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

export const handler = publicHandler(async ({ logger }) => {
  const timeoutMs = getApiConfig().healthCheckTimeoutMs;
  const checks = { database: await check(() => getDatabase().query('SELECT 1'), timeoutMs) };
  const failed = Object.entries(checks).filter(([, status]) => status !== 'ok');
  if (failed.length > 0) logger.warn('health check failed', { checks });
  return json(failed.length === 0 ? 200 : 503, { status: failed.length === 0 ? 'ok' : 'error', checks });
});
