/**
 * The configured Powertools Logger and Metrics, created once per process. Code that serves
 * several tasks or requests at once (the worker's batch, the local runtime) logs through child
 * loggers carrying `taskId` and `correlationId`, never by appending keys to this shared one.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export const SERVICE_NAME = process.env.POWERTOOLS_SERVICE_NAME ?? 'taskforge';

export const logger = new Logger({ serviceName: SERVICE_NAME });

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Taskforge',
  serviceName: SERVICE_NAME,
});

export { MetricUnit };

export type AppLogger = Logger;

/** A logger whose every line carries these keys (task id, correlation id, ...). */
export function scopedLogger(keys: Record<string, string | number | undefined>): Logger {
  const persistentKeys = Object.fromEntries(Object.entries(keys).filter(([, v]) => v !== undefined));
  return logger.createChild({ persistentKeys });
}

/** The metric names of DESIGN section 8, in one place. */
export const MetricName = {
  TasksSubmitted: 'TasksSubmitted',
  TasksCompleted: 'TasksCompleted',
  TasksFailed: 'TasksFailed',
  TaskRetries: 'TaskRetries',
  TaskDuration: 'TaskDuration',
  QueueWait: 'QueueWait',
  RelayLag: 'RelayLag',
  RelayPublished: 'RelayPublished',
  DuplicateDeliveries: 'DuplicateDeliveries',
  LeasesReclaimed: 'LeasesReclaimed',
  DeadLettered: 'DeadLettered',
  TasksDeletedByRetention: 'TasksDeletedByRetention',
  RateLimited: 'RateLimited',
  IdempotentReplays: 'IdempotentReplays',
  /** A request went on without Redis (down, slow): rate limit skipped, idempotency on the database. */
  EdgeDegraded: 'EdgeDegraded',
  StatusCacheHits: 'StatusCacheHits',
} as const;
