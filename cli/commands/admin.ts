/**
 * Operator commands (`--token` / TASKFORGE_ADMIN_TOKEN, scope admin): admin tenants, admin keys,
 * admin tokens. A new key or token is printed once, as the API shows it once.
 */
import { type Command, Option } from 'commander';
import { type components, unwrap } from '../../client/index.ts';
import { cliContext } from '../context.ts';
import { writeFields, writeJson, writeLine, writeTable } from '../output.ts';
import { dateTime, integer, numberOrDefault } from '../parsers.ts';

type Tenant = components['schemas']['Tenant'];
type ApiKey = components['schemas']['ApiKey'];
type OperatorToken = components['schemas']['OperatorToken'];

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

const keyRow = (key: ApiKey) => [
  key.id,
  key.name || '-',
  key.prefix,
  key.status,
  key.createdAt,
  key.expiresAt,
];
const tokenRow = (token: OperatorToken) => [
  token.id,
  token.name,
  token.scope,
  token.prefix,
  token.status,
  token.createdAt,
  token.expiresAt,
];

type LimitOption = number | 'default' | undefined;

/** `--rate`/`--burst` as the body's fields: absent stays absent, `default` is null. */
function limits(options: { rate?: LimitOption; burst?: LimitOption }) {
  const value = (option: number | 'default') => (option === 'default' ? null : option);
  return {
    ...(options.rate !== undefined ? { rateLimitPerSecond: value(options.rate) } : {}),
    ...(options.burst !== undefined ? { rateLimitBurst: value(options.burst) } : {}),
  };
}

function registerTenants(admin: Command): void {
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

function writeNewSecret(kind: 'key' | 'token', secret: string, fields: [string, string | null][]): void {
  writeLine(`${kind} (shown once, keep it now): ${secret}`);
  writeFields(fields);
}

function registerKeys(admin: Command): void {
  const keys = admin.command('keys').description("A tenant's API keys");
  keys
    .command('list')
    .description("List a tenant's API keys (never the keys themselves), newest first")
    .argument('<tenant-id>')
    .action(async (tenantId: string, _options: unknown, command: Command) => {
      const cli = cliContext(command, 'token');
      const list = unwrap(
        await cli.client.GET('/v1/admin/tenants/{tenantId}/keys', { params: { path: { tenantId } } }),
      );
      if (cli.json) writeJson(list);
      else writeTable(['ID', 'NAME', 'PREFIX', 'STATUS', 'CREATED', 'EXPIRES'], list.keys.map(keyRow));
    });
  keys
    .command('create')
    .description('Issue an API key for a tenant (printed once)')
    .argument('<tenant-id>')
    .option('--name <name>', 'a label for it')
    .option('--expires-at <time>', 'when it stops working (ISO 8601)', dateTime)
    .action(async (tenantId: string, options: { name?: string; expiresAt?: string }, command: Command) => {
      const cli = cliContext(command, 'token');
      const key = unwrap(
        await cli.client.POST('/v1/admin/tenants/{tenantId}/keys', {
          params: { path: { tenantId } },
          body: {
            ...(options.name !== undefined ? { name: options.name } : {}),
            ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
          },
        }),
      );
      if (cli.json) writeJson(key);
      else
        writeNewSecret('key', key.key, [
          ['id', key.id],
          ['tenant', key.tenantId],
          ['name', key.name || null],
          ['expires', key.expiresAt],
        ]);
    });
  keys
    .command('revoke')
    .description('Revoke an API key (refused within a second everywhere)')
    .argument('<tenant-id>')
    .argument('<key-id>')
    .action(async (tenantId: string, keyId: string, _options: unknown, command: Command) => {
      const cli = cliContext(command, 'token');
      unwrap(
        await cli.client.DELETE('/v1/admin/tenants/{tenantId}/keys/{keyId}', {
          params: { path: { tenantId, keyId } },
        }),
      );
      if (cli.json) writeJson({ id: keyId, revoked: true });
      else writeLine(`${keyId}  revoked`);
    });
  keys
    .command('rotate')
    .description('Issue a new key in place of one; the old one keeps working for --grace seconds')
    .argument('<tenant-id>')
    .argument('<key-id>')
    .option(
      '--grace <seconds>',
      'how long the old key keeps working (default 3600; 0: it stops now)',
      integer,
    )
    .option('--name <name>', "the new key's name (default: the old one's)")
    .action(
      async (
        tenantId: string,
        keyId: string,
        options: { grace?: number; name?: string },
        command: Command,
      ) => {
        const cli = cliContext(command, 'token');
        const key = unwrap(
          await cli.client.POST('/v1/admin/tenants/{tenantId}/keys/{keyId}/rotate', {
            params: { path: { tenantId, keyId } },
            body: {
              ...(options.grace !== undefined ? { graceSeconds: options.grace } : {}),
              ...(options.name !== undefined ? { name: options.name } : {}),
            },
          }),
        );
        if (cli.json) writeJson(key);
        else
          writeNewSecret('key', key.key, [
            ['id', key.id],
            ['replaces', keyId],
            ['name', key.name || null],
          ]);
      },
    );
}

function registerTokens(admin: Command): void {
  const tokens = admin.command('tokens').description('Operator tokens');
  tokens
    .command('list')
    .description('List operator tokens (never the tokens themselves), newest first')
    .action(async (_options: unknown, command: Command) => {
      const cli = cliContext(command, 'token');
      const list = unwrap(await cli.client.GET('/v1/admin/tokens'));
      if (cli.json) writeJson(list);
      else
        writeTable(
          ['ID', 'NAME', 'SCOPE', 'PREFIX', 'STATUS', 'CREATED', 'EXPIRES'],
          list.tokens.map(tokenRow),
        );
    });
  tokens
    .command('create')
    .description('Issue an operator token (printed once)')
    .argument('<name>', 'its name (1-128 characters)')
    .addOption(
      new Option('--scope <scope>', 'admin: the admin API and more; metrics: GET /metrics only')
        .choices(['admin', 'metrics'])
        .makeOptionMandatory(),
    )
    .option('--expires-at <time>', 'when it stops working (ISO 8601)', dateTime)
    .action(
      async (name: string, options: { scope: 'admin' | 'metrics'; expiresAt?: string }, command: Command) => {
        const cli = cliContext(command, 'token');
        const token = unwrap(
          await cli.client.POST('/v1/admin/tokens', {
            body: {
              name,
              scope: options.scope,
              ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
            },
          }),
        );
        if (cli.json) writeJson(token);
        else
          writeNewSecret('token', token.token, [
            ['id', token.id],
            ['scope', token.scope],
            ['expires', token.expiresAt],
          ]);
      },
    );
  tokens
    .command('revoke')
    .description('Revoke an operator token (refused from the next request on)')
    .argument('<token-id>')
    .action(async (tokenId: string, _options: unknown, command: Command) => {
      const cli = cliContext(command, 'token');
      unwrap(await cli.client.DELETE('/v1/admin/tokens/{tokenId}', { params: { path: { tokenId } } }));
      if (cli.json) writeJson({ id: tokenId, revoked: true });
      else writeLine(`${tokenId}  revoked`);
    });
}

export function registerAdminCommands(program: Command): void {
  const admin = program
    .command('admin')
    .description('Operator commands: tenants, API keys, operator tokens (--token)');
  registerTenants(admin);
  registerKeys(admin);
  registerTokens(admin);
}
