/**
 * Values in and out of the RDS Data API: statement parameters as `SqlParameter`s, and result
 * records (`Field` unions plus `columnMetadata`) as the plain rows the stores read, the same
 * shapes node-postgres gives: numbers for integer and float columns, booleans, strings for
 * text, uuid and numeric, and timestamps as the strings `rows.ts` `toDate` parses.
 */
import type { ColumnMetadata, Field, SqlParameter } from '@aws-sdk/client-rds-data';
import type { SqlParam, SqlParams } from './database.ts';
import { toPositional } from './named-params.ts';

/**
 * A Date as the Data API's TIMESTAMP type hint wants it: `YYYY-MM-DD HH:MM:SS.fff`, UTC, no zone
 * (the service refuses ISO-8601's `T` and `Z`). The value reaches PostgreSQL as `timestamp`
 * without time zone, so `:x::timestamptz` reads it in the session's time zone: UTC, Aurora's
 * default, which the cluster must keep.
 */
export function toDataApiTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('SQL parameter is an invalid Date');
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** One parameter value as a `SqlParameter` (without its name). */
export function encodeValue(value: SqlParam): Omit<SqlParameter, 'name'> {
  if (value === null) return { value: { isNull: true } };
  if (typeof value === 'string') return { value: { stringValue: value } };
  if (typeof value === 'boolean') return { value: { booleanValue: value } };
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { value: { longValue: value } } : { value: { doubleValue: value } };
  }
  if (value instanceof Date)
    return { value: { stringValue: toDataApiTimestamp(value) }, typeHint: 'TIMESTAMP' };
  return { value: { stringValue: JSON.stringify(value) }, typeHint: 'JSON' };
}

/**
 * The parameters a statement uses, in the Data API's shape. Only names that occur in the SQL are
 * sent, and a name with no value (undefined) throws, as with the pg adapter.
 */
export function encodeParameters(sql: string, params: SqlParams = {}): SqlParameter[] {
  const { names } = toPositional(sql, params);
  return names.map((name) => ({ name, ...encodeValue(params[name] as SqlParam) }));
}

function decodeArray(array: NonNullable<Field['arrayValue']>): unknown[] {
  if (array.arrayValues) return array.arrayValues.map((item) => (item ? decodeArray(item) : null));
  return array.booleanValues ?? array.longValues ?? array.doubleValues ?? array.stringValues ?? [];
}

/** One cell. Unknown union members (a newer service) come back as null rather than crashing. */
export function decodeField(field: Field): unknown {
  if (field.isNull) return null;
  if (field.stringValue !== undefined) return field.stringValue;
  if (field.longValue !== undefined) return field.longValue;
  if (field.doubleValue !== undefined) return field.doubleValue;
  if (field.booleanValue !== undefined) return field.booleanValue;
  if (field.blobValue !== undefined) return Buffer.from(field.blobValue);
  if (field.arrayValue !== undefined) return decodeArray(field.arrayValue);
  return null;
}

/** Records to rows keyed by column label; a repeated label keeps the last column, as pg does. */
export function decodeRecords(
  records: Field[][] | undefined,
  columns: ColumnMetadata[] | undefined,
): Record<string, unknown>[] {
  if (!records || records.length === 0) return [];
  const names = (columns ?? []).map((column, i) => column.label || column.name || `?column?${i}`);
  return records.map((record) => {
    const row: Record<string, unknown> = {};
    record.forEach((field, i) => {
      row[names[i] ?? `?column?${i}`] = decodeField(field);
    });
    return row;
  });
}
