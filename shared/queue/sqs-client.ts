import { SQSClient } from '@aws-sdk/client-sqs';

let client: SQSClient | undefined;

/**
 * The process's SQS client, created on first use. Locally `AWS_ENDPOINT_URL_SQS` (read by the
 * SDK itself) points it at the emulator; queue URLs are then not used as endpoints, because the
 * emulator's URL host does not resolve.
 */
export function sqsClient(): SQSClient {
  if (!client) {
    const endpoint = process.env.AWS_ENDPOINT_URL_SQS ?? process.env.AWS_ENDPOINT_URL;
    client = new SQSClient(endpoint ? { endpoint, useQueueUrlAsEndpoint: false } : {});
  }
  return client;
}

/** Replaces the client (tests and the local runtime point it at their own emulator). */
export function setSqsClient(next: SQSClient): void {
  client = next;
}
