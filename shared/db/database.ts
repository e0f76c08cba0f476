/**
 * The one database interface every store uses. SQL is written with named parameters (`:name`),
 * the RDS Data API's own syntax, and explicit casts (`:id::uuid`, `:payload::jsonb`,
 * `:runAt::timestamptz`) so that both adapters can send every value as text or a plain scalar.
 *
 * Rules that keep the SQL portable to the Data API:
 * - one statement per call; no session state (SET, temp tables, LISTEN/NOTIFY, advisory locks
 *   outside a transaction); nothing that needs a connection outside `transaction()`;
 * - arrays and objects are passed as JSON and unpacked in SQL (`jsonb_array_elements_text`),
 *   since the Data API takes no array parameters;
 * - statements inside one transaction run one at a time.
 */

/** A value a statement parameter may take. Objects and arrays are sent as JSON text. */
export type SqlParam =
  | string
  | number
  | boolean
  | null
  | Date
  | readonly unknown[]
  | { readonly [key: string]: unknown };

export type SqlParams = Record<string, SqlParam | undefined>;

export interface QueryResult<Row> {
  rows: Row[];
  /** Rows inserted, updated or deleted (or returned, for SELECT). */
  rowCount: number;
}

export interface Executor {
  query<Row = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<QueryResult<Row>>;
}

export interface Database extends Executor {
  /** Runs `work` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Database errors translated once, by the adapter, into the project's own types. */
export class DatabaseError extends Error {
  readonly code:
    | 'unique_violation'
    | 'serialization_failure'
    | 'foreign_key_violation'
    | 'check_violation'
    | 'unavailable'
    | 'other';
  readonly constraint?: string;

  constructor(
    message: string,
    code: DatabaseError['code'],
    options: { cause?: unknown; constraint?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'DatabaseError';
    this.code = code;
    this.constraint = options.constraint;
  }
}

export function sqlStateToCode(sqlState: string | undefined): DatabaseError['code'] {
  switch (sqlState) {
    case '23505':
      return 'unique_violation';
    case '40001':
    case '40P01':
      return 'serialization_failure';
    case '23503':
      return 'foreign_key_violation';
    case '23514':
      return 'check_violation';
    default:
      return 'other';
  }
}

// Class 08 connection_exception (but 08P01 protocol_violation, a client bug), JDBC's 08S01
// (communication link failure), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
// cannot_connect_now ("the database system is starting up / shutting down"), 57P05
// idle_session_timeout and 53300 too_many_connections: the connection, not the statement, failed.
const CONNECTION_SQLSTATES = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '08007',
  '08S01',
  '57P01',
  '57P02',
  '57P03',
  '57P05',
  '53300',
]);

/** The SQLSTATE says the connection failed or was cut, not that the statement was wrong. */
export function isConnectionSqlState(sqlState: string | undefined): boolean {
  return sqlState !== undefined && CONNECTION_SQLSTATES.has(sqlState);
}

/**
 * The database could not be reached, or the connection broke, and the adapter's retries (within
 * `DB_UNAVAILABLE_RETRY_BUDGET_MS`) are spent: PostgreSQL down or restarting, Aurora resuming or
 * failing over, the Data API unreachable. The API answers 503 with `Retry-After`; workers give
 * their messages back. Check with `isDatabaseUnavailable`, since bundling can duplicate classes.
 */
export class DatabaseUnavailableError extends DatabaseError {
  /**
   * What the failure says about the statement: `not-executed` when it took no effect (never
   * sent for want of a connection, or rolled back with its transaction), `unknown` when the
   * connection broke while an autocommit statement or a COMMIT ran, so it may have committed.
   */
  readonly outcome: 'not-executed' | 'unknown';

  constructor(
    message: string,
    outcome: DatabaseUnavailableError['outcome'],
    options: { cause?: unknown } = {},
  ) {
    super(message, 'unavailable', options);
    this.name = 'DatabaseUnavailableError';
    this.outcome = outcome;
  }
}

export function isDatabaseUnavailable(err: unknown): err is DatabaseUnavailableError {
  return (
    err instanceof DatabaseUnavailableError ||
    (err instanceof Error && err.name === 'DatabaseUnavailableError')
  );
}

/**
 * The executor of one transaction: `run` sends a statement on the transaction, one at a time. The
 * Data API answers a second concurrent statement with "Transaction is still running a query"; both
 * adapters fail the same way, earlier, so code that works locally works against Aurora.
 */
export function serialTransactionExecutor(
  run: <Row>(sql: string, params?: SqlParams) => Promise<QueryResult<Row>>,
): Executor {
  let busy = false;
  return {
    query: async <Row>(sql: string, params?: SqlParams) => {
      if (busy)
        throw new Error('one statement at a time in a transaction (the Data API forbids concurrent ones)');
      busy = true;
      try {
        return await run<Row>(sql, params);
      } finally {
        busy = false;
      }
    },
  };
}
