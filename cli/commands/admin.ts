/** Operator commands (`--token` / TASKFORGE_ADMIN_TOKEN, scope admin): admin tenants, keys, tokens. */
import type { Command } from 'commander';
import { registerKeyCommands } from './admin-keys.ts';
import { registerTenantCommands } from './admin-tenants.ts';
import { registerTokenCommands } from './admin-tokens.ts';

export function registerAdminCommands(program: Command): void {
  const admin = program
    .command('admin')
    .description('Operator commands: tenants, API keys, operator tokens (--token)');
  registerTenantCommands(admin);
  registerKeyCommands(admin);
  registerTokenCommands(admin);
}
