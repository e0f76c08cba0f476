/**
 * The local stand-in for a Lambda SQS event source mapping: polls one queue, hands batches to the
 * worker handler as real `SQSEvent`s, and deletes what the handler reports as done. It follows
 * the mapping's contract with `ReportBatchItemFailures` enabled, which is what the worker relies
 * on:
 * - at most `maxConcurrency` invocations run at once (the mapping's `maximumConcurrency`);
 * - records listed in `batchItemFailures` stay in the queue (visible again when their visibility
 *   timeout ends, or earlier if the handler changed it); all others are deleted;
 * - a handler that throws or times out, or a response with an unknown or empty
 *   `itemIdentifier`, fails the whole batch: nothing is deleted.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html (event shape)
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import type { AppLogger } from '../../shared/observability.ts';
import { MIN_VISIBILITY_SECONDS } from '../../shared/queue/message-visibility.ts';
import { chunk } from '../../shared/queue/sqs-publisher.ts';
import type { Priority } from '../../shared/tasks/priority.ts';
import { lambdaContext } from './api-gateway-event.ts';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export interface SqsPollerOptions {
  client: SQSClient;
  priority: Priority;
  queueUrl: string;
  queueArn: string;
  region: string;
  /** Concurrent invocations, like the mapping's `ScalingConfig.MaximumConcurrency`. */
  maxConcurrency: number;
  /** Messages per ReceiveMessage and per event (1 to 10). */
  batchSize: number;
  /** Long-poll wait of each ReceiveMessage; also bounds how long stop() waits for idle pollers. */
  waitTimeSeconds: number;
  /** Invocation timeout: the context counts down from it and the invocation fails when it runs out. */
  timeoutMs: number;
  functionName: string;
  handler: SqsHandler;
  logger: AppLogger;
}

export interface PollerStats {
  invocations: number;
  failedInvocations: number;
  received: number;
  deleted: number;
  inFlight: number;
}

class InvocationTimeoutError extends Error {
  constructor(ms: number) {
    super(`Task timed out after ${(ms / 1000).toFixed(2)} seconds`);
    this.name = 'InvocationTimeoutError';
  }
}

/** Message attributes in the event's shape (camelCase, base64 binaries, empty list fields). */
function toRecordAttributes(
  attributes: Record<string, MessageAttributeValue> | undefined,
): SQSMessageAttributes {
  const result: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    result[name] = {
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined
        ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }
        : {}),
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
      dataType: value.DataType ?? 'String',
    };
  }
  return result;
}

/** One received message as an event record, exactly as Lambda builds it. */
export function toSqsRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const system = message.Attributes ?? {};
  const now = String(Date.now());
  const attributes: SQSRecord['attributes'] = {
    ApproximateReceiveCount: system.ApproximateReceiveCount ?? '1',
    SentTimestamp: system.SentTimestamp ?? now,
    SenderId: system.SenderId ?? '000000000000',
    ApproximateFirstReceiveTimestamp: system.ApproximateFirstReceiveTimestamp ?? now,
  };
  if (system.AWSTraceHeader) attributes.AWSTraceHeader = system.AWSTraceHeader;
  if (system.MessageGroupId) attributes.MessageGroupId = system.MessageGroupId;
  if (system.MessageDeduplicationId) attributes.MessageDeduplicationId = system.MessageDeduplicationId;
  if (system.SequenceNumber) attributes.SequenceNumber = system.SequenceNumber;
  if (system.DeadLetterQueueSourceArn) attributes.DeadLetterQueueSourceArn = system.DeadLetterQueueSourceArn;
  const record: SQSRecord = {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes,
    messageAttributes: toRecordAttributes(message.MessageAttributes),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
  if (message.MD5OfMessageAttributes) record.md5OfMessageAttributes = message.MD5OfMessageAttributes;
  return record;
}

/**
 * The message ids to delete after an invocation, or null when the response fails the whole
 * batch (Lambda's rule for a malformed `batchItemFailures`).
 */
export function idsToDelete(records: readonly SQSRecord[], response: unknown): Set<string> | null {
  const all = new Set(records.map((r) => r.messageId));
  if (response === undefined || response === null) return all;
  if (typeof response !== 'object') return all;
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return all;
  if (!Array.isArray(failures)) return null;
  const keep = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !all.has(id)) return null;
    keep.add(id);
  }
  return new Set([...all].filter((id) => !keep.has(id)));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Polls one queue with `maxConcurrency` independent slots; each slot receives a batch, invokes
 * the handler and settles the batch before receiving again.
 *
 * @example
 * const poller = new SqsPoller({ client, priority: 'high', queueUrl, queueArn, region: 'us-east-1',
 *   maxConcurrency: 8, batchSize: 10, waitTimeSeconds: 1, timeoutMs: 60_000,
 *   functionName: 'taskforge-worker', handler, logger });
 * poller.start();
 * await poller.stop(); // waits for in-flight invocations
 */
export class SqsPoller {
  private readonly options: SqsPollerOptions;
  private readonly stopping = new AbortController();
  private slots: Promise<void>[] = [];
  private readonly counters: Omit<PollerStats, 'inFlight'> = {
    invocations: 0,
    failedInvocations: 0,
    received: 0,
    deleted: 0,
  };
  private inFlight = 0;

  constructor(options: SqsPollerOptions) {
    this.options = options;
  }

  start(): void {
    if (this.slots.length > 0) return;
    for (let slot = 0; slot < this.options.maxConcurrency; slot++) this.slots.push(this.runSlot(slot));
  }

  /** Stops receiving and resolves once every in-flight invocation has settled its batch. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.slots);
    this.slots = [];
  }

  stats(): PollerStats {
    return { ...this.counters, inFlight: this.inFlight };
  }

  private async runSlot(slot: number): Promise<void> {
    const { client, queueUrl, logger } = this.options;
    const signal = this.stopping.signal;
    let failures = 0;
    // The previous batch's DeleteMessageBatch runs while this slot receives the next batch, as an
    // event source mapping deletes asynchronously; at most one delete per slot is outstanding.
    let deleting: Promise<void> = Promise.resolve();
    try {
      while (!signal.aborted) {
        let messages: Message[];
        try {
          // The long poll is not aborted on stop: a receive cut off mid-flight could take messages
          // that nobody processes until their visibility timeout ends. It returns within the wait time.
          const response = await client.send(
            new ReceiveMessageCommand({
              QueueUrl: queueUrl,
              MaxNumberOfMessages: this.options.batchSize,
              WaitTimeSeconds: this.options.waitTimeSeconds,
              AttributeNames: ['All'],
              MessageSystemAttributeNames: ['All'],
              MessageAttributeNames: ['All'],
            }),
          );
          messages = response.Messages ?? [];
          failures = 0;
        } catch (err) {
          if (signal.aborted) break;
          failures++;
          logger.warn('ReceiveMessage failed; retrying', {
            queue: this.options.priority,
            slot,
            error: err as Error,
          });
          await sleep(Math.min(5000, 200 * 2 ** Math.min(failures, 5)), signal);
          continue;
        }
        if (messages.length === 0) continue;
        this.counters.received += messages.length;
        if (signal.aborted) {
          await this.release(messages);
          break;
        }
        const done = await this.invoke(messages);
        await deleting;
        deleting = done.length > 0 ? this.remove(done) : Promise.resolve();
      }
    } finally {
      await deleting;
    }
  }

  /** Runs one invocation; resolves with the records to delete (none when the batch failed). */
  private async invoke(messages: Message[]): Promise<SQSRecord[]> {
    const { queueArn, region, timeoutMs, functionName, logger } = this.options;
    const records = messages.map((m) => toSqsRecord(m, queueArn, region));
    const context = lambdaContext(functionName, timeoutMs, { region });
    this.inFlight++;
    this.counters.invocations++;
    let response: unknown;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new InvocationTimeoutError(timeoutMs)), timeoutMs);
      });
      response = await Promise.race([this.options.handler({ Records: records }, context), timeout]);
    } catch (err) {
      this.counters.failedInvocations++;
      // As in Lambda, the whole batch returns to the queue after its visibility timeout.
      logger.error('worker invocation failed; the whole batch will be retried', {
        queue: this.options.priority,
        awsRequestId: context.awsRequestId,
        messages: records.length,
        error: err as Error,
      });
      return [];
    } finally {
      clearTimeout(timer);
      this.inFlight--;
    }
    const ids = idsToDelete(records, response);
    if (ids === null) {
      this.counters.failedInvocations++;
      logger.error('worker returned an invalid batchItemFailures; the whole batch will be retried', {
        queue: this.options.priority,
        awsRequestId: context.awsRequestId,
        response: JSON.stringify(response),
      });
      return [];
    }
    return records.filter((r) => ids.has(r.messageId));
  }

  private async remove(records: SQSRecord[]): Promise<void> {
    for (const batch of chunk(records, 10)) {
      try {
        const result = await this.options.client.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.options.queueUrl,
            Entries: batch.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
          }),
        );
        this.counters.deleted += result.Successful?.length ?? 0;
        if (result.Failed && result.Failed.length > 0) {
          this.options.logger.warn('DeleteMessageBatch failed for some messages; they will be redelivered', {
            queue: this.options.priority,
            failed: result.Failed.map((f) => `${f.Code}: ${f.Message}`),
          });
        }
      } catch (err) {
        this.options.logger.warn('DeleteMessageBatch failed; the messages will be redelivered', {
          queue: this.options.priority,
          error: err as Error,
        });
      }
    }
  }

  /** Makes messages received during shutdown visible again (in a second) instead of after their timeout. */
  private async release(messages: Message[]): Promise<void> {
    try {
      await this.options.client.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.options.queueUrl,
          Entries: messages.map((m, i) => ({
            Id: String(i),
            ReceiptHandle: m.ReceiptHandle!,
            VisibilityTimeout: MIN_VISIBILITY_SECONDS,
          })),
        }),
      );
    } catch (err) {
      this.options.logger.warn('could not release messages received during shutdown', {
        queue: this.options.priority,
        error: err as Error,
      });
    }
  }
}
