/**
 * One statement on one connection, answered as the service answers it: `records` as `Field`
 * unions with `columnMetadata` (JDBC type codes), or `formattedRecords` (a JSON string), within
 * the statement wait and the per-row limit.
 */
import type pg from 'pg';
import { bindStatement } from './bind.ts';
import type { Catalogs } from './catalog.ts';
import { backendPid } from './connections.ts';
import type { DataApiLimits } from './limits.ts';
import { toJsonValue, toWireField, UnsupportedValueError, type WireField } from './pg-types.ts';
import { sqlError } from './sql-error.ts';
import { DataApiException, type ExceptionName, type ExecuteRequest } from './wire.ts';

export interface StatementContext {
  limits: DataApiLimits;
  sqlErrorType: ExceptionName;
  catalogs: Catalogs;
}

// Every column comes back as PostgreSQL's text (or null): the emulator types it from the OID.
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

const ROW_COMMANDS_WITH_COUNT = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY']);

export async function runStatement(
  context: StatementContext,
  client: pg.PoolClient,
  request: ExecuteRequest,
  /** Called with the still-running query when the wait runs out, before the exception is returned. */
  onTimeout: (query: Promise<unknown>) => Promise<void>,
): Promise<Record<string, unknown>> {
  const { limits } = context;
  const catalog = context.catalogs.for(request.database);
  const bound = bindStatement(request.sql, request.parameters);
  const query = client.query({ text: bound.text, values: bound.values, rowMode: 'array', types: RAW_TEXT });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new DataApiException('StatementTimeoutException', 'The statement timed out', {
          dbConnectionId: backendPid(client),
        }),
      );
    }, limits.statementWaitMs);
  });
  let result: pg.QueryArrayResult<(string | null)[]>;
  try {
    result = await Promise.race([query, timeout]);
  } catch (err) {
    if (err instanceof DataApiException && err.type === 'StatementTimeoutException') {
      query.catch(() => undefined);
      await onTimeout(query);
      throw err;
    }
    throw sqlError(err, context.sqlErrorType);
  } finally {
    clearTimeout(timer);
  }
  if (/^(CREATE|ALTER|DROP)$/.test(result.command ?? '')) catalog.forgetColumns();
  const response: Record<string, unknown> = {
    numberOfRecordsUpdated: ROW_COMMANDS_WITH_COUNT.has(result.command) ? (result.rowCount ?? 0) : 0,
    generatedFields: [],
  };
  const fields = result.fields ?? [];
  if (fields.length === 0) return response;

  const types = await Promise.all(fields.map((f) => catalog.typeOf(client, f.dataTypeID)));
  const elementTypes = await Promise.all(
    types.map((t) => (t.elementOid !== undefined ? catalog.typeOf(client, t.elementOid) : undefined)),
  );
  const records: WireField[][] = [];
  for (const row of result.rows) {
    let rowBytes = 0;
    const record: WireField[] = [];
    for (let c = 0; c < fields.length; c++) {
      const cell = row[c] ?? null;
      if (cell !== null) rowBytes += Buffer.byteLength(cell, 'utf8');
      try {
        record.push(toWireField(cell, types[c]!, elementTypes[c]));
      } catch (err) {
        if (err instanceof UnsupportedValueError) {
          throw new DataApiException('UnsupportedResultException', err.message);
        }
        throw err;
      }
    }
    if (rowBytes > limits.rowBytes) {
      throw new DataApiException(
        'BadRequestException',
        `Packet for query is too large: a result row of ${rowBytes} bytes exceeds the limit of ${limits.rowBytes} bytes per row`,
      );
    }
    records.push(record);
  }

  if (request.formatRecordsAs === 'JSON') {
    const jsonOptions = {
      longAsString: request.resultSetOptions?.longReturnType === 'STRING',
      decimalAsNumber: request.resultSetOptions?.decimalReturnType === 'DOUBLE_OR_LONG',
    };
    const objects = records.map((record) =>
      Object.fromEntries(fields.map((f, c) => [f.name, toJsonValue(record[c]!, types[c]!, jsonOptions)])),
    );
    response.formattedRecords = JSON.stringify(objects);
  } else {
    response.records = records;
    if (request.includeResultMetadata) {
      const columns = await catalog.columnInfo(client, fields);
      response.columnMetadata = fields.map((f, c) => {
        const type = types[c]!;
        const column = columns.get(`${f.tableID}.${f.columnID}`);
        return {
          name: f.name,
          label: f.name,
          type: type.jdbcType,
          typeName: type.typeName,
          tableName: column?.tableName ?? '',
          schemaName: column?.schemaName ?? '',
          nullable: column ? column.nullable : 2,
          isAutoIncrement: column?.isAutoIncrement ?? false,
          isSigned: type.isSigned,
          isCurrency: false,
          isCaseSensitive: type.isCaseSensitive,
          precision: type.precision,
          scale: type.scale,
          arrayBaseColumnType: elementTypes[c]?.jdbcType ?? 0,
        };
      });
    }
  }
  return response;
}
