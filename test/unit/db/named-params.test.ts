import { describe, expect, it } from 'vitest';
import { toPositional } from '../../../shared/db/named-params.ts';

describe('toPositional', () => {
  it('numbers each distinct name once, in order of first use', () => {
    const q = toPositional('SELECT :a, :b, :a', { a: 1, b: 'x' });
    expect(q.text).toBe('SELECT $1, $2, $1');
    expect(q.values).toEqual([1, 'x']);
  });

  it('leaves casts, string literals, quoted identifiers and comments alone', () => {
    const q = toPositional(`SELECT :id::uuid, ':not', "a:b", now()::text -- :nope\n, :n`, { id: 'u', n: 2 });
    expect(q.text).toBe(`SELECT $1::uuid, ':not', "a:b", now()::text -- :nope\n, $2`);
    expect(q.names).toEqual(['id', 'n']);
  });

  it('sends objects and arrays as JSON text and dates as ISO-8601', () => {
    const when = new Date('2026-01-02T03:04:05.678Z');
    const q = toPositional('SELECT :o, :a, :d, :z', { o: { k: [1] }, a: ['x'], d: when, z: null });
    expect(q.values).toEqual(['{"k":[1]}', '["x"]', '2026-01-02T03:04:05.678Z', null]);
  });

  it('refuses a parameter with no value instead of binding NULL', () => {
    expect(() => toPositional('SELECT :missing', {})).toThrow(/:missing/);
    expect(() => toPositional('SELECT :u', { u: undefined })).toThrow(/:u/);
  });
});
