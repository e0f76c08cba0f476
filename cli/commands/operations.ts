/** Operations commands: dead-letters list|redrive, stats. */
import { type Command, Option } from 'commander';
import { unwrap } from '../../client/index.ts';
import { cliContext } from '../context.ts';
import { compactJson, writeFields, writeJson, writeLine, writeTable } from '../output.ts';
import { integer, positiveNumber } from '../parsers.ts';

const PRIORITIES = ['high', 'medium', 'low'];

function counts(record: Record<string, number>): string {
  const parts = Object.entries(record).map(([key, n]) => `${key} ${n}`);
  return parts.length > 0 ? parts.join(', ') : '-';
}

export function registerOperationsCommands(program: Command): void {
  const deadLetters = program
    .command('dead-letters')
    .description('FAILED tasks grouped by error fingerprint');
  deadLetters
    .command('list')
    .summary('List dead-letter groups, largest first')
    .description('List dead-letter groups, largest first (with --fingerprint, also its latest tasks)')
    .option('--type <type>', 'only this task type')
    .option('--fingerprint <fingerprint>', 'one group (16 hex characters), with its latest tasks')
    .option('--limit <n>', 'tasks of the group to list (1-100)', integer)
    .action(async (options: { type?: string; fingerprint?: string; limit?: number }, command: Command) => {
      const cli = cliContext(command, 'apiKey');
      const query = {
        ...(options.type ? { type: options.type } : {}),
        ...(options.fingerprint ? { fingerprint: options.fingerprint } : {}),
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
      };
      const page = unwrap(await cli.client.GET('/v1/dead-letters', { params: { query } }));
      if (cli.json) {
        writeJson(page);
        return;
      }
      writeLine(`${page.total} FAILED tasks in ${page.groupCount} groups`);
      writeTable(
        ['FINGERPRINT', 'COUNT', 'TYPES', 'LAST SEEN', 'SIGNATURE'],
        page.groups.map((g) => [g.fingerprint, g.count, counts(g.types), g.lastSeen, g.signature]),
      );
      if (page.tasks) {
        writeLine();
        writeTable(
          ['ID', 'TYPE', 'PRIORITY', 'ATTEMPTS', 'FINISHED', 'ERROR'],
          page.tasks.map((t) => [t.id, t.type, t.priority, t.attempts, t.finishedAt, t.error?.message]),
        );
      }
    });
  deadLetters
    .command('redrive')
    .summary('Run FAILED tasks again, or move a whole dead-letter queue back')
    .description(
      'Run FAILED tasks again (all, or one fingerprint and/or type); with --queue, move a whole SQS dead-letter queue back (needs --token)',
    )
    .option('--fingerprint <fingerprint>', 'only this group')
    .option('--type <type>', 'only this task type')
    .option('--limit <n>', 'at most this many tasks per call (default 1000)', integer)
    .option(
      '--rate <per-second>',
      'spread them: the n-th becomes available n / rate seconds from now',
      positiveNumber,
    )
    .addOption(
      new Option('--queue <priority>', "move this priority's dead-letter queue back").choices(PRIORITIES),
    )
    .action(async (options: RedriveOptions, command: Command) => {
      const cli = cliContext(command, 'apiKey');
      const body = options.queue
        ? { queue: options.queue, ...(options.rate !== undefined ? { ratePerSecond: options.rate } : {}) }
        : {
            ...(options.fingerprint ? { fingerprint: options.fingerprint } : {}),
            ...(options.type ? { type: options.type } : {}),
            ...(options.limit !== undefined ? { limit: options.limit } : {}),
            ...(options.rate !== undefined ? { ratePerSecond: options.rate } : {}),
          };
      const result = unwrap(await cli.client.POST('/v1/dead-letters/redrive', { body }));
      if (cli.json) writeJson(result);
      else if (result.mode === 'tasks')
        writeLine(
          `redriven ${result.redriven} of ${result.matching} matching; ${result.remaining} left` +
            (result.lastAvailableAt ? `; the last runs from ${result.lastAvailableAt}` : ''),
        );
      else writeLine(`moving the ${result.queue} dead-letter queue back (task ${result.taskHandle})`);
    });

  program
    .command('stats')
    .description("The tenant's task counts, throughput, latency percentiles and queue depths")
    .option('--window <seconds>', 'latency window (60-86400, default 900)', integer)
    .action(async (options: { window?: number }, command: Command) => {
      const cli = cliContext(command, 'apiKey');
      const query = options.window !== undefined ? { windowSeconds: options.window } : {};
      const stats = unwrap(await cli.client.GET('/v1/stats', { params: { query } }));
      if (cli.json) {
        writeJson(stats);
        return;
      }
      const { tasks, throughput, latency } = stats;
      const ms = (p: typeof latency.durationMs) => compactJson(p);
      writeFields([
        ['tasks', tasks.total],
        ['by status', counts(tasks.byStatus)],
        ['by priority', counts(tasks.byPriority)],
        ['by type', counts(tasks.byType)],
        [
          'last minute',
          `completed ${throughput.lastMinute.completed}, failed ${throughput.lastMinute.failed}`,
        ],
        ['last hour', `completed ${throughput.lastHour.completed}, failed ${throughput.lastHour.failed}`],
        [`duration ms (${latency.samples} in ${latency.windowSeconds}s)`, ms(latency.durationMs)],
        ['queue wait ms', ms(latency.queueWaitMs)],
      ]);
      if (stats.queues) {
        writeLine();
        writeTable(
          ['QUEUE', 'VISIBLE', 'IN FLIGHT', 'DELAYED', 'DLQ VISIBLE'],
          Object.entries(stats.queues).map(([queue, depth]) => [
            queue,
            depth.visible,
            depth.inFlight,
            depth.delayed,
            depth.deadLetters.visible,
          ]),
        );
      }
      for (const warning of stats.warnings) writeLine(`warning: ${warning}`);
    });
}

interface RedriveOptions {
  fingerprint?: string;
  type?: string;
  limit?: number;
  rate?: number;
  queue?: 'high' | 'medium' | 'low';
}
