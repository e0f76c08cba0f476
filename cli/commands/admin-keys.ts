/** `admin keys list|create|revoke|rotate`: a tenant's API keys. */
import type { Command } from 'commander';
import { type components, unwrap } from '../../client/index.ts';
import { cliContext } from '../context.ts';
import { writeJson, writeLine, writeTable } from '../output.ts';
import { dateTime, integer } from '../parsers.ts';
import { writeNewSecret } from './admin-secrets.ts';

type ApiKey = components['schemas']['ApiKey'];

const keyRow = (key: ApiKey) => [
  key.id,
  key.name || '-',
  key.prefix,
  key.status,
  key.createdAt,
  key.expiresAt,
];
export function registerKeyCommands(admin: Command): void {
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
