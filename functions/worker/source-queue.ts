/**
 * Which of our queues an SQS record came from. Lambda gives the queue's ARN, but the SQS calls on
 * a received message need the queue URL, and dead letters need that queue's DLQ. The queue name
 * is the last part of both ARN and URL, in AWS and in the emulator alike.
 */

import type { QueueConfig } from '../../shared/config/queues.ts';
import { PRIORITIES, type Priority } from '../../shared/tasks/priority.ts';

export interface SourceQueue {
  priority: Priority;
  url: string;
  dlqUrl: string;
}

function lastSegment(value: string, separator: string): string {
  return value.slice(value.lastIndexOf(separator) + 1);
}

/**
 * The queue named by `eventSourceArn`, or else the queue of `fallback` (the task's priority, which
 * is the queue the relay published to). Undefined when neither is known.
 */
export function sourceQueue(
  queues: QueueConfig,
  eventSourceArn: string | undefined,
  fallback?: Priority,
): SourceQueue | undefined {
  const name = eventSourceArn ? lastSegment(eventSourceArn, ':') : undefined;
  const priority =
    PRIORITIES.find((p) => name !== undefined && lastSegment(queues.urls[p], '/') === name) ?? fallback;
  return priority ? { priority, url: queues.urls[priority], dlqUrl: queues.dlqUrls[priority] } : undefined;
}
