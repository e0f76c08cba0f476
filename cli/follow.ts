/**
 * Following a task until it is terminal (`watch`, `submit --wait`): polls it through the
 * client's `waitFor`, shows its status beside a spinner while stdout is a terminal, and with
 * `events` prints each new event of its log as it appears, and the explain line (`why: ...`) each
 * time its reason changes (JSON lines with `--json`).
 */
import yoctoSpinner, { type Spinner } from 'yocto-spinner';
import {
  type Task,
  type TaskEvent,
  type TaskExplanation,
  unwrap,
  WaitTimeoutError,
} from '../client/index.ts';
import type { Cli } from './context.ts';
import { EXIT } from './exit-codes.ts';
import { writeError, writeJson, writeJsonLine, writeLine } from './output.ts';
import { eventLine, whyText, writeTask } from './task-views.ts';

export interface FollowOptions {
  /** Print the event log as it grows. */
  events: boolean;
  /** Give up after this many seconds (exit 3); undefined: never. */
  timeoutSeconds: number | undefined;
  intervalMs: number;
}

/** Reads the events after `cursor` (all pages), oldest first. */
export async function eventsAfter(cli: Cli, id: string, cursor: string | undefined): Promise<TaskEvent[]> {
  const events: TaskEvent[] = [];
  let next = cursor;
  do {
    const page = unwrap(
      await cli.client.GET('/v1/tasks/{id}/events', {
        params: { path: { id }, query: { limit: 100, ...(next ? { cursor: next } : {}) } },
      }),
    );
    events.push(...page.items);
    next = page.nextCursor ?? undefined;
  } while (next);
  return events;
}

function progress(task: Task): string {
  const attempt = task.attempts > 0 ? ` attempt ${task.attempts}/${task.maxAttempts}` : '';
  return `${task.id} ${task.status}${attempt}`;
}

/** Follows the task, prints the outcome, and returns the exit code (1 unless COMPLETED). */
export async function followTask(cli: Cli, id: string, options: FollowOptions): Promise<number> {
  const spinner: Spinner | undefined =
    process.stdout.isTTY && !cli.json
      ? yoctoSpinner({ text: id, stream: process.stdout }).start()
      : undefined;
  let cursor: string | undefined;
  const showNewEvents = async () => {
    const events = await eventsAfter(cli, id, cursor);
    for (const event of events) {
      if (cli.json) writeJsonLine({ event });
      else writeLine(eventLine(event));
    }
    const last = events.at(-1);
    if (last) cursor = String(last.id);
  };
  // The explain line, printed when the reason changes (every reason, not every poll).
  let why: TaskExplanation | undefined;
  const showWhy = async () => {
    const explanation = unwrap(await cli.client.GET('/v1/tasks/{id}/explain', { params: { path: { id } } }));
    const changed = explanation.reason !== why?.reason;
    why = explanation;
    if (!changed) return;
    if (cli.json) writeJsonLine({ explanation });
    else writeLine(`why: ${whyText(explanation)}`);
  };
  let task: Task;
  try {
    task = await cli.client.waitFor(id, {
      timeout:
        options.timeoutSeconds === undefined ? Number.POSITIVE_INFINITY : options.timeoutSeconds * 1000,
      interval: options.intervalMs,
      // The log is read after the task, so once the task is terminal the log is complete.
      onPoll: async (seen) => {
        if (spinner) spinner.text = progress(seen);
        if (options.events) {
          await showNewEvents();
          await showWhy();
        }
      },
    });
  } catch (err) {
    spinner?.stop();
    if (err instanceof WaitTimeoutError) {
      writeError(`${err.message}; \`taskforge watch ${id}\` follows it further`);
      return EXIT.error;
    }
    throw err;
  }
  spinner?.stop();
  if (cli.json) {
    if (options.events) writeJsonLine({ task });
    else writeJson(task);
  } else {
    if (options.events) writeLine();
    writeTask(task, why);
  }
  return task.status === 'COMPLETED' ? EXIT.ok : EXIT.taskFailed;
}
