import { describe, expect, it } from 'vitest';
import { sourceQueue } from '../../../functions/worker/source-queue.ts';
import type { QueueConfig } from '../../../shared/config/queues.ts';

const queues: QueueConfig = {
  urls: {
    high: 'https://sqs.eu-west-1.amazonaws.com/123456789012/tf-high',
    medium: 'https://sqs.eu-west-1.amazonaws.com/123456789012/tf-medium',
    low: 'https://sqs.eu-west-1.amazonaws.com/123456789012/tf-low',
  },
  dlqUrls: {
    high: 'https://sqs.eu-west-1.amazonaws.com/123456789012/tf-high-dlq',
    medium: 'https://sqs.eu-west-1.amazonaws.com/123456789012/tf-medium-dlq',
    low: 'https://sqs.eu-west-1.amazonaws.com/123456789012/tf-low-dlq',
  },
};

describe('sourceQueue', () => {
  it('finds the queue and its DLQ from the record ARN', () => {
    expect(sourceQueue(queues, 'arn:aws:sqs:eu-west-1:123456789012:tf-low', 'high')).toEqual({
      priority: 'low',
      url: queues.urls.low,
      dlqUrl: queues.dlqUrls.low,
    });
  });

  it("falls back to the task's priority for an unknown ARN, and to nothing without one", () => {
    expect(sourceQueue(queues, 'arn:aws:sqs:eu-west-1:123456789012:other', 'medium')?.priority).toBe(
      'medium',
    );
    expect(sourceQueue(queues, undefined)).toBeUndefined();
  });
});
