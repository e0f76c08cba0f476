/**
 * Counts the SQS requests an SDK client sends, by action, with the requests AWS would bill for
 * them (one per started 64 KiB of payload) and the receives that came back empty (long polls
 * of an idle queue: a fixed cost of the event source mappings, not a cost per task).
 * Installed as SDK middleware on the runtime's client, which the relay, the workers' pollers and
 * the worker share.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { sqsBilledRequests } from './aws-prices.ts';

export interface SqsActionCount {
  calls: number;
  /** Calls AWS bills for (64 KiB chunks of the payload). */
  billed: number;
  /** ReceiveMessage calls that returned no message. */
  empty: number;
  /** Messages sent, received, deleted or changed. */
  messages: number;
}

export interface SqsCounter {
  snapshot(): Record<string, SqsActionCount>;
  reset(): void;
}

interface MessageLike {
  MessageBody?: string;
  Body?: string;
  MessageAttributes?: Record<string, { StringValue?: string; BinaryValue?: Uint8Array }>;
}

function messageBytes(message: MessageLike): number {
  let bytes = Buffer.byteLength(message.MessageBody ?? message.Body ?? '');
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    bytes += name.length + Buffer.byteLength(value.StringValue ?? '') + (value.BinaryValue?.length ?? 0);
  }
  return bytes;
}

export function countSqsRequests(client: SQSClient): SqsCounter {
  let counts = new Map<string, SqsActionCount>();
  const entry = (action: string) => {
    let count = counts.get(action);
    if (!count) {
      count = { calls: 0, billed: 0, empty: 0, messages: 0 };
      counts.set(action, count);
    }
    return count;
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const action = (context.commandName ?? 'unknown').replace(/Command$/, '');
      const result = await next(args);
      const count = entry(action);
      const input = args.input as { Entries?: MessageLike[] } & MessageLike;
      const output = result.output as { Messages?: MessageLike[] };
      // What the request carries: the messages sent, or the messages a receive returned.
      const carried = output.Messages ?? input.Entries ?? (input.MessageBody ? [input] : []);
      const bytes = carried.reduce((sum, m) => sum + messageBytes(m), 0);
      count.calls += 1;
      count.billed += sqsBilledRequests(bytes);
      count.messages += output.Messages?.length ?? input.Entries?.length ?? (input.MessageBody ? 1 : 0);
      if (action === 'ReceiveMessage' && (output.Messages?.length ?? 0) === 0) count.empty += 1;
      return result;
    },
    { step: 'initialize', name: 'benchSqsRequestCounter' },
  );
  return {
    snapshot: () => Object.fromEntries([...counts].map(([action, c]) => [action, { ...c }])),
    reset: () => {
      counts = new Map();
    },
  };
}
