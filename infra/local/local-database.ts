/**
 * Which PostgreSQL the local runtime uses, and making sure its database is there. In order:
 * DATABASE_URL when set (exactly that database: a missing one is an error unless
 * LOCAL_CREATE_DATABASE=true); else this checkout's own database on the server at
 * 127.0.0.1:5432 when one answers there; else the same database on an embedded PostgreSQL
 * started for this process (`embedded-postgres.ts`), which keeps its data in the checkout.
 */
import { Socket } from 'node:net';
import { relative } from 'node:path';
import pg from 'pg';
import { coerceError } from '../../shared/errors.ts';
import type { AppLogger } from '../../shared/observability.ts';
import { CHECKOUT_ROOT } from './checkout.ts';
import { type EmbeddedPostgres, EmbeddedPostgresError, startEmbeddedPostgres } from './embedded-postgres.ts';
import type { LocalConfig } from './local-config.ts';

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

/** The database a URL names. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET']);

function errorCode(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  // AggregateError (IPv4 and IPv6 both refused) carries the codes on its members.
  if (err instanceof AggregateError) return errorCode(err.errors[0]);
  return undefined;
}

/** Whether anything accepts a TCP connection on `host:port` within `timeoutMs`. */
export async function answersOn(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

/**
 * Connects to `url`; when the server has no database of that name, creates it if `create`, else
 * throws a LocalRuntimeError naming it. A server that cannot be reached becomes a
 * LocalRuntimeError that says what to do.
 */
export async function ensureDatabase(
  url: string,
  logger: AppLogger,
  options: { create: boolean },
): Promise<void> {
  const connect = async (connectionString: string) => {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
    await client.connect();
    return client;
  };
  const name = databaseName(url);
  const server = new URL(url).host;
  try {
    const client = await connect(url);
    await client.end();
    return;
  } catch (err) {
    const code = errorCode(err);
    if (code === undefined || UNREACHABLE_CODES.has(code) || code === 'ECONNABORTED') {
      throw new LocalRuntimeError(
        `PostgreSQL is not reachable at ${redactUrl(url)} (${coerceError(err).message || code}). ` +
          'Start that server, or unset DATABASE_URL to use the embedded PostgreSQL.',
        { cause: err },
      );
    }
    // 28P01 invalid_password, 28000 invalid_authorization_specification.
    if (code === '28P01' || code === '28000') {
      throw new LocalRuntimeError(
        `PostgreSQL at ${server} refused ${redactUrl(url)}: ${coerceError(err).message}. ` +
          'Set DATABASE_URL with credentials it accepts, or LOCAL_EMBEDDED_POSTGRES=true to use an embedded PostgreSQL instead.',
        { cause: err },
      );
    }
    // 3D000 invalid_catalog_name: the server is up but the database does not exist yet.
    if (code !== '3D000') throw err;
  }
  if (!options.create) {
    throw new LocalRuntimeError(
      `database "${name}" does not exist on ${server} (DATABASE_URL): create it (createdb ${name}), ` +
        'or set LOCAL_CREATE_DATABASE=true to have it created.',
    );
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = await connect(admin.toString());
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    logger.info('created database', { database: name, server });
  } catch (err) {
    // 42P04 duplicate_database: another process created it first.
    if (errorCode(err) !== '42P04') throw err;
  } finally {
    await client.end();
  }
}

export interface LocalDatabase {
  /** The database to use (created and reachable once `ensureDatabase` has run). */
  url: string;
  source: 'DATABASE_URL' | 'server' | 'embedded';
  /** The embedded server, when this process started one: stop it after the runtime. */
  embedded?: EmbeddedPostgres;
  /** One sentence for the user: which database, and how to use another. */
  description: string;
}

type DatabaseChoice = Pick<
  LocalConfig,
  'databaseUrl' | 'databaseUrlSet' | 'embeddedPostgres' | 'postgresDir'
>;

/**
 * Picks the database (see the module comment), starting the embedded PostgreSQL when it is the
 * one. Real servers come first: the embedded one only starts when DATABASE_URL is unset and
 * nothing answers on 127.0.0.1:5432 (or LOCAL_EMBEDDED_POSTGRES=true).
 */
export async function chooseLocalDatabase(config: DatabaseChoice, logger: AppLogger): Promise<LocalDatabase> {
  const name = databaseName(config.databaseUrl);
  if (config.databaseUrlSet) {
    return {
      url: config.databaseUrl,
      source: 'DATABASE_URL',
      description: `database ${redactUrl(config.databaseUrl)} (DATABASE_URL)`,
    };
  }
  const server = new URL(config.databaseUrl);
  if (!config.embeddedPostgres && (await answersOn(server.hostname, Number(server.port || 5432)))) {
    return {
      url: config.databaseUrl,
      source: 'server',
      description:
        `database ${name}, this checkout's own, on the PostgreSQL server at ${server.host}; ` +
        'set DATABASE_URL=postgres://user@host:port/database to use another',
    };
  }
  let embedded: EmbeddedPostgres;
  try {
    embedded = await startEmbeddedPostgres({
      dir: config.postgresDir,
      log: (message) => logger.info(message, { component: 'embedded-postgres' }),
    });
  } catch (err) {
    if (err instanceof EmbeddedPostgresError) {
      throw new LocalRuntimeError(`the embedded PostgreSQL did not start: ${err.message}`, { cause: err });
    }
    throw err;
  }
  const shown = relative(CHECKOUT_ROOT, embedded.dir);
  const where = shown && !shown.startsWith('..') ? shown : embedded.dir;
  const why = config.embeddedPostgres ? 'LOCAL_EMBEDDED_POSTGRES=true' : `nothing answers on ${server.host}`;
  return {
    url: embedded.url(name),
    source: 'embedded',
    embedded,
    description:
      `database ${name} on an embedded PostgreSQL ${embedded.version} (${why}; data in ${where}, port ${embedded.port}); ` +
      'set DATABASE_URL=postgres://user@host:port/database to use your own server',
  };
}
