import type { SqlParam, SqlParams } from './database.ts';

export interface PositionalQuery {
  text: string;
  values: unknown[];
  /** Parameter names in positional order ($1 is names[0]). */
  names: string[];
}

/**
 * Rewrites `:name` placeholders to `$1..$n` for node-postgres. Skips `::casts`, string literals,
 * quoted identifiers and comments. Every name used must be present in `params` (undefined is an
 * error, null is SQL NULL), so a typo fails loudly instead of binding NULL.
 */
export function toPositional(sql: string, params: SqlParams = {}): PositionalQuery {
  const names: string[] = [];
  const indexByName = new Map<string, number>();
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === ':' && next === ':') {
      out += '::';
      i += 2;
    } else if (ch === ':' && next !== undefined && /[A-Za-z_]/.test(next)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_]/.test(sql[j]!)) j++;
      const name = sql.slice(i + 1, j);
      let index = indexByName.get(name);
      if (index === undefined) {
        if (!(name in params) || params[name] === undefined)
          throw new Error(`SQL parameter :${name} has no value`);
        names.push(name);
        index = names.length;
        indexByName.set(name, index);
      }
      out += `$${index}`;
      i = j;
    } else {
      out += ch;
      i += 1;
    }
  }
  return { text: out, values: names.map((name) => encodeParam(params[name] as SqlParam)), names };
}

/** Objects and arrays travel as JSON text; dates as ISO-8601; scalars unchanged. */
export function encodeParam(value: SqlParam): string | number | boolean | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}
