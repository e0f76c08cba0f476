import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { taskDefaults } from '../../../shared/config/tasks.ts';
import { PayloadTooLargeError, ValidationError } from '../../../shared/errors.ts';
import {
  assertStorableJson,
  formatFieldPath,
  inspectJson,
  MAX_BODY_DEPTH,
  parseInput,
  SAFE_TEXT_PATTERN,
  tooLargeParams,
  unsafeTextReason,
  zodIssuesToFieldErrors,
} from '../../../shared/http/validation.ts';
import { submitBatchSchema, submitTaskSchema } from '../../../shared/tasks/submit-schemas.ts';

function issuesOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues;
}

function fieldsOf(err: unknown): string[] {
  if (!(err instanceof ValidationError)) throw err;
  return (err.errors ?? []).map((e) => e.field);
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('formatFieldPath', () => {
  it.each([
    [['payload', 'text'], 'payload.text'],
    [['tasks', 3, 'type'], 'tasks[3].type'],
    [['tasks', 0, 'payload', 'items', 2], 'tasks[0].payload.items[2]'],
    [[0], '[0]'],
    [[], 'body'],
  ])('%j -> %s', (path, expected) => {
    expect(formatFieldPath(path)).toBe(expected);
  });

  it('names an empty path after the given root', () => {
    expect(formatFieldPath([], 'header:Idempotency-Key')).toBe('header:Idempotency-Key');
  });
});

describe('zodIssuesToFieldErrors', () => {
  it('reports nested and array paths with their messages', () => {
    const schema = z.object({ tasks: z.array(z.object({ type: z.string(), n: z.number().min(1) })) });

    const errors = zodIssuesToFieldErrors(
      issuesOf(schema, {
        tasks: [
          { type: 'a', n: 1 },
          { type: 2, n: 0 },
        ],
      }),
    );

    expect(errors.map((e) => e.field)).toEqual(['tasks[1].type', 'tasks[1].n']);
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it('reports each unknown key as its own field', () => {
    const schema = z.strictObject({ a: z.number(), inner: z.strictObject({ b: z.number() }) });

    const errors = zodIssuesToFieldErrors(issuesOf(schema, { a: 1, x: 1, y: 2, inner: { b: 1, c: 3 } }));

    expect([...errors].sort((p, q) => p.field.localeCompare(q.field))).toEqual([
      { field: 'inner.c', message: 'unknown field' },
      { field: 'x', message: 'unknown field' },
      { field: 'y', message: 'unknown field' },
    ]);
  });

  it('names a root-level issue after the root', () => {
    expect(zodIssuesToFieldErrors(issuesOf(z.object({}), 'text'))[0]?.field).toBe('body');
    expect(zodIssuesToFieldErrors(issuesOf(z.object({}), 'text'), 'query')[0]?.field).toBe('query');
  });
});

describe('parseInput', () => {
  it('returns the parsed value', () => {
    expect(parseInput(z.object({ n: z.coerce.number() }), { n: '3' })).toEqual({ n: 3 });
  });

  it('throws a ValidationError naming the first field and counting the rest', () => {
    const err = thrown(() =>
      parseInput(z.object({ a: z.string(), b: z.string() }), {}, { what: 'Invalid task' }),
    );

    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).field).toBe('a');
    expect((err as ValidationError).message).toMatch(/^Invalid task: a: .+ \(and 1 more\)$/);
  });

  it('turns a too-large issue into a 413 on its field', () => {
    const schema = z.object({ payload: z.unknown() }).superRefine((_, ctx) => {
      ctx.addIssue({ code: 'custom', path: ['payload'], message: 'too big', params: tooLargeParams(10, 11) });
    });

    const err = thrown(() => parseInput(schema, { payload: 1 }));

    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect((err as PayloadTooLargeError).field).toBe('payload');
    expect((err as PayloadTooLargeError).status).toBe(413);
  });
});

describe('submitTaskSchema', () => {
  const defaults = taskDefaults({});
  const schema = submitTaskSchema(defaults);

  it('applies defaults', () => {
    expect(parseInput(schema, { type: 'echo', payload: 1 })).toMatchObject({
      priority: 'medium',
      maxAttempts: defaults.maxAttempts,
      timeoutSeconds: defaults.timeoutSeconds,
    });
  });

  it('reports payload errors under payload.<path>', () => {
    expect(fieldsOf(thrown(() => parseInput(schema, { type: 'reverse', payload: {} })))).toEqual([
      'payload.text',
    ]);
    expect(
      fieldsOf(thrown(() => parseInput(schema, { type: 'sleep', payload: { seconds: -1, x: 1 } }))),
    ).toEqual(expect.arrayContaining(['payload.x']));
  });

  it('lists the known types for an unknown one', () => {
    const err = thrown(() => parseInput(schema, { type: 'nope', payload: {} })) as ValidationError;

    expect(err.field).toBe('type');
    expect(err.errors?.[0]?.message).toMatch(
      /unknown task type "nope"; known types: echo, reverse, sleep, fail, webhook/,
    );
  });

  it('accepts runAt within the clock-skew tolerance and rejects older', () => {
    const now = Date.now();
    expect(
      parseInput(schema, { type: 'echo', payload: 1, runAt: new Date(now - 30_000).toISOString() }),
    ).toBeTruthy();
    expect(
      fieldsOf(
        thrown(() =>
          parseInput(schema, { type: 'echo', payload: 1, runAt: new Date(now - 120_000).toISOString() }),
        ),
      ),
    ).toEqual(['runAt']);
  });

  it('prefixes batch errors with the task index', () => {
    const batch = submitBatchSchema(defaults);

    const err = thrown(() =>
      parseInput(batch, {
        tasks: [
          { type: 'echo', payload: 1 },
          { type: 'echo', payload: 1, priority: 'x' },
        ],
      }),
    );

    expect(fieldsOf(err)).toEqual(['tasks[1].priority']);
  });

  it('answers 413 for a payload over maxPayloadBytes, before validating it', () => {
    const err = thrown(() =>
      parseInput(schema, { type: 'reverse', payload: { text: 'x'.repeat(300_000), extra: 1 } }),
    );

    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect((err as PayloadTooLargeError).field).toBe('payload');
  });
});

describe('storable text', () => {
  it('refuses NUL and unpaired surrogates, and keeps surrogate pairs and other controls', () => {
    expect(unsafeTextReason('a\u0000b')).toMatch(/NUL/);
    expect(unsafeTextReason('\ud800')).toMatch(/surrogate/);
    expect(unsafeTextReason('x\udfff')).toMatch(/surrogate/);
    expect(unsafeTextReason('😀 \t \u0007 \u007f \uffff')).toBeUndefined();
  });

  it('is what the documented pattern says, read as JSON Schema does (with the u flag)', () => {
    const pattern = new RegExp(SAFE_TEXT_PATTERN, 'u');
    for (const text of ['', 'plain', '😀', '\u0007', 'a\u0000', '\ud800', 'a\udc00b'])
      expect(pattern.test(text), JSON.stringify(text)).toBe(unsafeTextReason(text) === undefined);
  });
});

describe('inspectJson', () => {
  it('finds unstorable strings and property names, with their paths', () => {
    expect(inspectJson({ a: [1, { b: 'x\u0000' }] }, 10)).toMatchObject({
      path: ['a', 1, 'b'],
      kind: 'text',
    });
    expect(inspectJson({ a: { 'k\ud800': 1 } }, 10)).toMatchObject({ path: ['a'], kind: 'text' });
    expect(inspectJson({ a: [1, 'ok', { b: null }] }, 10)).toBeUndefined();
  });

  it('counts a container as one level and a scalar as none', () => {
    expect(inspectJson([[1]], 2)).toBeUndefined();
    expect(inspectJson([[[1]]], 2)).toMatchObject({ path: [0, 0], kind: 'depth' });
    expect(inspectJson('text', 0)).toBeUndefined();
  });

  it('walks a million levels without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) deep = [deep];

    expect(inspectJson(deep, MAX_BODY_DEPTH)?.kind).toBe('depth');
  });

  it('names the member of the body (or of a list item) that holds a too-deep value', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = { a: deep };
    const fieldOf = (body: unknown) => {
      const err = thrown(() => assertStorableJson(body, 'body', MAX_BODY_DEPTH));
      return fieldsOf(err);
    };

    expect(fieldOf({ payload: deep })).toEqual(['payload']);
    expect(fieldOf({ tasks: [{ type: 'echo', payload: 1 }, { payload: [deep] }] })).toEqual([
      'tasks[1].payload',
    ]);
  });
});
