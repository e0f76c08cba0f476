/**
 * The `taskforge` command tree (commander). Global options are read by every command through
 * `context.ts`; each group of commands registers itself from `commands/`.
 */
import { Command, Option } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { registerAdminCommands } from './commands/admin.ts';
import { registerOperationsCommands } from './commands/operations.ts';
import { registerScheduleCommands } from './commands/schedules.ts';
import { registerTaskCommands } from './commands/tasks.ts';
import { DEFAULT_URL } from './context.ts';

/** Every command's full name, arguments and summary (nested ones too), for the root help. */
function commandTree(command: Command, prefix = ''): [string, string][] {
  return command.commands.flatMap((sub): [string, string][] => {
    const name = `${prefix}${sub.name()}`;
    const args = sub.registeredArguments
      .map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`))
      .join(' ');
    const own: [string, string][] =
      sub.commands.length === 0 ? [[`${name} ${args}`.trim(), sub.summary() || sub.description()]] : [];
    return [...own, ...commandTree(sub, `${name} `)];
  });
}

function commandList(program: Command): string {
  const rows = commandTree(program);
  const width = Math.max(...rows.map(([usage]) => usage.length));
  return rows.map(([usage, description]) => `  ${usage.padEnd(width)}  ${description}`).join('\n');
}

export function buildProgram(): Command {
  const program = new Command('taskforge')
    .description('Submit, follow and operate Taskforge tasks from a terminal')
    .version(pkg.version)
    .addOption(new Option('--url <url>', 'API base URL').env('TASKFORGE_URL').default(DEFAULT_URL))
    .addOption(new Option('--api-key <key>', "the tenant's API key (X-API-Key)").env('TASKFORGE_API_KEY'))
    .addOption(
      new Option('--token <token>', 'operator token (admin commands, whole-queue redrive)').env(
        'TASKFORGE_ADMIN_TOKEN',
      ),
    )
    .option('--json', 'print JSON (for scripts) instead of tables')
    .option('--no-retry', 'do not retry on 429/503 and connection errors')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });

  registerTaskCommands(program);
  registerOperationsCommands(program);
  registerScheduleCommands(program);
  registerAdminCommands(program);

  // The root help lists every command, nested ones included, instead of only the top level.
  program.configureHelp({ visibleCommands: () => [] });
  program.addHelpText(
    'after',
    () =>
      `\nCommands (taskforge <command> --help for its options):\n${commandList(program)}\n\n` +
      'Exit codes: 0 ok, 1 task FAILED or CANCELLED (--wait, watch), 2 usage, 3 HTTP or client error.',
  );
  return program;
}
