/**
 * The queue layout, shared by the CDK stack and the local runtime so both configure the same
 * thing: one queue per priority, each with its own dead-letter queue.
 */
import type { Priority } from '../tasks/priority.ts';

/**
 * Receives before SQS moves a message to its DLQ. A task's message is received once per attempt
 * (up to 20), once more per interruption (up to 20), and again each time a worker hands it back
 * because the database failed (a few per outage); the worker fails tasks whose attempts or
 * interruptions are used up itself, so this only catches messages that crash the worker before
 * it can claim their task, again and again.
 */
export const MAX_RECEIVE_COUNT = 100;

/** DLQs keep messages for the SQS maximum, 14 days, for triage and redrive. */
export const DLQ_RETENTION_SECONDS = 14 * 24 * 3600;

/** Source queues keep messages 4 days (the SQS default); tasks far in the future wait in the outbox. */
export const QUEUE_RETENTION_SECONDS = 4 * 24 * 3600;

/** Visibility timeout of a queue: at least 6x the worker's timeout (AWS's advice for Lambda). */
export function visibilityTimeoutFor(workerTimeoutSeconds: number): number {
  return Math.min(43_200, workerTimeoutSeconds * 6);
}

export function queueName(prefix: string, priority: Priority): string {
  return `${prefix}-${priority}`;
}

export function deadLetterQueueName(prefix: string, priority: Priority): string {
  return `${prefix}-${priority}-dlq`;
}
