/**
 * Request validation with zod, reported as `FieldError`s whose `field` is a dotted JSON path
 * (`payload.text`, `tasks[3].type`). Every request input goes through `parseInput` before any
 * write, so invalid input never reaches the database.
 *
 * Before any schema runs, `inspectJson` walks the input once, without recursion, for what no
 * field schema may let through: text PostgreSQL cannot store (NUL, which neither `text` nor
 * `jsonb` can hold, and unpaired UTF-16 surrogates, which have no UTF-8 form) and nesting deeper
 * than the recursive code behind the schemas can safely follow.
 */
import type * as z from 'zod';
import { type FieldError, PayloadTooLargeError, ValidationError } from '../errors.ts';

/** How deeply a payload (and any other JSON value of a request) may nest: `[[1]]` is 2 levels. */
export const MAX_JSON_DEPTH = 64;
/**
 * How deeply a whole request body may nest: a payload's own limit plus the batch envelope around
 * it (`{"tasks": [{"payload": ...}]}` puts a payload 3 levels down).
 */
export const MAX_BODY_DEPTH = MAX_JSON_DEPTH + 3;

/**
 * Every string a request may carry, as a JSON Schema pattern (ECMA-262 with the `u` flag, as JSON
 * Schema specifies): no NUL and no unpaired surrogate; pairs (characters outside the BMP) are fine.
 */
export const SAFE_TEXT_PATTERN = '^[^\\u0000\\uD800-\\uDFFF]*$';
export const SAFE_TEXT_RULE = 'must not contain NUL (U+0000) or unpaired UTF-16 surrogates';

/** Why `text` cannot be stored, or undefined when it can. */
export function unsafeTextReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains NUL (U+0000), which cannot be stored';
  if (!text.isWellFormed()) return 'contains an unpaired UTF-16 surrogate, which has no UTF-8 form';
  return undefined;
}

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

export interface JsonProblem {
  /** Path of the offending value, from the inspected value. */
  path: PropertyKey[];
  message: string;
  kind: 'text' | 'depth';
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  key: PropertyKey | undefined;
}

function pathOf(frame: Frame): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) path.push(f.key);
  return path.reverse();
}

/**
 * The first value in `value` that cannot be stored (a string or property name with NUL or an
 * unpaired surrogate) or that nests deeper than `maxDepth` (a container counts one level, so a
 * scalar is depth 0), or undefined. Iterative: a body nested 100,000 levels deep costs a loop,
 * not the stack.
 */
export function inspectJson(value: unknown, maxDepth: number): JsonProblem | undefined {
  const stack: Frame[] = [{ value, depth: 0, parent: undefined, key: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const current = frame.value;
    if (typeof current === 'string') {
      const reason = unsafeTextReason(current);
      if (reason) return { path: pathOf(frame), message: reason, kind: 'text' };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const depth = frame.depth + 1;
    if (depth > maxDepth)
      return { path: pathOf(frame), message: `nests deeper than ${maxDepth} levels`, kind: 'depth' };
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--)
        stack.push({ value: current[i], depth, parent: frame, key: i });
      continue;
    }
    const keys = Object.keys(current);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const reason = unsafeTextReason(key);
      if (reason) return { path: pathOf(frame), message: `has a property name that ${reason}`, kind: 'text' };
      stack.push({ value: (current as Record<string, unknown>)[key], depth, parent: frame, key });
    }
  }
  return undefined;
}

/**
 * The field a depth problem is reported on: the member of the body (or of an item of a top-level
 * list) that holds the too-deep value, e.g. `payload` or `tasks[3].payload`, rather than the
 * 60-segment path to where the limit was crossed.
 */
function depthField(path: readonly PropertyKey[]): PropertyKey[] {
  if (typeof path[0] === 'string' && typeof path[1] === 'number' && typeof path[2] === 'string')
    return path.slice(0, 3);
  return path.slice(0, 1);
}

/**
 * Throws a ValidationError (400) for the first unstorable text or too-deep value in `value`,
 * naming its field under `root` (`body`, `query`, `header:X-Client-Id`, ...).
 */
export function assertStorableJson(value: unknown, root: string, maxDepth: number): void {
  const problem = inspectJson(value, maxDepth);
  if (!problem) return;
  const path = problem.kind === 'depth' ? depthField(problem.path) : problem.path;
  const field = formatFieldPath(path, root);
  // The reported field sits at most 3 levels below the limit's origin, so it does nest too deep.
  const message = problem.kind === 'depth' ? `nests deeper than ${MAX_JSON_DEPTH} levels` : problem.message;
  throw new ValidationError(`Invalid request: ${field}: ${message}`, [{ field, message }]);
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
