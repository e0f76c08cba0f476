import { SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import { ensureQueues } from '../../infra/local/queues.ts';
import type { QueueConfig } from '../../shared/config/queues.ts';

export interface TestQueues {
  client: SQSClient;
  queues: QueueConfig;
  endpoint: string;
  stop(): Promise<void>;
}

/** An in-process SQS emulator on a free port with this test's own queues. */
export async function startTestQueues(
  options: { prefix?: string; visibilityTimeoutSeconds?: number } = {},
): Promise<TestQueues> {
  const server = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false });
  const endpoint = server.address;
  const client = new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    useQueueUrlAsEndpoint: false,
  });
  const prefix = options.prefix ?? `t${Math.random().toString(36).slice(2, 10)}`;
  const queues = await ensureQueues(client, prefix, {
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 30,
  });
  return {
    client,
    queues,
    endpoint,
    async stop() {
      client.destroy();
      await server.stop();
    },
  };
}
