/**
 * A local RDS Data API: an HTTP server speaking the service's REST-JSON protocol (the real AWS
 * SDK client talks to it unchanged) in front of a PostgreSQL server. LocalStack implements
 * `rds-data` only in its paid image, and the npm `data-api-local` is stale, so this is ours.
 *
 * What it reproduces, because production code depends on it:
 * - the five operations (`/Execute`, `/BatchExecute`, `/BeginTransaction`, `/CommitTransaction`,
 *   `/RollbackTransaction`), `records` as `Field` unions with `columnMetadata` (JDBC type codes),
 *   or `formattedRecords` (a JSON string) with `formatRecordsAs: 'JSON'`;
 * - named parameters bound with the types the service gives them (see `bind.ts`);
 * - one statement per call, with a lexer that is not fooled by `;` in literals or comments;
 * - transactions on dedicated connections, one call at a time ("Transaction is still running a
 *   query"), rolled back and released after 3 minutes without a call;
 * - the documented limits: 1 MiB per response, 64 KB per row, 4 MiB per request, 64 Ki
 *   characters of SQL, a 45 s wait for a statement (`continueAfterTimeout`);
 * - errors as the SDK expects them: HTTP status, `x-amzn-errortype`, `{"__type", "message"}`.
 *   PostgreSQL errors carry PostgreSQL's message and its SQLSTATE, as
 *   `ERROR: <message>\n  Detail: ...; SQLState: 23505`.
 * - sessions reset (`DISCARD ALL`) after each autocommit call and pinned to UTC, as in Aurora.
 *
 * It does not check SigV4 signatures or IAM, and it serves every database of the server it
 * points at (the request's `database`, else the one in `databaseUrl`).
 *
 * Run standalone: `DATABASE_URL=postgres://... DATA_API_PORT=8089 npx tsx infra/local/data-api/server.ts`,
 * then point the SDK at it with `AWS_ENDPOINT_URL_RDS_DATA=http://127.0.0.1:8089`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { describePgFailure, isConnectionFailure } from '../../../shared/db/pg-errors.ts';
import { bindStatement } from './bind.ts';
import {
  catalogType,
  knownType,
  type PgTypeInfo,
  toJsonValue,
  toWireField,
  UnsupportedValueError,
  type WireField,
} from './pg-types.ts';
import {
  type BatchExecuteRequest,
  DataApiException,
  type ExceptionName,
  type ExecuteRequest,
  type TransactionRequest,
} from './wire.ts';

export interface DataApiLimits {
  responseBytes: number;
  rowBytes: number;
  requestBytes: number;
  /** How long a call waits for its statement before StatementTimeoutException. */
  statementWaitMs: number;
  /** A transaction with no call for this long is rolled back and forgotten. */
  transactionIdleMs: number;
}

export const DATA_API_LIMITS: Readonly<DataApiLimits> = {
  responseBytes: 1024 * 1024,
  rowBytes: 64 * 1024,
  requestBytes: 4 * 1024 * 1024,
  statementWaitMs: 45_000,
  transactionIdleMs: 3 * 60_000,
};

export interface DataApiEmulatorOptions {
  /** PostgreSQL server (and default database) to run statements on. */
  databaseUrl: string;
  port?: number;
  host?: string;
  /** Connections per database. */
  poolSize?: number;
  /** Override any limit (tests shorten the idle timeout or the statement wait). */
  limits?: Partial<DataApiLimits>;
  /**
   * The exception that carries PostgreSQL errors. Aurora Serverless v2 and provisioned clusters
   * answer DatabaseErrorException; Serverless v1 answered BadRequestException.
   */
  sqlErrorType?: 'DatabaseErrorException' | 'BadRequestException';
  resourceArn?: string;
  secretArn?: string;
}

export interface DataApiEmulator {
  /** Base URL for the SDK's `endpoint` (or AWS_ENDPOINT_URL_RDS_DATA). */
  endpoint: string;
  resourceArn: string;
  secretArn: string;
  /** Open transactions, for tests. */
  openTransactions(): number;
  stop(): Promise<void>;
}

interface Transaction {
  id: string;
  client: pg.PoolClient;
  busy: boolean;
  timer: NodeJS.Timeout;
}

interface Catalog {
  types: Map<number, PgTypeInfo>;
  columns: Map<string, ColumnInfo>;
}

interface ColumnInfo {
  tableName: string;
  schemaName: string;
  nullable: number;
  isAutoIncrement: boolean;
}

// Every column comes back as PostgreSQL's text (or null): the emulator types it from the OID.
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

const ROW_COMMANDS_WITH_COUNT = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY']);

/** The server process of a connection (pg sets it at runtime; its typings leave it out). */
function backendPid(client: pg.PoolClient): number {
  return (client as unknown as { processID?: number }).processID ?? 0;
}

function sqlError(err: unknown, type: ExceptionName): DataApiException {
  const e = err as pg.DatabaseError;
  if (e && typeof e.code === 'string' && e.code.length === 5 && typeof e.message === 'string') {
    let message = `ERROR: ${e.message}`;
    if (e.detail) message += `\n  Detail: ${e.detail}`;
    if (e.hint) message += `\n  Hint: ${e.hint}`;
    if (e.where) message += `\n  Where: ${e.where}`;
    if (e.position) message += `\n  Position: ${e.position}`;
    message += `; SQLState: ${e.code}`;
    if (e.code === '3D000') return new DataApiException('DatabaseNotFoundException', message);
    return new DataApiException(type, message);
  }
  if (err instanceof DataApiException) return err;
  const text = err instanceof Error ? err.message : String(err);
  // The connection to PostgreSQL broke under the statement: reported the way a JDBC driver
  // reports an I/O error (SQLState 08006), so the statement's outcome stays "unknown".
  if (isConnectionFailure(err)) {
    return new DataApiException(
      type,
      `ERROR: An I/O error occurred while sending to the backend: ${text}; SQLState: 08006`,
    );
  }
  return new DataApiException('InternalServerErrorException', `Internal error: ${text}`);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) {
        reject(
          new DataApiException(
            'BadRequestException',
            `Request size ${size} bytes exceeds the maximum of ${limit} bytes (4 MiB)`,
          ),
        );
      } else {
        resolve(Buffer.concat(chunks).toString('utf8'));
      }
    });
    req.on('error', reject);
  });
}

/**
 * Starts the emulator.
 *
 * @example
 * const emulator = await startDataApiEmulator({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/taskforge' });
 * const client = new RDSDataClient({ endpoint: emulator.endpoint });
 */
export async function startDataApiEmulator(options: DataApiEmulatorOptions): Promise<DataApiEmulator> {
  const limits = { ...DATA_API_LIMITS, ...options.limits };
  const sqlErrorType = options.sqlErrorType ?? 'DatabaseErrorException';
  const resourceArn = options.resourceArn ?? 'arn:aws:rds:us-east-1:123456789012:cluster:taskforge-local';
  const secretArn =
    options.secretArn ?? 'arn:aws:secretsmanager:us-east-1:123456789012:secret:taskforge-local-AbCdEf';
  const baseUrl = new URL(options.databaseUrl);
  const defaultDatabase = decodeURIComponent(baseUrl.pathname.slice(1)) || 'postgres';
  const pools = new Map<string, pg.Pool>();
  const transactions = new Map<string, Transaction>();
  // Catalog lookups, per database: OIDs are only unique within one.
  const catalogs = new Map<string, Catalog>();

  function catalogFor(database: string | undefined): Catalog {
    const name = database || defaultDatabase;
    let catalog = catalogs.get(name);
    if (!catalog) {
      catalog = { types: new Map(), columns: new Map() };
      catalogs.set(name, catalog);
    }
    return catalog;
  }

  function poolFor(database: string | undefined): pg.Pool {
    const name = database || defaultDatabase;
    let pool = pools.get(name);
    if (!pool) {
      const url = new URL(baseUrl);
      url.pathname = `/${encodeURIComponent(name)}`;
      pool = new pg.Pool({
        connectionString: url.toString(),
        max: options.poolSize ?? 20,
        idleTimeoutMillis: 30_000,
        // A server that does not answer becomes DatabaseUnavailableException, not a hung call.
        connectionTimeoutMillis: 5_000,
        // Aurora's default cluster time zone; TIMESTAMP-hinted parameters are UTC wall-clock.
        options: '-c TimeZone=UTC',
      });
      pool.on('error', () => undefined);
      // A checked-out client whose connection breaks emits `error`; without a listener that
      // would crash the process. Its statement fails with the same error and is answered.
      pool.on('connect', (client) => client.on('error', () => undefined));
      pools.set(name, pool);
    }
    return pool;
  }

  function checkResource(request: { resourceArn?: string; secretArn?: string }): void {
    if (!request.resourceArn) throw new DataApiException('BadRequestException', 'resourceArn is required');
    if (!request.secretArn) throw new DataApiException('BadRequestException', 'secretArn is required');
    if (request.resourceArn !== resourceArn) {
      throw new DataApiException(
        'HttpEndpointNotEnabledException',
        `HttpEndpoint is not enabled for resource ${request.resourceArn}`,
      );
    }
    if (request.secretArn !== secretArn) {
      throw new DataApiException('AccessDeniedException', `Access denied to secret ${request.secretArn}`);
    }
  }

  function takeTransaction(id: string | undefined): Transaction {
    const tx = id ? transactions.get(id) : undefined;
    if (!tx) throw new DataApiException('TransactionNotFoundException', `Transaction ${id} is not found`);
    if (tx.busy) throw new DataApiException('DatabaseErrorException', 'Transaction is still running a query');
    clearTimeout(tx.timer);
    tx.busy = true;
    return tx;
  }

  function armIdleTimer(tx: Transaction): void {
    tx.timer = setTimeout(() => void endTransaction(tx, 'ROLLBACK'), limits.transactionIdleMs);
    tx.timer.unref();
  }

  async function endTransaction(tx: Transaction, command: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    transactions.delete(tx.id);
    clearTimeout(tx.timer);
    try {
      await tx.client.query(command);
      tx.client.release();
    } catch (err) {
      tx.client.release(err as Error);
      throw err;
    }
  }

  async function typeOf(client: pg.PoolClient, catalog: Catalog, oid: number): Promise<PgTypeInfo> {
    const known = knownType(oid) ?? catalog.types.get(oid);
    if (known) return known;
    const { rows } = await client.query<{ typname: string; typcategory: string; typelem: number }>(
      'SELECT typname, typcategory, typelem::int AS typelem FROM pg_type WHERE oid = $1',
      [oid],
    );
    const row = rows[0];
    const found = row
      ? catalogType(row.typname, row.typcategory, row.typelem)
      : catalogType('unknown', 'X', 0);
    catalog.types.set(oid, found);
    return found;
  }

  /** Table, schema, NOT NULL and serial-ness of result columns that come straight from a table. */
  async function columnInfo(
    client: pg.PoolClient,
    catalog: Catalog,
    fields: pg.FieldDef[],
  ): Promise<Map<string, ColumnInfo>> {
    const columnCache = catalog.columns;
    const missing = fields.filter((f) => f.tableID !== 0 && !columnCache.has(`${f.tableID}.${f.columnID}`));
    if (missing.length > 0) {
      const { rows } = await client.query<{
        table_oid: number;
        attnum: number;
        relname: string;
        nspname: string;
        attnotnull: boolean;
        serial: boolean;
      }>(
        `SELECT c.oid::int AS table_oid, a.attnum::int AS attnum, c.relname, n.nspname, a.attnotnull,
                (a.attidentity <> '' OR coalesce(pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false)) AS serial
           FROM pg_attribute a
           JOIN pg_class c ON c.oid = a.attrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE (a.attrelid, a.attnum) IN (SELECT * FROM unnest($1::oid[], $2::int2[]))`,
        [missing.map((f) => f.tableID), missing.map((f) => f.columnID)],
      );
      for (const row of rows) {
        columnCache.set(`${row.table_oid}.${row.attnum}`, {
          tableName: row.relname,
          schemaName: row.nspname,
          nullable: row.attnotnull ? 0 : 1,
          isAutoIncrement: row.serial,
        });
      }
    }
    return columnCache;
  }

  async function runStatement(
    client: pg.PoolClient,
    request: ExecuteRequest,
    /** Called with the still-running query when the wait runs out, before the exception is returned. */
    onTimeout: (query: Promise<unknown>) => Promise<void>,
  ): Promise<Record<string, unknown>> {
    const catalog = catalogFor(request.database);
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
      throw sqlError(err, sqlErrorType);
    } finally {
      clearTimeout(timer);
    }
    if (/^(CREATE|ALTER|DROP)$/.test(result.command ?? '')) catalog.columns.clear();
    const response: Record<string, unknown> = {
      numberOfRecordsUpdated: ROW_COMMANDS_WITH_COUNT.has(result.command) ? (result.rowCount ?? 0) : 0,
      generatedFields: [],
    };
    const fields = result.fields ?? [];
    if (fields.length === 0) return response;

    const types = await Promise.all(fields.map((f) => typeOf(client, catalog, f.dataTypeID)));
    const elementTypes = await Promise.all(
      types.map((t) => (t.elementOid !== undefined ? typeOf(client, catalog, t.elementOid) : undefined)),
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
        const columns = await columnInfo(client, catalog, fields);
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

  async function cancelBackend(database: string | undefined, client: pg.PoolClient): Promise<void> {
    if (backendPid(client)) {
      await poolFor(database)
        .query('SELECT pg_cancel_backend($1)', [backendPid(client)])
        .catch(() => undefined);
    }
  }

  /** Without continueAfterTimeout, a statement whose wait ran out is cancelled (and rolls back). */
  function timeoutHandler(request: ExecuteRequest, client: pg.PoolClient) {
    return async () => {
      if (!request.continueAfterTimeout) await cancelBackend(request.database, client);
    };
  }

  async function execute(request: ExecuteRequest): Promise<Record<string, unknown>> {
    checkResource(request);
    if (request.transactionId) {
      const tx = takeTransaction(request.transactionId);
      try {
        return await runStatement(tx.client, request, timeoutHandler(request, tx.client));
      } finally {
        tx.busy = false;
        if (transactions.has(tx.id)) armIdleTimer(tx);
      }
    }
    const client = await connect(request.database);
    // A statement left running after a timeout keeps its connection until it ends.
    let running: Promise<unknown> | undefined;
    const cancel = timeoutHandler(request, client);
    try {
      return await runStatement(client, request, async (query) => {
        running = query;
        await cancel();
      });
    } finally {
      // Nothing a statement leaves in its session (SET, advisory locks, temp tables) reaches the next call.
      const reset = async () => {
        await running?.catch(() => undefined);
        await client.query('DISCARD ALL').then(
          () => client.release(),
          (err: Error) => client.release(err),
        );
      };
      if (running) void reset();
      else await reset();
    }
  }

  async function connect(database: string | undefined): Promise<pg.PoolClient> {
    try {
      return await poolFor(database).connect();
    } catch (err) {
      // No connection, so nothing ran: what the service answers while the writer is down.
      if (isConnectionFailure(err)) {
        throw new DataApiException(
          'DatabaseUnavailableException',
          `The database is unavailable: ${describePgFailure(err)}`,
        );
      }
      throw sqlError(err, sqlErrorType);
    }
  }

  async function batchExecute(request: BatchExecuteRequest): Promise<Record<string, unknown>> {
    checkResource(request);
    const sets = request.parameterSets && request.parameterSets.length > 0 ? request.parameterSets : [[]];
    const runAll = async (client: pg.PoolClient) => {
      const updateResults: unknown[] = [];
      for (const parameters of sets) {
        await runStatement(
          client,
          { ...request, parameters, includeResultMetadata: false },
          timeoutHandler(request, client),
        );
        updateResults.push({ generatedFields: [] });
      }
      return { updateResults };
    };
    if (request.transactionId) {
      const tx = takeTransaction(request.transactionId);
      try {
        return await runAll(tx.client);
      } finally {
        tx.busy = false;
        if (transactions.has(tx.id)) armIdleTimer(tx);
      }
    }
    // Without a transaction the whole batch commits or fails as one.
    const client = await connect(request.database);
    try {
      await client.query('BEGIN');
      const result = await runAll(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw err;
    }
  }

  async function beginTransaction(request: TransactionRequest): Promise<Record<string, unknown>> {
    checkResource(request);
    const client = await connect(request.database);
    try {
      await client.query('BEGIN');
    } catch (err) {
      client.release(err as Error);
      throw sqlError(err, sqlErrorType);
    }
    const tx: Transaction = {
      id: randomBytes(96).toString('base64'),
      client,
      busy: false,
      timer: setTimeout(() => undefined, 0),
    };
    transactions.set(tx.id, tx);
    armIdleTimer(tx);
    return { transactionId: tx.id };
  }

  async function finishTransaction(
    request: TransactionRequest,
    command: 'COMMIT' | 'ROLLBACK',
  ): Promise<Record<string, unknown>> {
    checkResource(request);
    if (!request.transactionId)
      throw new DataApiException('BadRequestException', 'transactionId is required');
    const tx = transactions.get(request.transactionId);
    if (!tx)
      throw new DataApiException('NotFoundException', `Transaction ${request.transactionId} is not found`);
    if (tx.busy) throw new DataApiException('DatabaseErrorException', 'Transaction is still running a query');
    try {
      await endTransaction(tx, command);
    } catch (err) {
      throw sqlError(err, sqlErrorType);
    }
    return { transactionStatus: command === 'COMMIT' ? 'Transaction Committed' : 'Rollback Complete' };
  }

  const routes: Record<string, (body: never) => Promise<Record<string, unknown>>> = {
    '/Execute': execute,
    '/BatchExecute': batchExecute,
    '/BeginTransaction': beginTransaction,
    '/CommitTransaction': (body: TransactionRequest) => finishTransaction(body, 'COMMIT'),
    '/RollbackTransaction': (body: TransactionRequest) => finishTransaction(body, 'ROLLBACK'),
  };

  function send(res: ServerResponse, status: number, body: string, errorType?: string): void {
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-amzn-requestid': randomUUID(),
    };
    if (errorType) headers['x-amzn-errortype'] = errorType;
    res.writeHead(status, headers);
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = routes[path];
    try {
      if (req.method !== 'POST' || !route) {
        throw new DataApiException('BadRequestException', `Unknown operation ${req.method} ${path}`);
      }
      const raw = await readBody(req, limits.requestBytes);
      let body: unknown;
      try {
        body = raw.length === 0 ? {} : JSON.parse(raw);
      } catch {
        throw new DataApiException('BadRequestException', 'The request body is not valid JSON');
      }
      const result = await route(body as never);
      const json = JSON.stringify(result);
      if (Buffer.byteLength(json) > limits.responseBytes) {
        throw new DataApiException(
          'BadRequestException',
          'Database returned more than the allowed response size limit',
        );
      }
      send(res, 200, json);
    } catch (err) {
      const exception =
        err instanceof DataApiException
          ? err
          : sqlError(err, 'InternalServerErrorException' as ExceptionName);
      send(res, exception.status, exception.body(), exception.type);
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    endpoint: `http://${host}:${address.port}`,
    resourceArn,
    secretArn,
    openTransactions: () => transactions.size,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.all(
        [...transactions.values()].map((tx) => endTransaction(tx, 'ROLLBACK').catch(() => undefined)),
      );
      await Promise.all([...pools.values()].map((pool) => pool.end()));
      pools.clear();
    },
  };
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/taskforge';
  const port = Number(process.env.DATA_API_PORT ?? 8089);
  const host = process.env.DATA_API_HOST ?? '127.0.0.1';
  const emulator = await startDataApiEmulator({
    databaseUrl,
    port,
    host,
    resourceArn: process.env.DB_CLUSTER_ARN,
    secretArn: process.env.DB_SECRET_ARN,
  });
  process.stdout.write(
    `RDS Data API emulator on ${emulator.endpoint}\n` +
      `  DB_DRIVER=data-api AWS_ENDPOINT_URL_RDS_DATA=${emulator.endpoint}\n` +
      `  DB_CLUSTER_ARN=${emulator.resourceArn}\n  DB_SECRET_ARN=${emulator.secretArn}\n`,
  );
  const shutdown = () => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
