/** `admin tokens list|create|revoke`: operator tokens. */
import { type Command, Option } from 'commander';
import { type components, unwrap } from '../../client/index.ts';
import { cliContext } from '../context.ts';
import { writeJson, writeLine, writeTable } from '../output.ts';
import { dateTime } from '../parsers.ts';
import { writeNewSecret } from './admin-secrets.ts';

type OperatorToken = components['schemas']['OperatorToken'];

const tokenRow = (token: OperatorToken) => [
  token.id,
  token.name,
  token.scope,
  token.prefix,
  token.status,
  token.createdAt,
  token.expiresAt,
];

export function registerTokenCommands(admin: Command): void {
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
