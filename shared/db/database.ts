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
