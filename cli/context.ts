/**
 * What every command needs: the settings (`--url/--api-key/--token` or `TASKFORGE_URL`,
 * `TASKFORGE_API_KEY`, `TASKFORGE_ADMIN_TOKEN`), the output mode and a client built on them.
 */
import type { Command } from 'commander';
import { createClient, type TaskforgeClient } from '../client/index.ts';
import { EXIT } from './exit-codes.ts';

export const DEFAULT_URL = 'http://127.0.0.1:3000';

export interface GlobalOptions {
  url: string;
  apiKey?: string;
  token?: string;
  json?: boolean;
  retry: boolean;
}

export interface Cli {
  client: TaskforgeClient;
  url: string;
  json: boolean;
}

/** What a command cannot do without (the client sends whichever of the two it has). */
export type Credentials = 'apiKey' | 'token';

/** Stops the command with a usage error (exit 2, with the command's usage). */
export function usageError(command: Command, message: string): never {
  command.error(`error: ${message}`, { exitCode: EXIT.usage, code: 'taskforge.usage' });
}

export function cliContext(command: Command, needs: Credentials): Cli {
  const options = command.optsWithGlobals<GlobalOptions>();
  if (needs === 'apiKey' && !options.apiKey) {
    usageError(command, 'this command needs an API key: pass --api-key or set TASKFORGE_API_KEY');
  }
  if (needs === 'token' && !options.token) {
    usageError(command, 'this command needs an operator token: pass --token or set TASKFORGE_ADMIN_TOKEN');
  }
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    usageError(command, `--url must be an http(s) URL, got "${options.url}"`);
  }
  const client = createClient({
    baseUrl: url.href,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.token ? { adminToken: options.token } : {}),
    retry: options.retry ? {} : false,
  });
  return { client, url: url.href.replace(/\/+$/, ''), json: options.json === true };
}
