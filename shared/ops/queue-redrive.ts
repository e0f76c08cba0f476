/**
 * Whole-queue redrive: moves every message of one priority's SQS dead-letter queue back to that
 * priority's queue with `StartMessageMoveTask`, which SQS runs asynchronously (the call returns a
 * task handle at once). It moves messages, not task state: a moved message whose task is FAILED
 * is acknowledged by the worker as a duplicate, so FAILED tasks are redriven through the outbox
 * (`redriveDeadLetters`); this clears a DLQ and re-delivers messages whose tasks the sweeper has
 * not failed yet.
 *
 * Emulators without StartMessageMoveTask (the in-process one answers `InvalidAction`) get the
 * same effect from `moveMessages`: receive, send to the source queue, delete, at the given rate,
 * in the background of the long-lived local process. AWS never takes that path.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html
 */
import { randomUUID } from 'node:crypto';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { QueueConfig } from '../config/queues.ts';
import { coerceError } from '../errors.ts';
import { logger } from '../observability.ts';
import { SQS_BATCH_LIMIT } from '../queue/sqs-publisher.ts';
import type { Priority } from '../tasks/priority.ts';

/** SQS's bound on MaxNumberOfMessagesPerSecond. */
export const MAX_MOVE_MESSAGES_PER_SECOND = 500;

export interface MessageMove {
  taskHandle: string;
  sourceArn: string;
  destinationArn: string;
}

async function queueArn(client: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`SQS returned no QueueArn for ${queueUrl}`);
  return arn;
}

export async function startDeadLetterMove(
  client: SQSClient,
  queues: QueueConfig,
  priority: Priority,
  maxMessagesPerSecond: number | undefined,
): Promise<MessageMove> {
  const [sourceArn, destinationArn] = await Promise.all([
    queueArn(client, queues.dlqUrls[priority]),
    queueArn(client, queues.urls[priority]),
  ]);
  try {
    const response = await client.send(
      new StartMessageMoveTaskCommand({
        SourceArn: sourceArn,
        DestinationArn: destinationArn,
        ...(maxMessagesPerSecond === undefined ? {} : { MaxNumberOfMessagesPerSecond: maxMessagesPerSecond }),
      }),
    );
    if (!response.TaskHandle) throw new Error('StartMessageMoveTask returned no TaskHandle');
    return { taskHandle: response.TaskHandle, sourceArn, destinationArn };
  } catch (err) {
    if (coerceError(err).name !== 'InvalidAction') throw err;
  }
  const taskHandle = `local-move-${randomUUID()}`;
  void moveMessages(client, queues.dlqUrls[priority], queues.urls[priority], maxMessagesPerSecond).catch(
    (err: unknown) => logger.error('dead-letter move failed', { taskHandle, error: coerceError(err) }),
  );
  return { taskHandle, sourceArn, destinationArn };
}

/**
 * Moves every message of `fromUrl` to `toUrl` (body and attributes), at most `perSecond` a second.
 * Messages arriving while it runs are moved too; it stops at the first empty receive.
 */
export async function moveMessages(
  client: SQSClient,
  fromUrl: string,
  toUrl: string,
  perSecond = 100,
): Promise<number> {
  let moved = 0;
  const started = Date.now();
  for (;;) {
    const { Messages: messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: fromUrl,
        MaxNumberOfMessages: SQS_BATCH_LIMIT,
        VisibilityTimeout: 60,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
      }),
    );
    if (messages.length === 0) return moved;
    const sent = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: toUrl,
        Entries: messages.map((message, index) => ({
          Id: `m${index}`,
          MessageBody: message.Body ?? '',
          MessageAttributes: message.MessageAttributes as Record<string, MessageAttributeValue> | undefined,
        })),
      }),
    );
    const failed = new Set((sent.Failed ?? []).map((failure) => failure.Id));
    const done = messages.filter((_, index) => !failed.has(`m${index}`));
    if (done.length > 0) {
      await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: fromUrl,
          Entries: done.map((message, index) => ({ Id: `d${index}`, ReceiptHandle: message.ReceiptHandle })),
        }),
      );
    }
    moved += done.length;
    const ahead = (moved / perSecond) * 1000 - (Date.now() - started);
    if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
  }
}
