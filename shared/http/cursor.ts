/**
 * Pagination cursors: the key of the previous page's last item (a task id, an event id), as the
 * OpenAPI document describes them, so a client can validate one and any key is a valid place to
 * resume. The query schemas check the format; `decodeCursor` checks the key once more, so no
 * caller can use a cursor unchecked.
 */
import { ValidationError } from '../errors.ts';

export function encodeCursor(key: string | number): string {
  return String(key);
}

/** The key inside `cursor`, or throws when it is not one this API issued. */
export function decodeCursor(cursor: string, isValidKey: (key: string) => boolean): string {
  if (!isValidKey(cursor)) {
    throw new ValidationError('Invalid request: cursor is not a cursor returned by this API', [
      { field: 'cursor', message: 'not a cursor returned by this API' },
    ]);
  }
  return cursor;
}
