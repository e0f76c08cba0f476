/**
 * What a node-postgres failure says about the statement, which decides whether the pg adapter
 * may retry it (the Data API adapter's equivalent is data-api-errors.ts):
 * - `not-sent`: no connection could be made (refused, DNS, timeout, "the database system is
 *   starting up / shutting down", too many connections) or the client was already dead, so the
 *   statement never left this process: always safe to retry.
 * - `broken`: the connection broke while the statement ran (the server was stopped or restarted,
 *   the backend was terminated, the socket reset): it may have run, even committed.
 * - `sql`: the server answered with the statement's own error (constraint, syntax, ...).
 */
import { DatabaseError, isConnectionSqlState, sqlStateToCode } from './database.ts';

export type PgFailure = 'not-sent' | 'broken' | 'sql';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // A Unix socket path that does not exist: the server is not running.
  'ENOENT',
]);

// node-postgres and pg-pool raise these as plain Errors, without a code.
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|timeout expired|connection timeout/i;
const NOT_QUERYABLE = /is not queryable/i;

function codeOf(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  // Node's connect tries IPv4 and IPv6 and reports both refusals as one AggregateError.
  if (err instanceof AggregateError) return codeOf(err.errors[0]);
  return undefined;
}

function isSqlState(code: string | undefined): code is string {
  return code !== undefined && /^[0-9A-Z]{5}$/.test(code);
}

/** The failure is about the connection, not about the statement. */
export function isConnectionFailure(err: unknown): boolean {
  const code = codeOf(err);
  if (isConnectionSqlState(code) || (code !== undefined && NETWORK_CODES.has(code))) return true;
  if (isSqlState(code)) return false;
  const message = err instanceof Error ? err.message : '';
  return CONNECTION_MESSAGES.test(message) || NOT_QUERYABLE.test(message);
}

/** Classifies a failure of `client.query` (the connection was checked out and looked usable). */
export function statementFailure(err: unknown): PgFailure {
  if (err instanceof Error && NOT_QUERYABLE.test(err.message)) return 'not-sent';
  if (isConnectionFailure(err)) return 'broken';
  return 'sql';
}

/** A server error into DatabaseError (other values are returned as they are). */
export function translatePgError(err: unknown): unknown {
  const code = codeOf(err);
  if (isSqlState(code)) {
    const pgErr = err as { message?: string; constraint?: string };
    return new DatabaseError(pgErr.message ?? 'database error', sqlStateToCode(code), {
      cause: err,
      constraint: pgErr.constraint,
    });
  }
  return err;
}

/** `connect ECONNREFUSED 127.0.0.1:5432`, `57P03 the database system is starting up`, ... */
export function describePgFailure(err: unknown): string {
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}
