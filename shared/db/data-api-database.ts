/**
 * The production adapter: the Database interface over the RDS Data API (`@aws-sdk/client-rds-data`).
 * Lambdas reach Aurora only this way, so there are no connections or pools to manage; every
 * statement is one HTTPS call, and a transaction is BeginTransaction / statements with its
 * transactionId / CommitTransaction (RollbackTransaction when the work throws).
 *
 * Result format: `records` + `columnMetadata` (includeResultMetadata), not
 * `formatRecordsAs: 'JSON'`. Each cell then says what it is (`longValue`, `doubleValue`,
 * `booleanValue`, `stringValue`, `isNull`), which yields exactly the row shapes node-postgres
 * gives, with nothing guessed from JSON:
 * - NULL is an explicit `isNull`, never a missing key;
 * - columns keep their order and a repeated name behaves as in pg (last one wins), where JSON
 *   object keys would silently collapse;
 * - the 1 MiB response limit counts the serialized result, and AWS documents the JSON form as
 *   the larger one ("the volume of the ASCII-encoded result set is larger than the default
 *   representation"), so records fit more rows under the same limit;
 * - JSON mode gains nothing we need: bigint comes back as a JSON number either way (JS numbers,
 *   as the pg adapter's int8 parser gives; our counters stay far below 2^53), timestamps are the
 *   same `YYYY-MM-DD HH:MM:SS[.ffffff]` UTC strings either way, booleans are booleans either way,
 *   and our JSON columns are selected `::text`, so they are strings either way;
 * - third-party reports say the service introspects the catalog for JSON mode on every call.
 * The column labels need `columnMetadata`, which adds a few hundred bytes per call.
 *
 * Parameters: see `data-api-codec.ts` (strings, longs, doubles, booleans, NULL; Dates with the
 * TIMESTAMP hint; objects and arrays as JSON with the JSON hint). Retries and error translation:
 * see `data-api-errors.ts`.
 */
import {
  BeginTransactionCommand,
  CommitTransactionCommand,
  ExecuteStatementCommand,
  type ExecuteStatementCommandOutput,
  RDSDataClient,
  type RDSDataClientConfig,
  RollbackTransactionCommand,
} from '@aws-sdk/client-rds-data';
import { dbUnavailableRetryBudgetMs } from '../config/database.ts';
import { MetricName, MetricUnit, metrics } from '../observability.ts';
import { decodeRecords, encodeParameters } from './data-api-codec.ts';
import { type Operation, translateDataApiError, withRetries } from './data-api-errors.ts';
import {
  type Database,
  type Executor,
  isDatabaseUnavailable,
  type QueryResult,
  type SqlParams,
  serialTransactionExecutor,
} from './database.ts';
import { type RetryTiming, realTiming } from './retry-budget.ts';

export interface DataApiDatabaseOptions {
  /** Aurora cluster ARN (`DB_CLUSTER_ARN`). */
  resourceArn: string;
  /** Secrets Manager ARN of the database credentials (`DB_SECRET_ARN`). */
  secretArn: string;
  /** Database name (`DB_NAME`); the secret's default database when absent. */
  database?: string;
  /** A client to use (tests, shared clients); otherwise one is created from `clientConfig`. */
  client?: RDSDataClient;
  /**
   * Extra client configuration. The endpoint normally comes from the environment: the SDK reads
   * `AWS_ENDPOINT_URL_RDS_DATA` (or `AWS_ENDPOINT_URL`) itself.
   */
  clientConfig?: RDSDataClientConfig;
  /** Waits between retries (tests replace it). */
  sleep?: (ms: number) => Promise<void>;
  /** The clock the retry budget is measured with (tests replace it). */
  now?: () => number;
  /**
   * How long "the database cannot be reached" failures are retried; default
   * `DB_UNAVAILABLE_RETRY_BUDGET_MS` (25 s).
   */
  unavailableRetryBudgetMs?: number;
}

/** A client whose only retries are ours (see data-api-errors.ts). */
export function createDataApiClient(config: RDSDataClientConfig = {}): RDSDataClient {
  return new RDSDataClient({
    maxAttempts: 1,
    // A statement may wait 45 s in the service before StatementTimeoutException; allow for it.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 60_000 },
    ...config,
  });
}

/**
 * @example
 * const db = new DataApiDatabase({ resourceArn, secretArn, database: 'taskforge' });
 * const { rows } = await db.query('SELECT id FROM tasks WHERE id = :id::uuid', { id });
 */
export class DataApiDatabase implements Database {
  private readonly client: RDSDataClient;
  private readonly ownsClient: boolean;
  private readonly resourceArn: string;
  private readonly secretArn: string;
  private readonly database?: string;
  private readonly timing: RetryTiming;
  private readonly budgetMs: number;

  constructor(options: DataApiDatabaseOptions) {
    this.resourceArn = options.resourceArn;
    this.secretArn = options.secretArn;
    this.database = options.database;
    this.timing = {
      ...realTiming,
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.now ? { now: options.now } : {}),
    };
    this.budgetMs = options.unavailableRetryBudgetMs ?? dbUnavailableRetryBudgetMs();
    this.ownsClient = !options.client;
    this.client = options.client ?? createDataApiClient(options.clientConfig);
  }

  private async call<T>(operation: Operation, send: () => Promise<T>): Promise<T> {
    try {
      return await withRetries(operation, send, { budgetMs: this.budgetMs, timing: this.timing });
    } catch (err) {
      const translated = translateDataApiError(err);
      if (isDatabaseUnavailable(translated)) {
        metrics.addMetric(MetricName.DatabaseUnavailable, MetricUnit.Count, 1);
      }
      throw translated;
    }
  }

  private async execute<Row>(sql: string, params: SqlParams | undefined, transactionId?: string) {
    const parameters = encodeParameters(sql, params);
    const output: ExecuteStatementCommandOutput = await this.call(
      transactionId ? 'statement-in-transaction' : 'statement',
      () =>
        this.client.send(
          new ExecuteStatementCommand({
            resourceArn: this.resourceArn,
            secretArn: this.secretArn,
            database: this.database,
            sql,
            parameters,
            transactionId,
            includeResultMetadata: true,
          }),
        ),
    );
    const rows = decodeRecords(output.records, output.columnMetadata) as Row[];
    // numberOfRecordsUpdated is 0 for a SELECT; pg's rowCount is then the rows returned.
    const updated = output.numberOfRecordsUpdated ?? 0;
    const result: QueryResult<Row> = { rows, rowCount: output.records ? updated || rows.length : updated };
    return result;
  }

  query<Row = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<QueryResult<Row>> {
    return this.execute<Row>(sql, params);
  }

  async transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    const ids = { resourceArn: this.resourceArn, secretArn: this.secretArn };
    const { transactionId } = await this.call('begin', () =>
      this.client.send(new BeginTransactionCommand({ ...ids, database: this.database })),
    );
    if (!transactionId) throw new Error('BeginTransaction returned no transactionId');
    const tx = serialTransactionExecutor(<Row>(sql: string, params?: SqlParams) =>
      this.execute<Row>(sql, params, transactionId),
    );
    let result: T;
    try {
      result = await work(tx);
    } catch (err) {
      await this.call('rollback', () =>
        this.client.send(new RollbackTransactionCommand({ ...ids, transactionId })),
      ).catch(() => undefined);
      throw err;
    }
    // A commit that fails leaves the transaction to the service (rolled back, or expired after
    // 3 minutes); an ambiguous failure may even have committed, which the caller cannot know.
    await this.call('commit', () =>
      this.client.send(new CommitTransactionCommand({ ...ids, transactionId })),
    );
    return result;
  }

  async close(): Promise<void> {
    if (this.ownsClient) this.client.destroy();
  }
}
