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
 * This file is the HTTP side (routes, body limits, error responses) and the standalone entry
 * point; `execute.ts` (Execute, BatchExecute) runs `statement.ts` on a connection from
 * `connections.ts` or a transaction of `transactions.ts`, describing columns from `catalog.ts`.
 *
 * Run standalone: `DATABASE_URL=postgres://... DATA_API_PORT=8089 npx tsx infra/local/data-api/server.ts`,
 * then point the SDK at it with `AWS_ENDPOINT_URL_RDS_DATA=http://127.0.0.1:8089`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { databaseConfig } from '../../../shared/config/database.ts';
import { readNumber, readString } from '../../../shared/config/env.ts';
import { Catalogs } from './catalog.ts';
import { Connections } from './connections.ts';
import { batchExecute, type ExecuteContext, execute } from './execute.ts';
import { DATA_API_LIMITS, type DataApiLimits } from './limits.ts';
import { sqlError } from './sql-error.ts';
import { Transactions } from './transactions.ts';
import { DataApiException, type ExceptionName, type TransactionRequest } from './wire.ts';

export { DATA_API_LIMITS, type DataApiLimits } from './limits.ts';

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
  const connections = new Connections(options.databaseUrl, options.poolSize ?? 20, sqlErrorType);
  const transactions = new Transactions(connections, limits.transactionIdleMs, sqlErrorType);
  const context: ExecuteContext = {
    limits,
    sqlErrorType,
    catalogs: new Catalogs(connections.defaultDatabase),
    connections,
    transactions,
  };

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

  const routes: Record<string, (body: never) => Promise<Record<string, unknown>>> = {
    '/Execute': (body) => execute(context, body),
    '/BatchExecute': (body) => batchExecute(context, body),
    '/BeginTransaction': (body: TransactionRequest) => transactions.begin(body),
    '/CommitTransaction': (body: TransactionRequest) => transactions.finish(body, 'COMMIT'),
    '/RollbackTransaction': (body: TransactionRequest) => transactions.finish(body, 'ROLLBACK'),
  };

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
      // Every operation names the cluster and the secret first.
      checkResource(body as { resourceArn?: string; secretArn?: string });
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
      await transactions.rollbackAll();
      await connections.end();
    },
  };
}

async function main(): Promise<void> {
  const env = process.env;
  // The functions' reader of DATABASE_URL, DB_CLUSTER_ARN and DB_SECRET_ARN: the same defaults.
  const database = databaseConfig(env);
  const emulator = await startDataApiEmulator({
    databaseUrl: database.url,
    port: readNumber(env, 'DATA_API_PORT', 8089, { min: 0, max: 65_535 }),
    host: readString(env, 'DATA_API_HOST', '127.0.0.1'),
    resourceArn: database.resourceArn,
    secretArn: database.secretArn,
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
