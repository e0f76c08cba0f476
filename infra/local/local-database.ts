/**
 * The local runtime's PostgreSQL database: created when the server has none of that name, with
 * a message that says how to start a server when none answers.
 */
import pg from 'pg';
import { coerceError } from '../../shared/errors.ts';
import type { AppLogger } from '../../shared/observability.ts';

/** A dependency of the local runtime is missing; the message says how to provide it. */
export class LocalRuntimeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalRuntimeError';
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET']);

function errorCode(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  // AggregateError (IPv4 and IPv6 both refused) carries the codes on its members.
  if (err instanceof AggregateError) return errorCode(err.errors[0]);
  return undefined;
}

/**
 * Connects to `url`, creating its database when the server has none of that name. A server that
 * cannot be reached becomes a LocalRuntimeError that says how to start one.
 */
export async function ensureDatabase(url: string, logger: AppLogger): Promise<void> {
  const connect = async (connectionString: string) => {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
    await client.connect();
    return client;
  };
  try {
    const client = await connect(url);
    await client.end();
    return;
  } catch (err) {
    const code = errorCode(err);
    if (code === undefined || UNREACHABLE_CODES.has(code) || code === 'ECONNABORTED') {
      throw new LocalRuntimeError(
        `PostgreSQL is not reachable at ${redactUrl(url)} (${coerceError(err).message || code}). ` +
          'Start it with `pg_ctlcluster <version> main start` (Debian/Ubuntu) or ' +
          '`docker compose -f docker-compose.localstack.yml up -d postgres`, or point DATABASE_URL at a running server.',
        { cause: err },
      );
    }
    // 3D000 invalid_catalog_name: the server is up but the database does not exist yet.
    if (code !== '3D000') throw err;
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = await connect(admin.toString());
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    logger.info('created database', { database: name });
  } catch (err) {
    // 42P04 duplicate_database: another process created it first.
    if (errorCode(err) !== '42P04') throw err;
  } finally {
    await client.end();
  }
}
