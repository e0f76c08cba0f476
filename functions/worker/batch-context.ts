/**
 * What every step of a batch works with: the worker's dependencies, the batch's messages parsed
 * into deliveries (one per task), and the queue each came from.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import type { QueueConfig } from '../../shared/config/queues.ts';
import type { WorkerConfig } from '../../shared/config/worker.ts';
import type { Executor } from '../../shared/db/database.ts';
import { type AppLogger, MetricName, MetricUnit, metrics } from '../../shared/observability.ts';
import {
  CORRELATION_ID_ATTRIBUTE,
  parseTaskMessage,
  type TaskMessage,
} from '../../shared/queue/task-message.ts';
import type { Priority } from '../../shared/tasks/priority.ts';
import type { AttemptOutcome } from '../../shared/tasks/task.ts';
import type { OutageBackoff } from './outage-backoff.ts';
import { type SourceQueue, sourceQueue } from './source-queue.ts';

export interface WorkerDeps {
  db: Executor;
  sqs: SQSClient;
  queues: QueueConfig;
  config: WorkerConfig;
  /** Epoch milliseconds; injectable for tests. */
  clock?: () => number;
  /** Backoff jitter source; injectable for tests. */
  random?: () => number;
  logger?: AppLogger;
  /** Aborts running attempts for a forced stop: they are released, not counted as interruptions. */
  stop?: AbortSignal;
  /** The database outage this process is in, if any (see `OutageBackoff`). */
  outage?: OutageBackoff;
}

/** One parsed message of the batch. */
export interface Delivery {
  record: SQSRecord;
  message: TaskMessage;
  correlationId: string | undefined;
}

/** What recording an outcome needs to know about its task (a `Task` has it). */
export interface TaskRef {
  id: string;
  priority: Priority;
  correlationId: string;
}

/** A run (claimed here, or passed on by a failed worker) and how it ended. */
export interface Ran {
  delivery: Delivery;
  task: TaskRef;
  outcome: AttemptOutcome;
  log: AppLogger;
}

/** The queue `delivery` came from (or else the task's, the queue the relay published to). */
export function queueOf(
  queues: QueueConfig,
  delivery: Delivery,
  task?: Pick<TaskRef, 'priority'> | null,
): SourceQueue | undefined {
  return sourceQueue(queues, delivery.record.eventSourceARN, task?.priority);
}

function correlationIdOf(record: SQSRecord): string | undefined {
  return record.messageAttributes?.[CORRELATION_ID_ATTRIBUTE]?.stringValue;
}

/** The batch's task messages, one delivery per task; anything else is logged and acknowledged. */
export function parseDeliveries(records: readonly SQSRecord[], log: AppLogger): Delivery[] {
  const byTask = new Map<string, Delivery>();
  for (const record of records) {
    const message = parseTaskMessage(record.body);
    if (!message) {
      // Retrying cannot make it parse; keeping it would only park it in the DLQ later.
      log.error('worker: message is not a task message; acknowledged', {
        messageId: record.messageId,
        body: record.body.slice(0, 500),
      });
      continue;
    }
    const delivery = { record, message, correlationId: correlationIdOf(record) };
    const first = byTask.get(message.taskId);
    if (first) {
      // The same task twice in one batch: one delivery stands for both, the one carrying an
      // outcome if either does (acknowledging it would lose the outcome).
      const [kept, dropped] =
        message.outcome && !first.message.outcome ? [delivery, first] : [first, delivery];
      byTask.set(message.taskId, kept);
      log.info('worker: duplicate message in the batch acknowledged', {
        taskId: message.taskId,
        messageId: dropped.record.messageId,
      });
      metrics.addMetric(MetricName.DuplicateDeliveries, MetricUnit.Count, 1);
      continue;
    }
    byTask.set(message.taskId, delivery);
  }
  return [...byTask.values()];
}
