import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export async function queueArn(client: SQSClient, queueUrl: string): Promise<string> {
  const response = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  return response.Attributes!.QueueArn!;
}

export interface QueueCounts {
  visible: number;
  inFlight: number;
  delayed: number;
}

export async function queueCounts(client: SQSClient, queueUrl: string): Promise<QueueCounts> {
  const response = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  const attrs = response.Attributes ?? {};
  return {
    visible: Number(attrs.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(attrs.ApproximateNumberOfMessagesNotVisible ?? 0),
    delayed: Number(attrs.ApproximateNumberOfMessagesDelayed ?? 0),
  };
}

/** Receives up to `count` messages (several calls if needed, until none are left). */
export async function receiveMessages(
  client: SQSClient,
  queueUrl: string,
  options: { count?: number; visibilityTimeout?: number } = {},
): Promise<Message[]> {
  const count = options.count ?? 10;
  const messages: Message[] = [];
  while (messages.length < count) {
    const response = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(10, count - messages.length),
        VisibilityTimeout: options.visibilityTimeout,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const received = response.Messages ?? [];
    if (received.length === 0) break;
    messages.push(...received);
  }
  return messages;
}

/** Builds the SQS event an event source mapping would deliver for these messages. */
export function toSqsEvent(messages: readonly Message[], eventSourceARN: string): SQSEvent {
  const records: SQSRecord[] = messages.map((m) => ({
    messageId: m.MessageId!,
    receiptHandle: m.ReceiptHandle!,
    body: m.Body ?? '',
    attributes: {
      ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
      SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
      SenderId: m.Attributes?.SenderId ?? '000000000000',
      ApproximateFirstReceiveTimestamp: m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(m.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        { stringValue: value.StringValue, dataType: value.DataType ?? 'String' },
      ]),
    ),
    md5OfBody: m.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion: 'us-east-1',
  }));
  return { Records: records };
}

/** Deletes the messages the handler acknowledged (not listed in batchItemFailures), as Lambda does. */
export async function settleBatch(
  client: SQSClient,
  queueUrl: string,
  event: SQSEvent,
  response: SQSBatchResponse,
): Promise<void> {
  const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
  const done = event.Records.filter((r) => !failed.has(r.messageId));
  for (let i = 0; i < done.length; i += 10) {
    await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: done
          .slice(i, i + 10)
          .map((r, index) => ({ Id: `d${index}`, ReceiptHandle: r.receiptHandle })),
      }),
    );
  }
}

/** The part of the Lambda context the worker reads. */
export function lambdaContext(remainingMs: number): { getRemainingTimeInMillis: () => number } {
  const deadline = Date.now() + remainingMs;
  return { getRemainingTimeInMillis: () => deadline - Date.now() };
}
