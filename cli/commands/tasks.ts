/** Task commands: submit, get, events, watch, tasks list, cancel, retry, delete. */
import { type Command, Option } from 'commander';
import { TASK_TYPES, type TaskSubmission, type TaskSummary, unwrap } from '../../client/index.ts';
import { cliContext, usageError } from '../context.ts';
import { eventsAfter, followTask } from '../follow.ts';
import { writeJson, writeLine, writeTable } from '../output.ts';
import { dateTime, integer, parseJson, positiveNumber } from '../parsers.ts';
import { EVENT_COLUMNS, eventRow, status, TASK_COLUMNS, taskRow, writeTask } from '../task-views.ts';

const PRIORITIES = ['high', 'medium', 'low'];
const STATUSES = ['PENDING', 'QUEUED', 'RUNNING', 'COMPLETED', 'RETRYING', 'FAILED', 'CANCELLED'];

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface SubmitOptions {
  priority?: string;
  delay?: number;
  runAt?: string;
  maxAttempts?: number;
  idempotencyKey?: string;
  wait?: boolean;
  timeout?: number;
}

const waitTimeout = () =>
  new Option('--timeout <seconds>', 'give up waiting after this long (exit 3)').argParser(positiveNumber);

export function registerTaskCommands(program: Command): void {
  program
    .command('submit')
    .description('Submit a task')
    .argument('<type>', `task type (${TASK_TYPES.join(', ')})`)
    .argument('[payload]', 'payload as JSON, or - to read it from stdin', '{}')
    .addOption(new Option('--priority <priority>', 'queue priority').choices(PRIORITIES))
    .option('--delay <seconds>', 'start no sooner than this many seconds from now', integer)
    .option('--run-at <time>', 'start no sooner than this ISO 8601 time', dateTime)
    .option('--max-attempts <n>', 'attempts before the task fails', integer)
    .option('--idempotency-key <key>', 'Idempotency-Key (default: a new one per call)')
    .option('--wait', 'wait until the task is terminal; exit 1 unless it COMPLETED')
    .addOption(waitTimeout())
    .action(async (type: string, payloadArg: string, options: SubmitOptions, command: Command) => {
      const text = payloadArg === '-' ? await readStdin() : payloadArg;
      let payload: unknown;
      try {
        payload = parseJson(text, 'the payload');
      } catch (err) {
        usageError(command, (err as Error).message);
      }
      const cli = cliContext(command, 'apiKey');
      // The server checks the payload against the type's schema: the CLI cannot know the type statically.
      const body = {
        type,
        payload,
        ...(options.priority ? { priority: options.priority } : {}),
        ...(options.delay !== undefined ? { delaySeconds: options.delay } : {}),
        ...(options.runAt ? { runAt: options.runAt } : {}),
        ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
      } as TaskSubmission;
      const task = unwrap(
        await cli.client.POST('/v1/tasks', {
          body,
          ...(options.idempotencyKey ? { headers: { 'Idempotency-Key': options.idempotencyKey } } : {}),
        }),
      );
      if (options.wait) {
        process.exitCode = await followTask(cli, task.id, {
          events: false,
          timeoutSeconds: options.timeout,
          intervalMs: 250,
        });
        return;
      }
      if (cli.json) writeJson(task);
      else writeLine(`${task.id}  ${task.type}  ${status(task.status)}  ${task.priority}`);
    });

  program
    .command('get')
    .description('Show a task, with its payload and result, and why it is where it is (explain)')
    .argument('<id>', 'task id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const cli = cliContext(command, 'apiKey');
      const params = { params: { path: { id } } };
      const [task, explanation] = await Promise.all([
        cli.client.GET('/v1/tasks/{id}', params).then(unwrap),
        cli.client.GET('/v1/tasks/{id}/explain', params).then(unwrap),
      ]);
      if (cli.json) writeJson({ ...task, explanation });
      else writeTask(task, explanation);
    });

  program
    .command('events')
    .description("Show a task's event log (every attempt), oldest first")
    .argument('<id>', 'task id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const cli = cliContext(command, 'apiKey');
      const events = await eventsAfter(cli, id, undefined);
      if (cli.json) writeJson(events);
      else writeTable(EVENT_COLUMNS, events.map(eventRow));
    });

  program
    .command('watch')
    .summary('Follow a task live until it is terminal, with its attempt log')
    .description(
      'Follow a task live until it is terminal, printing its attempt log; exit 1 unless it COMPLETED',
    )
    .argument('<id>', 'task id')
    .option('--interval <ms>', 'pause between polls', integer, 500)
    .addOption(waitTimeout())
    .action(async (id: string, options: { interval: number; timeout?: number }, command: Command) => {
      const cli = cliContext(command, 'apiKey');
      process.exitCode = await followTask(cli, id, {
        events: true,
        timeoutSeconds: options.timeout,
        intervalMs: options.interval,
      });
    });

  const tasks = program.command('tasks').description('Task listings');
  tasks
    .command('list')
    .description('List tasks, newest first')
    .addOption(new Option('--status <status>').choices(STATUSES))
    .option('--type <type>', 'task type')
    .addOption(new Option('--priority <priority>').choices(PRIORITIES))
    .option('--client-id <id>', 'the X-Client-Id the tasks were submitted with')
    .option('--limit <n>', 'tasks per page (1-100)', integer)
    .option('--cursor <cursor>', 'continue after this task id (a previous nextCursor)')
    .option('--all', 'follow nextCursor to the end')
    .action(async (options: ListOptions, command: Command) => {
      const cli = cliContext(command, 'apiKey');
      const items: TaskSummary[] = [];
      let cursor = options.cursor;
      let nextCursor: string | null;
      do {
        const page = unwrap(
          await cli.client.GET('/v1/tasks', { params: { query: listQuery(options, cursor) } }),
        );
        items.push(...page.items);
        nextCursor = page.nextCursor;
        cursor = nextCursor ?? undefined;
      } while (options.all && nextCursor);
      if (cli.json) {
        writeJson({ items, nextCursor });
        return;
      }
      writeTable(TASK_COLUMNS, items.map(taskRow));
      if (nextCursor) writeLine(`more: --cursor ${nextCursor} (or --all)`);
    });

  program
    .command('cancel')
    .description('Cancel a PENDING, QUEUED or RETRYING task')
    .argument('<id>', 'task id')
    .option('--reason <text>', 'recorded in its cancelled event')
    .action(async (id: string, options: { reason?: string }, command: Command) => {
      const cli = cliContext(command, 'apiKey');
      const task = unwrap(
        await cli.client.POST('/v1/tasks/{id}/cancel', {
          params: { path: { id } },
          ...(options.reason ? { body: { reason: options.reason } } : {}),
        }),
      );
      if (cli.json) writeJson(task);
      else writeLine(`${task.id}  ${status(task.status)}`);
    });

  program
    .command('retry')
    .description('Run a FAILED or CANCELLED task again, from scratch')
    .argument('<id>', 'task id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const cli = cliContext(command, 'apiKey');
      const task = unwrap(await cli.client.POST('/v1/tasks/{id}/retry', { params: { path: { id } } }));
      if (cli.json) writeJson(task);
      else writeLine(`${task.id}  ${status(task.status)}`);
    });

  program
    .command('delete')
    .description('Delete a COMPLETED, FAILED or CANCELLED task')
    .argument('<id>', 'task id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const cli = cliContext(command, 'apiKey');
      unwrap(await cli.client.DELETE('/v1/tasks/{id}', { params: { path: { id } } }));
      if (cli.json) writeJson({ id, deleted: true });
      else writeLine(`${id}  deleted`);
    });
}

interface ListOptions {
  status?: TaskSummary['status'];
  type?: string;
  priority?: TaskSummary['priority'];
  clientId?: string;
  limit?: number;
  cursor?: string;
  all?: boolean;
}

function listQuery(options: ListOptions, cursor: string | undefined) {
  return {
    ...(options.status ? { status: options.status } : {}),
    ...(options.type ? { type: options.type } : {}),
    ...(options.priority ? { priority: options.priority } : {}),
    ...(options.clientId ? { clientId: options.clientId } : {}),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
    ...(cursor ? { cursor } : {}),
  };
}
