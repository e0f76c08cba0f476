/**
 * Changing when received messages reappear. The worker uses it to schedule a retry (the message
 * comes back after the backoff), to defer a message whose task is not due, to hand a message to
 * another invocation at once (visibility 0), and to keep a long task's message hidden.
 */
import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { coerceError } from '../errors.ts';
import { chunk, SQS_BATCH_LIMIT } from './sqs-publisher.ts';

/** SQS's upper bound for a visibility timeout (12 hours). */
export const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;

export interface VisibilityChange {
  /** Caller's id, returned when the change fails. */
  id: string;
  queueUrl: string;
  receiptHandle: string;
  seconds: number;
}

/**
 * The shortest visibility change made: "at once" means 1 s. The SQS emulator of the local runtime
 * (fauxqs 2.4.1) loses a message whose visibility is set to 0 while it persists messages (its
 * write of the message's state fails after the message has left the in-flight set), and a second
 * cannot matter to any caller.
 */
export const MIN_VISIBILITY_SECONDS = 1;

export function clampVisibility(seconds: number): number {
  return Math.min(MAX_VISIBILITY_TIMEOUT_SECONDS, Math.max(MIN_VISIBILITY_SECONDS, Math.ceil(seconds)));
}

/**
 * Applies the changes with `ChangeMessageVisibilityBatch`, grouped by queue, 10 per call, calls
 * in parallel. Never throws: returns the ids whose change failed, so the caller can log them (the
 * message then reappears when its current visibility timeout ends, which is still safe).
 */
export async function changeVisibility(
  client: SQSClient,
  changes: readonly VisibilityChange[],
): Promise<{ failed: { id: string; error: string }[] }> {
  const byQueue = Map.groupBy(changes, (change) => change.queueUrl);
  const calls = [...byQueue].flatMap(([queueUrl, queueChanges]) =>
    chunk(queueChanges, SQS_BATCH_LIMIT).map(async (batch) => {
      try {
        const response = await client.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: queueUrl,
            Entries: batch.map((change, index) => ({
              Id: `c${index}`,
              ReceiptHandle: change.receiptHandle,
              VisibilityTimeout: clampVisibility(change.seconds),
            })),
          }),
        );
        return (response.Failed ?? []).map((failure) => ({
          id: batch[Number(failure.Id?.slice(1))]?.id ?? String(failure.Id),
          error: `${failure.Code ?? 'Error'}: ${failure.Message ?? 'change failed'}`,
        }));
      } catch (err) {
        const reason = coerceError(err).message;
        return batch.map((change) => ({ id: change.id, error: reason }));
      }
    }),
  );
  return { failed: (await Promise.all(calls)).flat() };
}
