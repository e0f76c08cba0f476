/**
 * Request validation with zod, reported as `FieldError`s whose `field` is a dotted JSON path
 * (`payload.text`, `tasks[3].type`). Every request input goes through `parseInput` before any
 * write, so invalid input never reaches the database.
 */
import type { z } from 'zod';
import { type FieldError, PayloadTooLargeError, ValidationError } from '../errors.ts';

/**
 * A zod issue that should become a 413 rather than a 400: a schema adds it with
 * `ctx.addIssue({ code: 'custom', path, message, params: tooLargeParams(limit, actual) })`.
 */
export function tooLargeParams(limitBytes: number, actualBytes: number): Record<string, unknown> {
  return { problem: 'payload-too-large', limitBytes, actualBytes };
}

/** `['tasks', 3, 'type']` -> `tasks[3].type`; an empty path is `root`. */
export function formatFieldPath(path: readonly PropertyKey[], root = 'body'): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? root : out;
}

/** One FieldError per issue; an unknown-keys issue yields one per key, named by the key. */
export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[], root = 'body'): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: formatFieldPath([...issue.path, key], root),
        message: 'unknown field',
      }));
    }
    return [{ field: formatFieldPath(issue.path, root), message: issue.message }];
  });
}

/** Parses `input`, or throws a ValidationError (400) or PayloadTooLargeError (413). */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: { root?: string; what?: string } = {},
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const root = options.root ?? 'body';
  const issues = parsed.error.issues;
  const tooLarge = issues.find((i) => i.code === 'custom' && i.params?.problem === 'payload-too-large');
  if (tooLarge && tooLarge.code === 'custom') {
    const { limitBytes, actualBytes } = tooLarge.params as { limitBytes: number; actualBytes: number };
    throw new PayloadTooLargeError(formatFieldPath(tooLarge.path, root), limitBytes, actualBytes);
  }
  const errors = zodIssuesToFieldErrors(issues, root);
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  throw new ValidationError(
    `${options.what ?? 'Invalid request'}: ${first.field}: ${first.message}${more}`,
    errors,
  );
}
