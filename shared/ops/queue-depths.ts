/**
 * Queue depths read from SQS (`GetQueueAttributes`, approximate counts as SQS reports them): the
 * three priority queues and their dead-letter queues, all calls in parallel. The queues are
 * shared by every tenant, so these numbers are system-wide.
 */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueConfig } from '../config/queues.ts';
import { PRIORITIES, type Priority } from '../tasks/priority.ts';

export interface QueueDepth {
  visible: number;
  inFlight: number;
  delayed: number;
}

export type QueueDepths = Record<Priority, QueueDepth & { deadLetters: QueueDepth }>;

async function depthOf(client: SQSClient, queueUrl: string): Promise<QueueDepth> {
  const { Attributes: attrs = {} } = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return {
    visible: Number(attrs.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(attrs.ApproximateNumberOfMessagesNotVisible ?? 0),
    delayed: Number(attrs.ApproximateNumberOfMessagesDelayed ?? 0),
  };
}

/** Depths of every queue and DLQ; throws when SQS cannot be reached (callers degrade). */
export async function queueDepths(client: SQSClient, queues: QueueConfig): Promise<QueueDepths> {
  const entries = await Promise.all(
    PRIORITIES.map(async (priority) => {
      const [queue, deadLetters] = await Promise.all([
        depthOf(client, queues.urls[priority]),
        depthOf(client, queues.dlqUrls[priority]),
      ]);
      return [priority, { ...queue, deadLetters }] as const;
    }),
  );
  return Object.fromEntries(entries) as QueueDepths;
}
