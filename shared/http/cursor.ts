/**
 * Opaque pagination cursors: base64url of the last item's key. Clients pass them back verbatim;
 * anything that does not decode to a valid key is a 400 on `cursor`.
 */
import { ValidationError } from '../errors.ts';

export function encodeCursor(key: string | number): string {
  return Buffer.from(String(key), 'utf8').toString('base64url');
}

/** The key inside `cursor`, or throws when it is not one this API issued. */
export function decodeCursor(cursor: string, isValidKey: (key: string) => boolean): string {
  const key = /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!isValidKey(key)) {
    throw new ValidationError('Invalid request: cursor is not a cursor returned by this API', [
      { field: 'cursor', message: 'not a cursor returned by this API' },
    ]);
  }
  return key;
}
