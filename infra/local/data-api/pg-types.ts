/**
 * How the emulator turns PostgreSQL result columns into RDS Data API values: the `Field` union
 * member each type travels in, the JDBC type code and type name reported in `columnMetadata`
 * (the real service sits on a JDBC driver, so these follow pgjdbc), and the JSON-mode value.
 */
import pg from 'pg';

/** Which `Field` member carries a value of the type. */
export type FieldKind = 'boolean' | 'long' | 'double' | 'string' | 'blob' | 'array';

export interface PgTypeInfo {
  typeName: string;
  /** java.sql.Types code. */
  jdbcType: number;
  kind: FieldKind;
  /** Element type OID, for arrays. */
  elementOid?: number;
  precision: number;
  scale: number;
  isSigned: boolean;
  isCaseSensitive: boolean;
}

const JDBC = {
  BIT: -7,
  BIGINT: -5,
  BINARY: -2,
  CHAR: 1,
  NUMERIC: 2,
  INTEGER: 4,
  SMALLINT: 5,
  REAL: 7,
  DOUBLE: 8,
  VARCHAR: 12,
  DATE: 91,
  TIME: 92,
  TIMESTAMP: 93,
  OTHER: 1111,
  ARRAY: 2003,
} as const;

const MAX = 2_147_483_647;

function info(
  typeName: string,
  jdbcType: number,
  kind: FieldKind,
  precision: number,
  extra: Partial<PgTypeInfo> = {},
): PgTypeInfo {
  const numeric = kind === 'long' || kind === 'double' || typeName === 'numeric';
  return {
    typeName,
    jdbcType,
    kind,
    precision,
    scale: 0,
    isSigned: numeric,
    isCaseSensitive: kind === 'string' && !numeric,
    ...extra,
  };
}

const KNOWN: Record<number, PgTypeInfo> = {
  16: info('bool', JDBC.BIT, 'boolean', 1),
  17: info('bytea', JDBC.BINARY, 'blob', MAX),
  18: info('char', JDBC.CHAR, 'string', 1),
  19: info('name', JDBC.VARCHAR, 'string', 63),
  20: info('int8', JDBC.BIGINT, 'long', 19),
  21: info('int2', JDBC.SMALLINT, 'long', 5),
  23: info('int4', JDBC.INTEGER, 'long', 10),
  25: info('text', JDBC.VARCHAR, 'string', MAX),
  26: info('oid', JDBC.BIGINT, 'long', 10),
  114: info('json', JDBC.OTHER, 'string', MAX),
  700: info('float4', JDBC.REAL, 'double', 8, { scale: 8 }),
  701: info('float8', JDBC.DOUBLE, 'double', 17, { scale: 17 }),
  1042: info('bpchar', JDBC.CHAR, 'string', MAX),
  1043: info('varchar', JDBC.VARCHAR, 'string', MAX),
  1082: info('date', JDBC.DATE, 'string', 13),
  1083: info('time', JDBC.TIME, 'string', 15),
  1114: info('timestamp', JDBC.TIMESTAMP, 'string', 29),
  1184: info('timestamptz', JDBC.TIMESTAMP, 'string', 35),
  1186: info('interval', JDBC.OTHER, 'string', 49),
  1266: info('timetz', JDBC.TIME, 'string', 21),
  1700: info('numeric', JDBC.NUMERIC, 'string', 0),
  2950: info('uuid', JDBC.OTHER, 'string', MAX),
  3802: info('jsonb', JDBC.OTHER, 'string', MAX),
};

const ARRAYS: Record<number, number> = {
  1000: 16,
  1001: 17,
  1005: 21,
  1007: 23,
  1009: 25,
  1014: 1042,
  1015: 1043,
  1016: 20,
  1021: 700,
  1022: 701,
  1115: 1114,
  1182: 1082,
  1185: 1184,
  1231: 1700,
  199: 114,
  2951: 2950,
  3807: 3802,
};

/** Type info for an OID, or undefined when the emulator must look it up in pg_type. */
export function knownType(oid: number): PgTypeInfo | undefined {
  const known = KNOWN[oid];
  if (known) return known;
  const element = ARRAYS[oid];
  if (element !== undefined) {
    return info(`_${KNOWN[element]!.typeName}`, JDBC.ARRAY, 'array', MAX, { elementOid: element });
  }
  return undefined;
}

/** Type info for a type found in pg_type (enums, domains, extension types): sent as text. */
export function catalogType(typeName: string, category: string, elementOid: number): PgTypeInfo {
  if (category === 'A' && elementOid !== 0) {
    return info(typeName, JDBC.ARRAY, 'array', MAX, { elementOid });
  }
  return info(typeName, JDBC.OTHER, 'string', MAX);
}

/** A cell the emulator could not represent: the real service answers UnsupportedResultException. */
export class UnsupportedValueError extends Error {}

/** One result cell, as the Data API's `Field` union (JSON wire form: blobs are base64). */
export type WireField =
  | { isNull: true }
  | { booleanValue: boolean }
  | { longValue: number }
  | { doubleValue: number | string }
  | { stringValue: string }
  | { blobValue: string }
  | { arrayValue: WireArray };

export type WireArray =
  | { booleanValues: boolean[] }
  | { longValues: number[] }
  | { doubleValues: (number | string)[] }
  | { stringValues: string[] }
  | { arrayValues: WireArray[] };

/** Non-finite doubles travel as strings in the AWS JSON protocol. */
function wireDouble(text: string): number | string {
  const value = Number(text);
  if (Number.isFinite(value)) return value;
  if (/^-inf/i.test(text)) return '-Infinity';
  if (/^inf/i.test(text)) return 'Infinity';
  return 'NaN';
}

/** PostgreSQL prints timestamptz with its zone; the session is UTC and the Data API drops the "+00". */
function wireString(typeName: string, text: string): string {
  if (typeName === 'timestamptz') return text.replace(/\+00$/, '');
  return text;
}

function byteaToBase64(text: string): string {
  if (text.startsWith('\\x')) return Buffer.from(text.slice(2), 'hex').toString('base64');
  throw new UnsupportedValueError('bytea in escape format is not supported');
}

// node-postgres array parsers, keyed by the kind of element they produce.
// (array OIDs are missing from pg-types' TypeId enum, hence the widened signature).
const getParser = pg.types.getTypeParser as (oid: number) => (text: string) => unknown[];
const parseTextArray = getParser(1009);
const parseBoolArray = getParser(1000);

function arrayElements(text: string, elementKind: FieldKind): unknown[] {
  const parsed = elementKind === 'boolean' ? parseBoolArray(text) : parseTextArray(text);
  if (parsed.some((item) => Array.isArray(item))) {
    throw new UnsupportedValueError('The result contains a multidimensional array');
  }
  return parsed;
}

function wireArray(text: string, element: PgTypeInfo): WireArray {
  const items = arrayElements(text, element.kind);
  if (items.some((item) => item === null)) {
    // The Data API's typed arrays have no null element; it refuses such results.
    throw new UnsupportedValueError('The result contains an array with a NULL element');
  }
  switch (element.kind) {
    case 'boolean':
      return { booleanValues: items as boolean[] };
    case 'long':
      return { longValues: items.map((item) => Number(item)) };
    case 'double':
      return { doubleValues: items.map((item) => wireDouble(String(item))) };
    case 'string':
      return { stringValues: items.map((item) => wireString(element.typeName, String(item))) };
    default:
      throw new UnsupportedValueError(`The result contains an array of ${element.typeName}`);
  }
}

/** Converts one cell (PostgreSQL text format, or null) to a Field. */
export function toWireField(
  text: string | null,
  type: PgTypeInfo,
  elementType: PgTypeInfo | undefined,
): WireField {
  if (text === null) return { isNull: true };
  switch (type.kind) {
    case 'boolean':
      return { booleanValue: text === 't' };
    case 'long':
      return { longValue: Number(text) };
    case 'double':
      return { doubleValue: wireDouble(text) };
    case 'blob':
      return { blobValue: byteaToBase64(text) };
    case 'array':
      if (!elementType) throw new UnsupportedValueError(`unknown array element type of ${type.typeName}`);
      return { arrayValue: wireArray(text, elementType) };
    default:
      return { stringValue: wireString(type.typeName, text) };
  }
}

export interface JsonFormatOptions {
  /** `resultSetOptions.longReturnType`: LONG (default) or STRING. */
  longAsString: boolean;
  /** `resultSetOptions.decimalReturnType`: STRING (default) or DOUBLE_OR_LONG. */
  decimalAsNumber: boolean;
}

/** The value of a cell in `formattedRecords` (formatRecordsAs: JSON). */
export function toJsonValue(field: WireField, type: PgTypeInfo, options: JsonFormatOptions): unknown {
  if ('isNull' in field) return null;
  if ('booleanValue' in field) return field.booleanValue;
  if ('longValue' in field) return options.longAsString ? String(field.longValue) : field.longValue;
  if ('doubleValue' in field) return field.doubleValue;
  if ('blobValue' in field) return field.blobValue;
  if ('arrayValue' in field) return jsonArray(field.arrayValue);
  if (type.typeName === 'numeric' && options.decimalAsNumber) return Number(field.stringValue);
  return field.stringValue;
}

function jsonArray(array: WireArray): unknown[] {
  if ('arrayValues' in array) return array.arrayValues.map(jsonArray);
  if ('booleanValues' in array) return array.booleanValues;
  if ('longValues' in array) return array.longValues;
  if ('doubleValues' in array) return array.doubleValues;
  return array.stringValues;
}
