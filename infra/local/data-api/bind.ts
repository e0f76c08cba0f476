/**
 * Binds Data API named parameters the way the real service does: each `:name` becomes a typed
 * positional parameter. The type comes from the `Field` member and the type hint, not from the
 * SQL, so a string without a hint reaches PostgreSQL as `varchar` (hence the explicit `::uuid`,
 * `::jsonb` and `::timestamptz` casts in our SQL), a long as `int8`, a double as `float8`, and a
 * NULL untyped. This is what makes SQL that relies on pg's untyped text parameters fail here
 * the same way it fails in AWS.
 */
import { scanSql } from './sql-scanner.ts';
import { DataApiException, type TypeHint, type WireParameter } from './wire.ts';

export const MAX_SQL_LENGTH = 65_536;

export interface BoundStatement {
  text: string;
  values: (string | Buffer | null)[];
}

const HINT_TYPES: Record<TypeHint, string> = {
  DATE: 'date',
  DECIMAL: 'numeric',
  JSON: 'json',
  TIME: 'time',
  TIMESTAMP: 'timestamp',
  UUID: 'uuid',
};

// The formats the service documents for hinted strings; anything else it refuses before running.
const HINT_FORMATS: Partial<Record<TypeHint, { pattern: RegExp; label: string }>> = {
  TIMESTAMP: {
    pattern: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,9})?$/,
    label: 'TimeStamp (YYYY-MM-DD HH:MM:SS[.FFF])',
  },
  DATE: { pattern: /^\d{4}-\d{2}-\d{2}$/, label: 'Date (YYYY-MM-DD)' },
  TIME: { pattern: /^\d{2}:\d{2}:\d{2}(\.\d{1,9})?$/, label: 'Time (HH:MM:SS[.FFF])' },
  UUID: {
    pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    label: 'UUID',
  },
};

interface TypedValue {
  value: string | Buffer | null;
  /** The SQL type the placeholder is cast to; null leaves it untyped (NULL). */
  type: string | null;
}

function typedValue(parameter: WireParameter): TypedValue {
  const name = parameter.name ?? '';
  const field = parameter.value ?? {};
  const members = Object.keys(field).filter((key) => field[key as keyof typeof field] !== undefined);
  if (members.length !== 1) {
    throw new DataApiException('BadRequestException', `Parameter ${name} must have exactly one value`);
  }
  if (field.isNull === true) return { value: null, type: null };
  if (typeof field.booleanValue === 'boolean') return { value: String(field.booleanValue), type: 'bool' };
  if (typeof field.longValue === 'number') {
    if (!Number.isInteger(field.longValue)) {
      throw new DataApiException('BadRequestException', `Parameter ${name}: longValue must be an integer`);
    }
    return { value: String(field.longValue), type: 'int8' };
  }
  if (field.doubleValue !== undefined) return { value: String(field.doubleValue), type: 'float8' };
  if (typeof field.blobValue === 'string')
    return { value: Buffer.from(field.blobValue, 'base64'), type: 'bytea' };
  if (field.arrayValue !== undefined) {
    throw new DataApiException('BadRequestException', 'Array parameters are not supported.');
  }
  if (typeof field.stringValue === 'string') {
    const hint = parameter.typeHint;
    if (hint === undefined) return { value: field.stringValue, type: 'varchar' };
    const type = HINT_TYPES[hint];
    if (!type) throw new DataApiException('BadRequestException', `Unknown typeHint ${String(hint)}`);
    const format = HINT_FORMATS[hint];
    if (format && !format.pattern.test(field.stringValue)) {
      throw new DataApiException(
        'BadRequestException',
        `Parse Error for ${format.label} in parameter ${name}: input contains invalid characters`,
      );
    }
    return { value: field.stringValue, type };
  }
  throw new DataApiException('BadRequestException', `Parameter ${name} has an unsupported value`);
}

/** Checks the statement (one, not empty, not too long) and rewrites its `:name` placeholders. */
export function bindStatement(sql: string | undefined, parameters: WireParameter[] = []): BoundStatement {
  if (typeof sql !== 'string') throw new DataApiException('BadRequestException', 'sql is required');
  if (sql.length > MAX_SQL_LENGTH) {
    throw new DataApiException(
      'BadRequestException',
      `Number of characters in SQLStatement is longer than ${MAX_SQL_LENGTH}`,
    );
  }
  const scanned = scanSql(sql);
  if (scanned.empty) throw new DataApiException('BadRequestException', 'SQL statement is empty');
  if (scanned.statementCount > 1) {
    throw new DataApiException('BadRequestException', "Multistatements aren't supported.");
  }
  const byName = new Map<string, WireParameter>();
  for (const parameter of parameters) {
    if (!parameter.name) throw new DataApiException('BadRequestException', 'Parameter name is required');
    byName.set(parameter.name, parameter);
  }
  const indexByName = new Map<string, number>();
  const typed: TypedValue[] = [];
  let text = '';
  let last = 0;
  for (const placeholder of scanned.placeholders) {
    let index = indexByName.get(placeholder.name);
    if (index === undefined) {
      const parameter = byName.get(placeholder.name);
      if (!parameter) {
        throw new DataApiException(
          'BadRequestException',
          `No value specified for parameter: ${placeholder.name}`,
        );
      }
      typed.push(typedValue(parameter));
      index = typed.length;
      indexByName.set(placeholder.name, index);
    }
    const type = typed[index - 1]!.type;
    text += `${sql.slice(last, placeholder.start)}$${index}${type ? `::${type}` : ''}`;
    last = placeholder.end;
  }
  text += sql.slice(last);
  return { text, values: typed.map((t) => t.value) };
}
