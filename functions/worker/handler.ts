/**
 * The worker Lambda, fed by one SQS event source mapping per priority queue with
 * `ReportBatchItemFailures` enabled
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting).
 * The local runtime calls this same handler with the SQS events its pollers build.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { coerceError } from '../../shared/errors.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { getDatabase, getQueueConfig, getSqs, getWorkerConfig } from '../../shared/process-deps.ts';
import { attemptStopSignal } from './attempt-stop.ts';
import { processBatch } from './process-batch.ts';

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  try {
    return await processBatch(event, context, {
      db: getDatabase(),
      sqs: getSqs(),
      queues: getQueueConfig(),
      config: getWorkerConfig(),
      stop: attemptStopSignal(),
    });
  } catch (err) {
    // processBatch handles its own failures; this covers configuration errors at cold start.
    // Returning every record (rather than throwing) keeps the messages without failing the poller.
    logger.error('worker: batch failed', { error: coerceError(err) });
    return { batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })) };
  } finally {
    // Guarded: Powertools warns on every flush with nothing to publish.
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
};
