/** PostgreSQL and connection errors as the service reports them: an exception carrying the SQLSTATE. */
import type pg from 'pg';
import { isConnectionFailure } from '../../../shared/db/pg-errors.ts';
import { DataApiException, type ExceptionName } from './wire.ts';

export function sqlError(err: unknown, type: ExceptionName): DataApiException {
  const e = err as pg.DatabaseError;
  if (e && typeof e.code === 'string' && e.code.length === 5 && typeof e.message === 'string') {
    let message = `ERROR: ${e.message}`;
    if (e.detail) message += `\n  Detail: ${e.detail}`;
    if (e.hint) message += `\n  Hint: ${e.hint}`;
    if (e.where) message += `\n  Where: ${e.where}`;
    if (e.position) message += `\n  Position: ${e.position}`;
    message += `; SQLState: ${e.code}`;
    if (e.code === '3D000') return new DataApiException('DatabaseNotFoundException', message);
    return new DataApiException(type, message);
  }
  if (err instanceof DataApiException) return err;
  const text = err instanceof Error ? err.message : String(err);
  // The connection to PostgreSQL broke under the statement: reported the way a JDBC driver
  // reports an I/O error (SQLState 08006), so the statement's outcome stays "unknown".
  if (isConnectionFailure(err)) {
    return new DataApiException(
      type,
      `ERROR: An I/O error occurred while sending to the backend: ${text}; SQLState: 08006`,
    );
  }
  return new DataApiException('InternalServerErrorException', `Internal error: ${text}`);
}
