/** The human views of tasks and their events. */
import { styleText } from 'node:util';
import type { Task, TaskEvent, TaskExplanation, TaskSummary } from '../client/index.ts';
import { compactJson, writeFields } from './output.ts';

const STATUS_COLOURS: Partial<Record<Task['status'], 'green' | 'red' | 'yellow' | 'cyan'>> = {
  COMPLETED: 'green',
  FAILED: 'red',
  CANCELLED: 'yellow',
  RETRYING: 'yellow',
  RUNNING: 'cyan',
};

export function status(value: Task['status']): string {
  const colour = STATUS_COLOURS[value];
  return colour ? styleText(colour, value) : value;
}

export function attempts(task: TaskSummary): string {
  return `${task.attempts}/${task.maxAttempts}`;
}

function errorText(error: Task['error']): string | null {
  if (!error) return null;
  return `${error.name ? `${error.name}: ` : ''}${error.message}${error.permanent ? ' (permanent)' : ''}`;
}

/** The explain line: its reason, then the server's sentence. */
export function whyText(explanation: TaskExplanation): string {
  return `${explanation.reason}: ${explanation.detail}`;
}

export function writeTask(task: Task, explanation?: TaskExplanation): void {
  writeFields([
    ['id', task.id],
    ['type', task.type],
    ['status', status(task.status)],
    ['why', explanation ? whyText(explanation) : null],
    ['priority', task.priority],
    ['attempts', `${attempts(task)} (interruptions ${task.interruptions}/${task.maxInterruptions})`],
    ['created', task.createdAt],
    ['run at', task.runAt],
    ['started', task.startedAt],
    ['finished', task.finishedAt],
    ['client id', task.clientId],
    ['idempotency key', task.idempotencyKey],
    ['correlation id', task.correlationId],
    ['payload', compactJson(task.payload, 500)],
    ['result', task.status === 'COMPLETED' ? compactJson(task.result, 2000) : null],
    ['error', errorText(task.error)],
  ]);
}

export function taskRow(task: TaskSummary): string[] {
  return [task.id, task.type, status(task.status), task.priority, attempts(task), task.createdAt];
}

export const TASK_COLUMNS = ['ID', 'TYPE', 'STATUS', 'PRIORITY', 'ATTEMPTS', 'CREATED'];

export function eventRow(event: TaskEvent): string[] {
  return [
    String(event.id),
    event.createdAt,
    event.type,
    String(event.attempt),
    event.detail === null || event.detail === undefined ? '' : compactJson(event.detail, 120),
  ];
}

export const EVENT_COLUMNS = ['ID', 'TIME', 'EVENT', 'ATTEMPT', 'DETAIL'];

/** One line of `watch`'s attempt log. */
export function eventLine(event: TaskEvent): string {
  const [, time, type, attempt, detail] = eventRow(event);
  return `${styleText('dim', time ?? '')}  ${(type ?? '').padEnd(16)} attempt ${attempt}${detail ? `  ${detail}` : ''}`;
}
