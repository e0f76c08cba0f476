/** The SQS queues the functions publish to and consume, one per priority (each with a DLQ). */
import type { Priority } from '../tasks/priority.ts';
import { type Env, readNumber, readOptionalString, readString } from './env.ts';

export interface QueueConfig {
  /** Queue URL per priority. */
  urls: Record<Priority, string>;
  /** Dead-letter queue URL per priority. */
  dlqUrls: Record<Priority, string>;
}

export function queueConfig(env: Env = process.env): QueueConfig {
  return {
    urls: {
      high: readString(env, 'QUEUE_URL_HIGH'),
      medium: readString(env, 'QUEUE_URL_MEDIUM'),
      low: readString(env, 'QUEUE_URL_LOW'),
    },
    dlqUrls: {
      high: readString(env, 'DLQ_URL_HIGH'),
      medium: readString(env, 'DLQ_URL_MEDIUM'),
      low: readString(env, 'DLQ_URL_LOW'),
    },
  };
}

/**
 * The queues' visibility timeout. The CDK stack sets it from the worker's timeout
 * (`visibilityTimeoutFor`); the default is that value for a 15-minute worker.
 */
export function queueVisibilityTimeoutSeconds(env: Env): number {
  return readNumber(env, 'QUEUE_VISIBILITY_TIMEOUT_SECONDS', 5400, { min: 1, max: 43_200 });
}

/**
 * An SQS endpoint other than AWS's (the emulator, LocalStack); the SDK reads the same variables.
 * Undefined in AWS.
 */
export function sqsEndpoint(env: Env = process.env): string | undefined {
  return readOptionalString(env, 'AWS_ENDPOINT_URL_SQS') ?? readOptionalString(env, 'AWS_ENDPOINT_URL');
}
