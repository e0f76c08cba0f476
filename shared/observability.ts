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

type LogMessage = Parameters<Logger['info']>[0];
type LogExtra = Parameters<Logger['info']>[1];
type LogAttributes = Record<string, unknown>;

/** What code logs through: the Powertools Logger itself, or a scoped logger over it. */
export interface AppLogger {
  debug(input: LogMessage, ...extra: LogExtra[]): void;
  info(input: LogMessage, ...extra: LogExtra[]): void;
  warn(input: LogMessage, ...extra: LogExtra[]): void;
  error(input: LogMessage, ...extra: LogExtra[]): void;
}

/**
 * Adds fixed keys to every line of the shared Powertools logger. `Logger.createChild` builds a
 * whole Logger (options merge, environment reads, a new Console) for each call, which costs more
 * than a request's own work when one is made per request and per task; this adds the keys as
 * extra attributes of each line instead, so the JSON lines are the same.
 */
class ScopedLogger implements AppLogger {
  constructor(readonly keys: LogAttributes) {}

  private extras(extra: LogExtra[]): LogAttributes[] {
    const out: LogAttributes[] = [this.keys];
    for (const item of extra) {
      if (item === undefined || item === null) continue;
      // Powertools files an Error under `error` and a string under `extra`, as it does for these.
      if (item instanceof Error) out.push({ error: item });
      else if (typeof item === 'string') out.push({ extra: item });
      else out.push(item as LogAttributes);
    }
    return out;
  }

  debug(input: LogMessage, ...extra: LogExtra[]): void {
    logger.debug(input, ...this.extras(extra));
  }
  info(input: LogMessage, ...extra: LogExtra[]): void {
    logger.info(input, ...this.extras(extra));
  }
  warn(input: LogMessage, ...extra: LogExtra[]): void {
    logger.warn(input, ...this.extras(extra));
  }
  error(input: LogMessage, ...extra: LogExtra[]): void {
    logger.error(input, ...this.extras(extra));
  }
}

/**
 * A logger whose every line carries these keys (task id, correlation id, ...), on top of the
 * keys of `parent` when it is a scoped logger itself.
 */
export function scopedLogger(
  keys: Record<string, string | number | undefined>,
  parent?: AppLogger,
): AppLogger {
  const own = Object.fromEntries(Object.entries(keys).filter(([, v]) => v !== undefined));
  return new ScopedLogger(parent instanceof ScopedLogger ? { ...parent.keys, ...own } : own);
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
  /** A run lost its worker (lease expired): counted against the task's maxInterruptions. */
  TaskInterruptions: 'TaskInterruptions',
  /** Attempts a stopping worker handed back (forced stop), not counted as interruptions. */
  AttemptsReleased: 'AttemptsReleased',
  /** Tasks the sweeper published again because no worker claimed them long after they were due. */
  TasksRepublished: 'TasksRepublished',
  /** A worker's claim or outcome statement failed; its messages come back within seconds. */
  WorkerDatabaseErrors: 'WorkerDatabaseErrors',
  DeadLettered: 'DeadLettered',
  TasksDeletedByRetention: 'TasksDeletedByRetention',
  RateLimited: 'RateLimited',
  IdempotentReplays: 'IdempotentReplays',
  /** A request went on without Redis (down, slow): rate limit skipped, idempotency on the database. */
  EdgeDegraded: 'EdgeDegraded',
  StatusCacheHits: 'StatusCacheHits',
  /** A statement failed because the database could not be reached (after the adapter's retries). */
  DatabaseUnavailable: 'DatabaseUnavailable',
  /** Admin API changes, one metric per action (`admin/audit.ts`). */
  AdminTenantsCreated: 'AdminTenantsCreated',
  AdminTenantsUpdated: 'AdminTenantsUpdated',
  AdminTenantsDeleted: 'AdminTenantsDeleted',
  AdminApiKeysCreated: 'AdminApiKeysCreated',
  AdminApiKeysRevoked: 'AdminApiKeysRevoked',
  AdminApiKeysRotated: 'AdminApiKeysRotated',
  AdminOperatorTokensCreated: 'AdminOperatorTokensCreated',
  AdminOperatorTokensRevoked: 'AdminOperatorTokensRevoked',
  /** A schedule's slot made its task; ScheduleLag is the time from the slot to the task's creation. */
  ScheduleSlotsFired: 'ScheduleSlotsFired',
  ScheduleLag: 'ScheduleLag',
  /** Slots that made no task: the previous slot's task was still running (overlap "skip"). */
  ScheduleSlotsSkippedOverlap: 'ScheduleSlotsSkippedOverlap',
  /** Slots that made no task: older than the schedule's catch-up window when it was fired. */
  ScheduleSlotsSkippedMissed: 'ScheduleSlotsSkippedMissed',
} as const;
