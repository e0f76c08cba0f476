/**
 * (e) The SQS emulator's own rate, the local ceiling for the drain (c): fauxqs in-process with the
 * SDK client configured as the runtime configures it, one sender sending 100 messages per round as
 * the relay does (SendMessageBatch of 10, the 10 calls in parallel, through the relay's own
 * `sendMessages`), and 4 receivers as the medium queue's pollers do (ReceiveMessage of 10, 1 s long
 * poll, all attributes, then DeleteMessageBatch). Messages have the size and attributes of ours.
 * The figure is messages sent, received and deleted per second, first send to last delete, after
 * a discarded warm-up pass of 2,000 messages.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import { sendMessages } from '../../shared/queue/sqs-publisher.ts';
import { serializeTaskMessage } from '../../shared/queue/task-message.ts';
import type { BenchContext, Scenario } from '../lib/context.ts';
import { round } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';

export interface SqsCeilingResult {
  messages: number;
  receivers: number;
  seconds: number;
  perSecond: number;
  sendSeconds: number;
  receiveCalls: number;
}

export async function sqsCeiling(messages: number, receivers: number): Promise<SqsCeilingResult> {
  const emulator = await startFauxqs({
    port: 0,
    host: '127.0.0.1',
    logger: false,
    defaultRegion: 'us-east-1',
  });
  const sqs = new SQSClient({
    endpoint: emulator.address,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    useQueueUrlAsEndpoint: false,
  });
  try {
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: 'bench-ceiling', Attributes: { VisibilityTimeout: '720' } }),
    );
    const queueUrl = QueueUrl!;
    const tenantId = randomUUID();
    let deleted = 0;
    let receiveCalls = 0;
    let sendDone = 0;
    const t0 = performance.now();
    const sender = (async () => {
      for (let sent = 0; sent < messages; sent += 100) {
        const batch = Array.from({ length: Math.min(100, messages - sent) }, (_, i) => ({
          id: String(sent + i),
          body: serializeTaskMessage({
            v: 1,
            taskId: randomUUID(),
            attempt: 0,
            tenantId,
            type: 'echo',
            publishedAt: Date.now(),
          }),
          delaySeconds: 0,
          messageGroupId: tenantId,
          attributes: { correlationId: randomUUID() },
        }));
        const { failed } = await sendMessages(sqs, queueUrl, batch);
        if (failed.length > 0) throw new Error(`send failed: ${failed[0]!.error}`);
      }
      sendDone = performance.now();
    })();
    const receiver = async () => {
      while (deleted < messages) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            AttributeNames: ['All'],
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        receiveCalls += 1;
        if (Messages.length === 0) continue;
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
        deleted += Messages.length;
      }
    };
    await Promise.all([sender, ...Array.from({ length: receivers }, receiver)]);
    const seconds = (performance.now() - t0) / 1000;
    return {
      messages,
      receivers,
      seconds,
      perSecond: messages / seconds,
      sendSeconds: (sendDone - t0) / 1000,
      receiveCalls,
    };
  } finally {
    sqs.destroy();
    await emulator.stop();
  }
}

export const sqsCeilingScenario: Scenario = {
  id: 'e',
  title: '(e) SQS emulator ceiling',
  async run(ctx: BenchContext) {
    const { messages } = ctx.settings.sqs;
    // A first, discarded pass warms the SDK and emulator code up (JIT), as the other scenarios' warm-ups do.
    await sqsCeiling(2000, 4);
    const medium = await sqsCeiling(messages, 4);
    ctx.shared.sqsCeilingPerSecond = medium.perSecond;
    const rows = [
      {
        setup: '1 sender (100/round, 10 x SendMessageBatch) + 4 receivers (10/receive) + DeleteMessageBatch',
        messages: medium.messages,
        'msgs/s': round(medium.perSecond, 0),
        seconds: round(medium.seconds, 2),
        'send done s': round(medium.sendSeconds, 2),
        receives: medium.receiveCalls,
      },
    ];
    printTable(`${this.title}: fauxqs in-process, send + receive + delete`, rows, [
      "the same receiver concurrency as the medium queue's pollers (LOCAL_CONCURRENCY_MEDIUM=4, batch 10), where (c)'s tasks go",
    ]);
    ctx.results.e = { medium };
    ctx.summary.push({
      scenario: '(e) SQS emulator alone',
      metric: 'msgs/s (send+recv+delete)',
      ours: medium.perSecond,
      better: 'higher',
      target: 'ceiling for (c)',
    });
  },
};
