/**
 * GET /metrics: Prometheus text exposition for operators, across every tenant (not
 * tenant-scoped, so it takes no API key): `Authorization: Bearer <operator token>` (METRICS_TOKEN,
 * ADMIN_TOKEN, or a token stored hashed in `operator_tokens`). With no operator token configured
 * anywhere it answers 403 (metrics disabled); a missing or wrong token is a 401. Task counts and the submission/completion counters come from `task_counts` (exact and
 * monotonic: retention does not lower the counters); queue depths from SQS.
 */
import { UnauthorizedError } from '../../shared/errors.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { operatorTokensExist } from '../../shared/ops/operator-token-store.ts';
import { bearerToken, ForbiddenError, operatorTokenValid } from '../../shared/ops/ops-config.ts';
import { type MetricFamily, PROMETHEUS_CONTENT_TYPE, renderMetrics } from '../../shared/ops/prometheus.ts';
import { type QueueDepth, queueDepths } from '../../shared/ops/queue-depths.ts';
import { globalTaskTotals, oldestWaitingAgeSeconds } from '../../shared/ops/stats-store.ts';
import { getDatabase, getOpsConfig, getQueueConfig, getSqs } from '../../shared/process-deps.ts';
import { PRIORITIES } from '../../shared/tasks/priority.ts';
import { outboxBacklog } from '../../shared/tasks/store/relay-sql.ts';

function depthSamples(priority: string, depth: QueueDepth) {
  return [
    { labels: { queue: priority, state: 'visible' }, value: depth.visible },
    { labels: { queue: priority, state: 'in_flight' }, value: depth.inFlight },
    { labels: { queue: priority, state: 'delayed' }, value: depth.delayed },
  ];
}

export const handler = routeHandler('get-metrics', async ({ header, logger }) => {
  const db = getDatabase();
  const given = bearerToken(header('Authorization'));
  if (!(await operatorTokenValid(db, given, 'metrics'))) {
    const { metricsToken, adminToken } = getOpsConfig();
    if (metricsToken === undefined && adminToken === undefined && !(await operatorTokensExist(db))) {
      throw new ForbiddenError('metrics-disabled', 'Metrics are disabled: set METRICS_TOKEN to enable them');
    }
    throw new UnauthorizedError(
      given === undefined ? 'Authorization: Bearer <token> is required' : 'The bearer token is not valid',
      'bearer',
    );
  }
  const [totals, oldestWaiting, backlog, queues] = await Promise.all([
    globalTaskTotals(db),
    oldestWaitingAgeSeconds(db),
    outboxBacklog(db),
    queueDepths(getSqs(), getQueueConfig()).catch((err: unknown) => {
      logger.warn('metrics: queue depths unavailable', { error: err as Error });
      return null;
    }),
  ]);
  const byPriorityType = (pick: (t: (typeof totals)[number]) => number, status?: string) => {
    const sums = new Map<string, { priority: string; type: string; value: number }>();
    for (const row of totals) {
      if (status !== undefined && row.status !== status) continue;
      const key = `${row.priority}\u0000${row.type}`;
      const entry = sums.get(key) ?? { priority: row.priority, type: row.type, value: 0 };
      entry.value += pick(row);
      sums.set(key, entry);
    }
    return [...sums.values()].map(({ priority, type, value }) => ({ labels: { priority, type }, value }));
  };
  const families: MetricFamily[] = [
    {
      name: 'taskforge_tasks',
      help: 'Tasks by current status, priority and type (every tenant).',
      type: 'gauge',
      samples: totals.map((row) => ({
        labels: { status: row.status, priority: row.priority, type: row.type },
        value: row.count,
      })),
    },
    {
      name: 'taskforge_tasks_submitted_total',
      help: 'Tasks submitted.',
      type: 'counter',
      samples: byPriorityType((row) => row.inserted, 'PENDING'),
    },
    {
      name: 'taskforge_tasks_completed_total',
      help: 'Tasks that reached COMPLETED.',
      type: 'counter',
      samples: byPriorityType((row) => row.entered, 'COMPLETED'),
    },
    {
      name: 'taskforge_tasks_failed_total',
      help: 'Tasks that reached FAILED (dead-lettered).',
      type: 'counter',
      samples: byPriorityType((row) => row.entered, 'FAILED'),
    },
    {
      name: 'taskforge_task_transitions_total',
      help: 'Transitions into each status, submissions included.',
      type: 'counter',
      samples: [...Map.groupBy(totals, (row) => row.status)].map(([status, rows]) => ({
        labels: { status },
        value: rows.reduce((sum, row) => sum + row.entered, 0),
      })),
    },
    {
      name: 'taskforge_oldest_waiting_task_age_seconds',
      help: 'Age of the oldest due task not yet started (PENDING or QUEUED), since it became due.',
      type: 'gauge',
      samples: [{ value: oldestWaiting }],
    },
    {
      name: 'taskforge_outbox_due_rows',
      help: 'Outbox rows due and not yet published by the relay.',
      type: 'gauge',
      samples: [{ value: backlog.due }],
    },
    {
      name: 'taskforge_relay_lag_seconds',
      help: 'Age of the oldest due outbox row: how far the relay is behind.',
      type: 'gauge',
      samples: [{ value: backlog.oldestAgeSeconds }],
    },
    {
      name: 'taskforge_queue_messages',
      help: 'Approximate messages in each priority queue (SQS).',
      type: 'gauge',
      samples: queues ? PRIORITIES.flatMap((p) => depthSamples(p, queues[p])) : [],
    },
    {
      name: 'taskforge_dead_letter_queue_messages',
      help: 'Approximate messages in each dead-letter queue (SQS).',
      type: 'gauge',
      samples: queues ? PRIORITIES.flatMap((p) => depthSamples(p, queues[p].deadLetters)) : [],
    },
    {
      name: 'taskforge_queue_depth_up',
      help: '1 when the queue depths above could be read from SQS, else 0.',
      type: 'gauge',
      samples: [{ value: queues ? 1 : 0 }],
    },
  ];
  return {
    statusCode: 200,
    headers: { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Cache-Control': 'no-store' },
    body: renderMetrics(families),
  };
});
