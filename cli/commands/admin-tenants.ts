/** `admin tenants list|get|create|update|delete`. */
import type { Command } from 'commander';
import { type components, unwrap } from '../../client/index.ts';
import { cliContext } from '../context.ts';
import { writeFields, writeJson, writeLine, writeTable } from '../output.ts';
import { integer, numberOrDefault } from '../parsers.ts';

type Tenant = components['schemas']['Tenant'];

const limitText = (value: number | null) => (value === null ? 'default' : String(value));

function writeTenant(tenant: Tenant): void {
  writeFields([
    ['id', tenant.id],
    ['name', tenant.name],
    ['rate limit/s', limitText(tenant.rateLimitPerSecond)],
    ['burst', limitText(tenant.rateLimitBurst)],
    ['active keys', tenant.activeKeys],
    ['created', tenant.createdAt],
  ]);
}

type LimitOption = number | 'default' | undefined;

/** `--rate`/`--burst` as the body's fields: absent stays absent, `default` is null. */
function limits(options: { rate?: LimitOption; burst?: LimitOption }) {
  const value = (option: number | 'default') => (option === 'default' ? null : option);
  return {
    ...(options.rate !== undefined ? { rateLimitPerSecond: value(options.rate) } : {}),
    ...(options.burst !== undefined ? { rateLimitBurst: value(options.burst) } : {}),
  };
}

export function registerTenantCommands(admin: Command): void {
  const tenants = admin.command('tenants').description('Tenants');
  tenants
    .command('list')
    .description('List tenants, oldest first')
    .option('--limit <n>', 'tenants per page', integer)
    .option('--cursor <cursor>', 'continue after this tenant id (a previous nextCursor)')
    .option('--all', 'follow nextCursor to the end')
    .action(async (options: { limit?: number; cursor?: string; all?: boolean }, command: Command) => {
      const cli = cliContext(command, 'token');
      const all: Tenant[] = [];
      let cursor = options.cursor;
      let nextCursor: string | null;
      do {
        const query = {
          ...(options.limit !== undefined ? { limit: options.limit } : {}),
          ...(cursor ? { cursor } : {}),
        };
        const page = unwrap(await cli.client.GET('/v1/admin/tenants', { params: { query } }));
        all.push(...page.tenants);
        nextCursor = page.nextCursor;
        cursor = nextCursor ?? undefined;
      } while (options.all && nextCursor);
      if (cli.json) {
        writeJson({ tenants: all, nextCursor });
        return;
      }
      writeTable(
        ['ID', 'NAME', 'RATE/S', 'BURST', 'KEYS', 'CREATED'],
        all.map((t) => [
          t.id,
          t.name,
          limitText(t.rateLimitPerSecond),
          limitText(t.rateLimitBurst),
          t.activeKeys,
          t.createdAt,
        ]),
      );
      if (nextCursor) writeLine(`more: --cursor ${nextCursor} (or --all)`);
    });
  tenants
    .command('get')
    .description('Show a tenant')
    .argument('<tenant-id>')
    .action(async (tenantId: string, _options: unknown, command: Command) => {
      const cli = cliContext(command, 'token');
      const tenant = unwrap(
        await cli.client.GET('/v1/admin/tenants/{tenantId}', { params: { path: { tenantId } } }),
      );
      if (cli.json) writeJson(tenant);
      else writeTenant(tenant);
    });
  tenants
    .command('create')
    .description('Create a tenant (then `admin keys create` gives it a key)')
    .argument('<name>', 'its name (1-128 characters)')
    .option(
      '--rate <per-second>',
      'requests per second of its rate-limit buckets (default: the server default)',
      numberOrDefault,
    )
    .option('--burst <n>', 'requests a full bucket holds (default: the server default)', numberOrDefault)
    .action(async (name: string, options: { rate?: LimitOption; burst?: LimitOption }, command: Command) => {
      const cli = cliContext(command, 'token');
      const tenant = unwrap(
        await cli.client.POST('/v1/admin/tenants', { body: { name, ...limits(options) } }),
      );
      if (cli.json) writeJson(tenant);
      else writeTenant(tenant);
    });
  tenants
    .command('update')
    .description('Rename a tenant or change its rate limits ("default" resets a limit)')
    .argument('<tenant-id>')
    .option('--name <name>', 'new name')
    .option('--rate <per-second>', 'requests per second, or "default"', numberOrDefault)
    .option('--burst <n>', 'bucket size, or "default"', numberOrDefault)
    .action(
      async (
        tenantId: string,
        options: { name?: string; rate?: LimitOption; burst?: LimitOption },
        command: Command,
      ) => {
        const cli = cliContext(command, 'token');
        const body = { ...(options.name !== undefined ? { name: options.name } : {}), ...limits(options) };
        const tenant = unwrap(
          await cli.client.PATCH('/v1/admin/tenants/{tenantId}', { params: { path: { tenantId } }, body }),
        );
        if (cli.json) writeJson(tenant);
        else writeTenant(tenant);
      },
    );
  tenants
    .command('delete')
    .summary('Delete a tenant with its keys and tasks')
    .description(
      'Delete a tenant with its keys and tasks (refused while it has unfinished tasks, unless --force)',
    )
    .argument('<tenant-id>')
    .option('--force', 'delete it even with unfinished tasks (deleted with it)')
    .action(async (tenantId: string, options: { force?: boolean }, command: Command) => {
      const cli = cliContext(command, 'token');
      unwrap(
        await cli.client.DELETE('/v1/admin/tenants/{tenantId}', {
          params: { path: { tenantId }, query: options.force ? { force: 'true' } : {} },
        }),
      );
      if (cli.json) writeJson({ id: tenantId, deleted: true });
      else writeLine(`${tenantId}  deleted`);
    });
}
