/**
 * GET /v1/stats?windowSeconds: the tenant's task counts by status x priority x type, tasks finished
 * in the last minute and hour, duration and queue-wait percentiles over the latest finished tasks,
 * the tenant's schedules by state, the (system-wide) SQS queue depths and oldest due waiting task per priority. The statements and SQS calls run in parallel; when SQS
 * cannot be read, `queues` is null and `warnings` says why.
 */
import { parseQuery } from '../../shared/http/inputs.ts';
import { json } from '../../shared/http/responses.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import {
  ALL_PRIORITIES,
  ALL_STATUSES,
  STATS_MAX_SAMPLES,
  type StatsJson,
  statsQuerySchema,
  zeroFilled,
} from '../../shared/ops/ops-schemas.ts';
import { queueDepths } from '../../shared/ops/queue-depths.ts';
import {
  finishedCounts,
  latencyStats,
  oldestDueWaiting,
  tenantTaskCounts,
} from '../../shared/ops/stats-store.ts';
import { getDatabase, getQueueConfig, getSqs } from '../../shared/process-deps.ts';
import { countSchedulesByState } from '../../shared/schedules/schedule-sql.ts';

const ageSeconds = (since: Date | null, now: Date) =>
  since ? Math.max(0, Math.round((now.getTime() - since.getTime()) / 100) / 10) : null;

export const handler = routeHandler('get-stats', async ({ event, tenant, logger }) => {
  const { windowSeconds } = parseQuery(statsQuerySchema, event);
  const db = getDatabase();
  const warnings: string[] = [];
  const now = new Date();
  const [counts, finished, latency, oldest, schedules, queues] = await Promise.all([
    tenantTaskCounts(db, tenant.id),
    finishedCounts(db, tenant.id),
    latencyStats(db, tenant.id, windowSeconds, STATS_MAX_SAMPLES),
    oldestDueWaiting(db, now),
    countSchedulesByState(db, tenant.id),
    queueDepths(getSqs(), getQueueConfig()).catch((err: unknown) => {
      logger.warn('stats: queue depths unavailable', { error: err as Error });
      warnings.push(`queue depths unavailable: ${(err as Error).message ?? String(err)}`);
      return null;
    }),
  ]);
  const byStatus = zeroFilled(ALL_STATUSES);
  const byPriority = zeroFilled(ALL_PRIORITIES);
  const byType: Record<string, number> = {};
  let total = 0;
  for (const row of counts) {
    byStatus[row.status] += row.count;
    byPriority[row.priority] += row.count;
    byType[row.type] = (byType[row.type] ?? 0) + row.count;
    total += row.count;
  }
  const body: StatsJson = {
    generatedAt: now.toISOString(),
    tasks: { total, byStatus, byPriority, byType, breakdown: counts },
    throughput: finished,
    latency: { windowSeconds, ...latency },
    schedules: { byState: schedules },
    queues,
    waiting: {
      oldestDueSeconds: {
        high: ageSeconds(oldest.high, now),
        medium: ageSeconds(oldest.medium, now),
        low: ageSeconds(oldest.low, now),
      },
    },
    warnings,
  };
  return json(200, body);
});
