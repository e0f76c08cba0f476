import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueConfig } from '../../shared/config/queues.ts';
import {
  DLQ_RETENTION_SECONDS,
  deadLetterQueueName,
  MAX_RECEIVE_COUNT,
  QUEUE_RETENTION_SECONDS,
  queueName,
} from '../../shared/queue/topology.ts';
import { PRIORITIES, type Priority } from '../../shared/tasks/priority.ts';

/**
 * Creates (or finds) the three priority queues and their DLQs through the SQS API, configured as
 * the CDK stack configures them: redrive to the DLQ after MAX_RECEIVE_COUNT receives, 14-day DLQ
 * retention, the given visibility timeout. Works against the in-process emulator or LocalStack.
 */
export async function ensureQueues(
  client: SQSClient,
  prefix: string,
  options: { visibilityTimeoutSeconds: number },
): Promise<QueueConfig> {
  const urls = {} as Record<Priority, string>;
  const dlqUrls = {} as Record<Priority, string>;
  for (const priority of PRIORITIES) {
    const dlq = await client.send(
      new CreateQueueCommand({
        QueueName: deadLetterQueueName(prefix, priority),
        Attributes: { MessageRetentionPeriod: String(DLQ_RETENTION_SECONDS) },
      }),
    );
    const dlqUrl = dlq.QueueUrl!;
    const dlqAttributes = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
    );
    const queue = await client.send(
      new CreateQueueCommand({
        QueueName: queueName(prefix, priority),
        Attributes: {
          VisibilityTimeout: String(options.visibilityTimeoutSeconds),
          MessageRetentionPeriod: String(QUEUE_RETENTION_SECONDS),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: dlqAttributes.Attributes!.QueueArn,
            maxReceiveCount: MAX_RECEIVE_COUNT,
          }),
        },
      }),
    );
    urls[priority] = queue.QueueUrl!;
    dlqUrls[priority] = dlqUrl;
  }
  return { urls, dlqUrls };
}

/**
 * Gives queues that already exist (persisted by the emulator, or in LocalStack) the visibility
 * timeout and redrive policy `ensureQueues` is about to ask for: CreateQueue fails with
 * QueueNameExists when an existing queue's attributes differ, e.g. after WORKER_TIMEOUT_SECONDS
 * or MAX_RECEIVE_COUNT changed. Missing queues are left for `ensureQueues` to create.
 */
export async function alignExistingQueues(
  client: SQSClient,
  prefix: string,
  options: { visibilityTimeoutSeconds: number },
): Promise<void> {
  const urlOf = async (name: string): Promise<string | undefined> => {
    try {
      return (await client.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
    } catch {
      return undefined;
    }
  };
  for (const priority of PRIORITIES) {
    const queueUrl = await urlOf(queueName(prefix, priority));
    if (!queueUrl) continue;
    const attributes: Record<string, string> = {
      VisibilityTimeout: String(options.visibilityTimeoutSeconds),
    };
    const dlqUrl = await urlOf(deadLetterQueueName(prefix, priority));
    if (dlqUrl) {
      const { Attributes } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
      );
      attributes.RedrivePolicy = JSON.stringify({
        deadLetterTargetArn: Attributes!.QueueArn,
        maxReceiveCount: MAX_RECEIVE_COUNT,
      });
    }
    await client.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: attributes }));
  }
}
