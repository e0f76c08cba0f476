/**
 * A small PostgreSQL lexer, just enough to do what the RDS Data API does with a statement before
 * it reaches the database: find the `:name` placeholders and tell one statement from several.
 * It understands everything that may legally contain a `:` or a `;` without meaning one:
 * '...' (with '' escapes), E'...' (with backslash escapes), "quoted identifiers", $tag$ dollar
 * quotes $tag$, -- line comments, nested /* block comments *\/ and `::` casts.
 */

export interface Placeholder {
  name: string;
  /** Offset of the `:` in the SQL text. */
  start: number;
  /** Offset just past the name. */
  end: number;
}

export interface ScannedSql {
  placeholders: Placeholder[];
  /** Number of statements: text other than whitespace or comments after a top-level `;` starts another. */
  statementCount: number;
  /** True when the SQL has nothing but whitespace and comments. */
  empty: boolean;
}

const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

/** Skips a quoted section starting at `i` (on the opening quote); returns the offset past its end. */
function skipQuoted(sql: string, i: number, quote: string, backslashEscapes: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    const ch = sql[j];
    if (backslashEscapes && ch === '\\') {
      j += 2;
    } else if (ch === quote) {
      if (sql[j + 1] === quote) j += 2;
      else return j + 1;
    } else {
      j += 1;
    }
  }
  return sql.length;
}

function skipBlockComment(sql: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql[j] === '/' && sql[j + 1] === '*') {
      depth += 1;
      j += 2;
    } else if (sql[j] === '*' && sql[j + 1] === '/') {
      depth -= 1;
      j += 2;
      if (depth === 0) return j;
    } else {
      j += 1;
    }
  }
  return sql.length;
}

/** `$tag$` or `$$` at `i`: returns the tag, or null when `$` starts something else (e.g. `$1`). */
function dollarTag(sql: string, i: number): string | null {
  const match = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 64));
  return match ? match[0] : null;
}

export function scanSql(sql: string): ScannedSql {
  const placeholders: Placeholder[] = [];
  let statementCount = 0;
  let inStatement = false;
  let i = 0;
  const startToken = () => {
    if (!inStatement) {
      inStatement = true;
      statementCount += 1;
    }
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (ch === '/' && next === '*') {
      i = skipBlockComment(sql, i);
    } else if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === ';') {
      inStatement = false;
      i += 1;
    } else {
      startToken();
      if (ch === "'") {
        const escaped = i > 0 && /[eE]/.test(sql[i - 1]!) && !IDENT_PART.test(sql[i - 2] ?? ' ');
        i = skipQuoted(sql, i, "'", escaped);
      } else if (ch === '"') {
        i = skipQuoted(sql, i, '"', false);
      } else if (ch === '$') {
        const tag = IDENT_PART.test(sql[i - 1] ?? ' ') ? null : dollarTag(sql, i);
        if (tag) {
          const end = sql.indexOf(tag, i + tag.length);
          i = end === -1 ? sql.length : end + tag.length;
        } else {
          i += 1;
        }
      } else if (ch === ':' && next === ':') {
        i += 2;
      } else if (ch === ':' && next !== undefined && /[A-Za-z_]/.test(next)) {
        let j = i + 1;
        while (j < sql.length && /[A-Za-z0-9_]/.test(sql[j]!)) j += 1;
        placeholders.push({ name: sql.slice(i + 1, j), start: i, end: j });
        i = j;
      } else if (IDENT_PART.test(ch)) {
        // A whole word at once, so `E'..'` and `$tag$` checks see where words end.
        let j = i + 1;
        while (j < sql.length && IDENT_PART.test(sql[j]!)) j += 1;
        i = j;
      } else {
        i += 1;
      }
    }
  }
  return { placeholders, statementCount, empty: statementCount === 0 };
}
