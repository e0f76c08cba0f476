/** Option and argument parsers: a value the CLI cannot read is a usage error (exit 2), before any request. */
import { InvalidArgumentError } from 'commander';

export function integer(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError('must be an integer.');
  return Number(value);
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('must be a number above 0.');
  return n;
}

/**
 * A number, or `default` (the server's default). Kept as the word: commander turns a parser's
 * null into an empty string.
 */
export function numberOrDefault(value: string): number | 'default' {
  if (value === 'default') return value;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new InvalidArgumentError('must be a number or "default".');
  return n;
}

/** An ISO 8601 date-time, sent as given (the server checks its range). */
export function dateTime(value: string): string {
  if (Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('must be an ISO 8601 date-time.');
  return value;
}

/** JSON text: the value, or a usage error naming what is wrong. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidArgumentError(`${what} is not valid JSON (${(err as Error).message}).`);
  }
}
