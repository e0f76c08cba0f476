import { describe, expect, it } from 'vitest';
import {
  decodeField,
  decodeRecords,
  encodeParameters,
  encodeValue,
  toDataApiTimestamp,
} from '../../../shared/db/data-api-codec.ts';

describe('encodeValue', () => {
  it('maps each JS type to its Field member and type hint', () => {
    expect(encodeValue('text')).toEqual({ value: { stringValue: 'text' } });
    expect(encodeValue(42)).toEqual({ value: { longValue: 42 } });
    expect(encodeValue(-0.25)).toEqual({ value: { doubleValue: -0.25 } });
    expect(encodeValue(true)).toEqual({ value: { booleanValue: true } });
    expect(encodeValue(null)).toEqual({ value: { isNull: true } });
    expect(encodeValue(new Date('2026-01-02T03:04:05.678Z'))).toEqual({
      value: { stringValue: '2026-01-02 03:04:05.678' },
      typeHint: 'TIMESTAMP',
    });
    expect(encodeValue({ a: [1, 'é'] })).toEqual({
      value: { stringValue: '{"a":[1,"é"]}' },
      typeHint: 'JSON',
    });
    expect(encodeValue(['x', null])).toEqual({ value: { stringValue: '["x",null]' }, typeHint: 'JSON' });
  });

  it('sends large integers as longs and integral-looking doubles as longs', () => {
    expect(encodeValue(2 ** 53 - 1)).toEqual({ value: { longValue: 2 ** 53 - 1 } });
    expect(encodeValue(3.0)).toEqual({ value: { longValue: 3 } });
  });

  it('never puts a type hint on a plain string, whatever it looks like', () => {
    // The SQL casts (:id::uuid, :payload::jsonb); a hint guessed from the content could conflict.
    expect(encodeValue('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).toEqual({
      value: { stringValue: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' },
    });
    expect(encodeValue('{"a":1}')).toEqual({ value: { stringValue: '{"a":1}' } });
    expect(encodeValue('2026-01-02T03:04:05Z')).toEqual({ value: { stringValue: '2026-01-02T03:04:05Z' } });
  });
});

describe('toDataApiTimestamp', () => {
  it('formats UTC as YYYY-MM-DD HH:MM:SS.fff, the TIMESTAMP hint format', () => {
    expect(toDataApiTimestamp(new Date('1999-12-31T23:59:59.999Z'))).toBe('1999-12-31 23:59:59.999');
    expect(toDataApiTimestamp(new Date(0))).toBe('1970-01-01 00:00:00.000');
    expect(toDataApiTimestamp(new Date('2026-06-01T00:00:00+02:00'))).toBe('2026-05-31 22:00:00.000');
  });

  it('refuses an invalid Date', () => {
    expect(() => toDataApiTimestamp(new Date('nope'))).toThrow(/invalid Date/);
  });
});

describe('encodeParameters', () => {
  it('sends only the names the SQL uses, once each, with :: casts left alone', () => {
    const params = encodeParameters('SELECT :id::uuid, :n, :id::text -- :ignored\n', {
      id: 'u',
      n: 1,
      unused: 'x',
      ignored: 'y',
    });
    expect(params).toEqual([
      { name: 'id', value: { stringValue: 'u' } },
      { name: 'n', value: { longValue: 1 } },
    ]);
  });

  it('refuses a parameter with no value instead of binding NULL', () => {
    expect(() => encodeParameters('SELECT :missing', {})).toThrow(/:missing/);
    expect(() => encodeParameters('SELECT :u', { u: undefined })).toThrow(/:u/);
  });
});

describe('decodeRecords', () => {
  it('keys rows by label, maps every Field member, and keeps the last of repeated labels', () => {
    const rows = decodeRecords(
      [
        [
          { stringValue: 'a' },
          { longValue: 7 },
          { doubleValue: 1.5 },
          { booleanValue: false },
          { isNull: true },
          { blobValue: new Uint8Array([1, 2]) },
          { arrayValue: { longValues: [1, 2] } },
          { stringValue: 'second' },
        ],
      ],
      [
        { name: 'id', label: 's' },
        { name: 'l' },
        { label: 'd' },
        { label: 'b' },
        { label: 'n' },
        { label: 'blob' },
        { label: 'arr' },
        { label: 's' },
      ],
    );
    expect(rows).toEqual([
      { s: 'second', l: 7, d: 1.5, b: false, n: null, blob: Buffer.from([1, 2]), arr: [1, 2] },
    ]);
  });

  it('returns no rows for a statement without records', () => {
    expect(decodeRecords(undefined, undefined)).toEqual([]);
  });

  it('decodes nested arrays', () => {
    expect(
      decodeField({ arrayValue: { arrayValues: [{ stringValues: ['a'] }, { booleanValues: [true] }] } }),
    ).toEqual([['a'], [true]]);
  });
});
