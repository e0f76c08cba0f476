/**
 * The SQS message envelope shared by relay and worker. Messages carry only references; the task
 * itself lives in PostgreSQL. The correlation id also travels as a message attribute.
 */
import { isUuid } from '../ids.ts';

export interface TaskMessage {
  /** Envelope version, so a later format can be told apart. */
  v: 1;
  taskId: string;
  /** Attempts already made when the message was published (0 for a new task). */
  attempt: number;
  tenantId: string;
  type: string;
  /** When the relay published it (epoch ms): the start of queue wait. */
  publishedAt: number;
}

export const CORRELATION_ID_ATTRIBUTE = 'correlationId';

export function serializeTaskMessage(message: TaskMessage): string {
  return JSON.stringify(message);
}

/** Parses and checks a message body; returns null for anything that is not a task message. */
export function parseTaskMessage(body: string): TaskMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  if (m.v !== 1 || typeof m.taskId !== 'string' || !isUuid(m.taskId)) return null;
  if (typeof m.attempt !== 'number' || typeof m.tenantId !== 'string' || typeof m.type !== 'string')
    return null;
  return {
    v: 1,
    taskId: m.taskId,
    attempt: m.attempt,
    tenantId: m.tenantId,
    type: m.type,
    publishedAt: typeof m.publishedAt === 'number' ? m.publishedAt : Date.now(),
  };
}
