import pg from 'pg';
import {
  type Database,
  DatabaseError,
  type Executor,
  type QueryResult,
  type SqlParams,
  sqlStateToCode,
} from './database.ts';
import { toPositional } from './named-params.ts';

// int8 (count(*), bigserial ids) as JS numbers: our counters stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

function translate(err: unknown): unknown {
  if (
    err &&
    typeof err === 'object' &&
    'code' in err &&
    typeof err.code === 'string' &&
    err.code.length === 5
  ) {
    const pgErr = err as { code: string; message?: string; constraint?: string };
    return new DatabaseError(pgErr.message ?? 'database error', sqlStateToCode(pgErr.code), {
      cause: err,
      constraint: pgErr.constraint,
    });
  }
  return err;
}

async function run<Row>(
  client: pg.Pool | pg.PoolClient,
  sql: string,
  params?: SqlParams,
): Promise<QueryResult<Row>> {
  const { text, values } = toPositional(sql, params);
  try {
    // The extended protocol runs exactly one statement, as the Data API does, so "SELECT 1;
    // SELECT 2" fails locally too instead of only in production (pg's typings lack queryMode).
    const config = { text, values, queryMode: 'extended' } as pg.QueryConfig;
    const result = await client.query(config);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
  } catch (err) {
    throw translate(err);
  }
}

/** The `pg` adapter: a connection pool; transactions check out one client. */
export class PgDatabase implements Database {
  private readonly pool: pg.Pool;

  constructor(connectionString: string, poolSize = 10) {
    this.pool = new pg.Pool({ connectionString, max: poolSize, idleTimeoutMillis: 30_000 });
    // An idle client that loses its connection must not crash the process.
    this.pool.on('error', () => undefined);
  }

  query<Row = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<QueryResult<Row>> {
    return run<Row>(this.pool, sql, params);
  }

  async transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let busy = false;
    const tx: Executor = {
      query: async <Row>(sql: string, params?: SqlParams) => {
        if (busy)
          throw new Error('one statement at a time in a transaction (the Data API forbids concurrent ones)');
        busy = true;
        try {
          return await run<Row>(client, sql, params);
        } finally {
          busy = false;
        }
      },
    };
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw translate(err);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
