import { describe, expect, it } from 'vitest';
import { bindStatement } from '../../../../infra/local/data-api/bind.ts';
import { scanSql } from '../../../../infra/local/data-api/sql-scanner.ts';

describe('scanSql', () => {
  it('counts statements, ignoring ; in literals, identifiers, dollar quotes and comments', () => {
    expect(scanSql('SELECT 1').statementCount).toBe(1);
    expect(scanSql('SELECT 1;').statementCount).toBe(1);
    expect(scanSql('SELECT 1; -- trailing comment\n').statementCount).toBe(1);
    expect(scanSql('SELECT 1; /* a; b */ ').statementCount).toBe(1);
    expect(scanSql("SELECT 'a;b', 'it''s;', \"x;y\"").statementCount).toBe(1);
    expect(scanSql("SELECT E'\\';' AS s").statementCount).toBe(1);
    expect(scanSql('SELECT $$;$$, $tag$ ; $$ ; $tag$').statementCount).toBe(1);
    expect(scanSql('SELECT /* nested /* ; */ ; */ 1').statementCount).toBe(1);
    expect(scanSql('SELECT 1; SELECT 2').statementCount).toBe(2);
    expect(scanSql("SELECT 'x'; DROP TABLE t").statementCount).toBe(2);
    expect(scanSql(';;SELECT 1;;').statementCount).toBe(1);
    expect(scanSql('  -- only a comment\n').empty).toBe(true);
  });

  it('finds :name placeholders but not casts, literals, comments or positional $n', () => {
    const scanned = scanSql(
      "SELECT :a::uuid, ':b', \"c:d\", $$:e$$, now()::text -- :f\n /* :g */, :h_1, $1, E'\\':i', :a",
    );
    expect(scanned.placeholders.map((p) => p.name)).toEqual(['a', 'h_1', 'a']);
  });
});

describe('bindStatement', () => {
  it('binds each name to one typed positional parameter, as the service types them', () => {
    const bound = bindStatement('SELECT :s, :l, :d, :b, :n, :u::uuid, :j::jsonb, :t::timestamptz, :s', [
      { name: 's', value: { stringValue: 'x' } },
      { name: 'l', value: { longValue: 5 } },
      { name: 'd', value: { doubleValue: 1.5 } },
      { name: 'b', value: { booleanValue: true } },
      { name: 'n', value: { isNull: true } },
      { name: 'u', value: { stringValue: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' }, typeHint: 'UUID' },
      { name: 'j', value: { stringValue: '{"a":1}' }, typeHint: 'JSON' },
      { name: 't', value: { stringValue: '2026-01-02 03:04:05.678' }, typeHint: 'TIMESTAMP' },
    ]);
    expect(bound.text).toBe(
      'SELECT $1::varchar, $2::int8, $3::float8, $4::bool, $5, $6::uuid::uuid, $7::json::jsonb, $8::timestamp::timestamptz, $1::varchar',
    );
    expect(bound.values).toEqual([
      'x',
      '5',
      '1.5',
      'true',
      null,
      '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      '{"a":1}',
      '2026-01-02 03:04:05.678',
    ]);
  });

  it('refuses what the service refuses', () => {
    expect(() => bindStatement('SELECT 1; SELECT 2')).toThrow(/Multistatements aren't supported/);
    expect(() => bindStatement('SELECT :x')).toThrow(/No value specified for parameter: x/);
    expect(() => bindStatement('  ')).toThrow(/empty/);
    expect(() => bindStatement(`SELECT '${'x'.repeat(70_000)}'`)).toThrow(/longer than 65536/);
    expect(() =>
      bindStatement('SELECT :t', [
        { name: 't', value: { stringValue: '2026-01-02T03:04:05Z' }, typeHint: 'TIMESTAMP' },
      ]),
    ).toThrow(/Parse Error for TimeStamp/);
    expect(() =>
      bindStatement('SELECT :a', [{ name: 'a', value: { arrayValue: { longValues: [1] } } }]),
    ).toThrow(/Array parameters are not supported/);
    expect(() => bindStatement('SELECT :a', [{ name: 'a', value: {} }])).toThrow(/exactly one value/);
  });
});
