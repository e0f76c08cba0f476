/**
 * The SQS message envelope shared by relay and worker. Messages carry only references; the task
 * itself lives in PostgreSQL. The correlation id also travels as a message attribute.
 */
import { isUuid } from '../ids.ts';
import type { TaskError } from '../tasks/task.ts';

/**
 * The outcome of a run whose worker could not record it (the database failed), carried by a new
 * message so that the next worker records it instead of running the attempt again. It applies
 * only while that run (attempt and lease generation) still owns the task; otherwise the message is
 * an ordinary task message.
 */
export type CarriedOutcome =
  | { status: 'COMPLETED'; attempt: number; generation: number; durationMs: number; result: unknown }
  | {
      status: 'RETRYING';
      attempt: number;
      generation: number;
      durationMs: number;
      error: TaskError;
      retryInSeconds: number;
    }
  | { status: 'FAILED'; attempt: number; generation: number; durationMs: number; error: TaskError };

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
  outcome?: CarriedOutcome;
}

export const CORRELATION_ID_ATTRIBUTE = 'correlationId';

export function serializeTaskMessage(message: TaskMessage): string {
  return JSON.stringify(message);
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

function parseError(value: unknown): TaskError | null {
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Record<string, unknown>;
  if (typeof e.message !== 'string') return null;
  return {
    message: e.message,
    ...(typeof e.name === 'string' ? { name: e.name } : {}),
    ...(e.permanent === true ? { permanent: true } : {}),
  };
}

/** A carried outcome, or undefined when there is none or it is malformed (the message stays usable). */
function parseOutcome(value: unknown): CarriedOutcome | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const o = value as Record<string, unknown>;
  if (!isCount(o.attempt) || !isCount(o.generation) || typeof o.durationMs !== 'number') return undefined;
  const base = { attempt: o.attempt, generation: o.generation, durationMs: o.durationMs };
  if (o.status === 'COMPLETED') return { ...base, status: 'COMPLETED', result: o.result ?? null };
  const error = parseError(o.error);
  if (!error) return undefined;
  if (o.status === 'FAILED') return { ...base, status: 'FAILED', error };
  if (o.status === 'RETRYING' && typeof o.retryInSeconds === 'number' && o.retryInSeconds >= 0)
    return { ...base, status: 'RETRYING', error, retryInSeconds: o.retryInSeconds };
  return undefined;
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
  const outcome = parseOutcome(m.outcome);
  return {
    v: 1,
    taskId: m.taskId,
    attempt: m.attempt,
    tenantId: m.tenantId,
    type: m.type,
    publishedAt: typeof m.publishedAt === 'number' ? m.publishedAt : Date.now(),
    ...(outcome ? { outcome } : {}),
  };
}
