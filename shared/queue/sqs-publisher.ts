/**
 * Sending to SQS in batches. `SendMessageBatch` takes at most 10 entries per call and can fail
 * per entry while the call as a whole succeeds, so callers get back the ids that were not sent
 * and decide what to do with them (the relay releases their outbox rows).
 */
import { type MessageAttributeValue, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { coerceError } from '../errors.ts';
import type { TaskError } from '../tasks/task.ts';
import { CORRELATION_ID_ATTRIBUTE } from './task-message.ts';

/** SQS's limit on entries per batch call. */
export const SQS_BATCH_LIMIT = 10;

export interface OutgoingMessage {
  /** Caller's id for the entry; must be unique within one call to `sendMessages`. */
  id: string;
  body: string;
  delaySeconds?: number;
  /** Tenant on standard queues (fair queues); left out when undefined. */
  messageGroupId?: string;
  /** String attributes; empty values are dropped (SQS rejects them). */
  attributes?: Record<string, string | undefined>;
}

export interface SendResult {
  /** Ids of the messages SQS did not accept, with the reason. */
  failed: { id: string; error: string }[];
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function toAttributes(
  attributes: OutgoingMessage['attributes'],
): Record<string, MessageAttributeValue> | undefined {
  if (!attributes) return undefined;
  const entries = Object.entries(attributes).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
  );
  if (entries.length === 0) return undefined;
  return Object.fromEntries(
    entries.map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
  );
}

/**
 * Sends `messages` to one queue, 10 per `SendMessageBatch` call with the calls in parallel. A call
 * that throws (network, throttling) counts every one of its entries as failed; nothing throws.
 *
 * @example
 * const { failed } = await sendMessages(client, queueUrl, [{ id: 'o1', body: '{"v":1,...}' }]);
 */
export async function sendMessages(
  client: SQSClient,
  queueUrl: string,
  messages: readonly OutgoingMessage[],
): Promise<SendResult> {
  const results = await Promise.all(
    chunk(messages, SQS_BATCH_LIMIT).map(async (batch) => {
      // Entry ids only need to be unique per call, and SQS restricts their characters and length.
      const entries = batch.map((message, index) => ({
        Id: `m${index}`,
        MessageBody: message.body,
        DelaySeconds: message.delaySeconds,
        MessageGroupId: message.messageGroupId,
        MessageAttributes: toAttributes(message.attributes),
      }));
      try {
        const response = await client.send(
          new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }),
        );
        return (response.Failed ?? []).map((failure) => ({
          id: batch[Number(failure.Id?.slice(1))]?.id ?? String(failure.Id),
          error: `${failure.Code ?? 'Error'}: ${failure.Message ?? 'send failed'}`,
        }));
      } catch (err) {
        const reason = coerceError(err).message;
        return batch.map((message) => ({ id: message.id, error: reason }));
      }
    }),
  );
  return { failed: results.flat() };
}

/** SQS caps a string attribute at the message size; error messages are cut far below that. */
const MAX_ERROR_ATTRIBUTE_LENGTH = 1024;

/**
 * Set on the dead letters the worker sends itself (the task is already FAILED), so the sweeper
 * can tell them from messages the redrive policy moved.
 */
export const DEAD_LETTERED_BY_ATTRIBUTE = 'deadLetteredBy';

export interface DeadLetter {
  id: string;
  /** The original message body, unchanged, so a redrive sends the same envelope again. */
  body: string;
  correlationId?: string;
  error: TaskError;
}

/**
 * Copies failed tasks' messages to a dead-letter queue with the error as attributes
 * (`errorName`, `errorMessage`, `deadLetteredBy`) for triage and redrive.
 */
export function sendToDeadLetterQueue(
  client: SQSClient,
  dlqUrl: string,
  letters: readonly DeadLetter[],
): Promise<SendResult> {
  return sendMessages(
    client,
    dlqUrl,
    letters.map((letter) => ({
      id: letter.id,
      body: letter.body,
      attributes: {
        [CORRELATION_ID_ATTRIBUTE]: letter.correlationId,
        errorName: letter.error.name ?? 'Error',
        errorMessage: letter.error.message.slice(0, MAX_ERROR_ATTRIBUTE_LENGTH),
        [DEAD_LETTERED_BY_ATTRIBUTE]: 'worker',
      },
    })),
  );
}
