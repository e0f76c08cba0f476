/** `schedules create|list|get|pause|resume|trigger|delete`: recurring schedules of the tenant. */
import type { Command } from 'commander';
import { type components, unwrap } from '../../client/index.ts';
import { cliContext, usageError } from '../context.ts';
import { writeFields, writeJson, writeLine, writeTable } from '../output.ts';
import { dateTime, integer, parseJson } from '../parsers.ts';

type Schedule = components['schemas']['Schedule'];
type ScheduleSubmission = components['schemas']['ScheduleSubmission'];

const when = (s: Pick<Schedule, 'cron' | 'intervalSeconds' | 'timezone'>) =>
  s.cron ? `${s.cron} (${s.timezone})` : `every ${s.intervalSeconds} s`;

function writeSchedule(schedule: Schedule): void {
  writeFields([
    ['id', schedule.id],
    ['name', schedule.name],
    ['state', schedule.state],
    ['when', when(schedule)],
    ['task', `${String(schedule.task.type)} ${JSON.stringify(schedule.task.payload)}`],
    ['overlap', schedule.overlap],
    ['catch-up window', `${schedule.catchUpWindowSeconds} s`],
    ['next runs', schedule.nextRuns.join(', ') || '-'],
    [
      'last run',
      schedule.lastRun
        ? `${schedule.lastRun.slot} ${schedule.lastRun.taskId} ${schedule.lastRun.status}`
        : '-',
    ],
    ['fired', schedule.fired],
    ['skipped', `overlap ${schedule.skipped.overlap}, missed ${schedule.skipped.missed}`],
  ]);
}

interface CreateOptions {
  cron?: string;
  every?: number;
  timezone?: string;
  type: string;
  payload?: string;
  overlap?: 'skip' | 'allow';
  catchUp?: number;
  jitter?: number;
  startAt?: string;
  endAt?: string;
}

export function registerScheduleCommands(program: Command): void {
  const schedules = program.command('schedules').description('Recurring schedules');
  schedules
    .command('create')
    .description('Create a schedule: --cron (5 fields, or 6 with seconds) or --every <seconds>')
    .argument('<name>', 'unique per tenant')
    .option('--cron <pattern>', 'cron pattern, read in --timezone')
    .option('--every <seconds>', 'interval in seconds', integer)
    .option('--timezone <zone>', 'IANA time zone (default UTC)')
    .requiredOption('--type <type>', 'task type of each run')
    .option('--payload <json>', 'task payload (JSON)', '{}')
    .option('--overlap <policy>', 'skip (default) or allow')
    .option('--catch-up <seconds>', 'catch-up window after downtime (default 60)', integer)
    .option('--jitter <seconds>', 'random delay of each run', integer)
    .option('--start-at <time>', 'no slot before (ISO 8601)', dateTime)
    .option('--end-at <time>', 'no slot after (ISO 8601)', dateTime)
    .action(async (name: string, o: CreateOptions, command: Command) => {
      if ((o.cron === undefined) === (o.every === undefined))
        usageError(command, 'give exactly one of --cron and --every');
      const cli = cliContext(command, 'apiKey');
      const body = {
        name,
        ...(o.cron !== undefined ? { cron: o.cron } : { intervalSeconds: o.every }),
        ...(o.timezone ? { timezone: o.timezone } : {}),
        task: { type: o.type, payload: parseJson(o.payload ?? '{}', '--payload') },
        ...(o.overlap ? { overlap: o.overlap } : {}),
        ...(o.catchUp !== undefined ? { catchUpWindowSeconds: o.catchUp } : {}),
        ...(o.jitter !== undefined ? { jitterSeconds: o.jitter } : {}),
        ...(o.startAt ? { startAt: o.startAt } : {}),
        ...(o.endAt ? { endAt: o.endAt } : {}),
      } as ScheduleSubmission;
      const schedule = unwrap(await cli.client.POST('/v1/schedules', { body }));
      if (cli.json) writeJson(schedule);
      else writeSchedule(schedule);
    });
  schedules
    .command('list')
    .description('List schedules, newest first')
    .option('--limit <n>', 'page size (1-100)', integer)
    .action(async (options: { limit?: number }, command: Command) => {
      const cli = cliContext(command, 'apiKey');
      const page = unwrap(
        await cli.client.GET('/v1/schedules', {
          params: { query: options.limit ? { limit: options.limit } : {} },
        }),
      );
      if (cli.json) writeJson(page);
      else
        writeTable(
          ['ID', 'NAME', 'STATE', 'WHEN', 'NEXT RUN', 'FIRED', 'SKIPPED'],
          page.items.map((s) => [
            s.id,
            s.name,
            s.state,
            when(s),
            s.nextRunAt,
            s.fired,
            s.skipped.overlap + s.skipped.missed,
          ]),
        );
    });
  schedules
    .command('get')
    .description('Show a schedule, its next 5 runs and its last run')
    .argument('<id>')
    .action(async (id: string, _options: unknown, command: Command) => {
      const cli = cliContext(command, 'apiKey');
      const schedule = unwrap(await cli.client.GET('/v1/schedules/{id}', { params: { path: { id } } }));
      if (cli.json) writeJson(schedule);
      else writeSchedule(schedule);
    });
  for (const action of ['pause', 'resume'] as const)
    schedules
      .command(action)
      .description(
        action === 'pause' ? 'Pause a schedule' : 'Resume a schedule from the first slot after now',
      )
      .argument('<id>')
      .action(async (id: string, _options: unknown, command: Command) => {
        const cli = cliContext(command, 'apiKey');
        const schedule = unwrap(
          await cli.client.POST(`/v1/schedules/{id}/${action}`, { params: { path: { id } } }),
        );
        if (cli.json) writeJson(schedule);
        else writeLine(`${schedule.id}  ${schedule.state}`);
      });
  schedules
    .command('trigger')
    .description('Run a schedule once now')
    .argument('<id>')
    .action(async (id: string, _options: unknown, command: Command) => {
      const cli = cliContext(command, 'apiKey');
      const run = unwrap(await cli.client.POST('/v1/schedules/{id}/trigger', { params: { path: { id } } }));
      if (cli.json) writeJson(run);
      else writeLine(`${run.taskId}  scheduled for ${run.scheduledFor}`);
    });
  schedules
    .command('delete')
    .description('Delete a schedule (the tasks it made stay)')
    .argument('<id>')
    .action(async (id: string, _options: unknown, command: Command) => {
      const cli = cliContext(command, 'apiKey');
      unwrap(await cli.client.DELETE('/v1/schedules/{id}', { params: { path: { id } } }));
      if (cli.json) writeJson({ id, deleted: true });
      else writeLine(`${id}  deleted`);
    });
}
