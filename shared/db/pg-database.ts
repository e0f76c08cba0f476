/**
 * The `pg` adapter: a connection pool; transactions check out one client.
 *
 * Availability (see pg-errors.ts for the classification): a statement that could not be sent
 * because no connection could be made is retried with backoff for as long as the retry budget
 * lasts (`DB_UNAVAILABLE_RETRY_BUDGET_MS`), so a PostgreSQL restart of a few seconds only delays
 * requests. A statement whose connection broke while it ran is sent again once, and only when
 * it is read-only (read-only-statement.ts): an autocommit INSERT or status change may have
 * committed, and repeating it blindly could create a second task or overwrite a newer outcome.
 * A statement inside a transaction is never retried. What cannot be retried, or still fails when
 * the budget is spent, is a DatabaseUnavailableError (the API's 503).
 */
import { createRequire } from 'node:module';
import type pg from 'pg';
import { dbUnavailableRetryBudgetMs } from '../config/database.ts';
import { MetricName, MetricUnit, metrics } from '../observability.ts';
import {
  type Database,
  DatabaseUnavailableError,
  type Executor,
  isDatabaseUnavailable,
  type QueryResult,
  type SqlParams,
  serialTransactionExecutor,
} from './database.ts';
import { toPositional } from './named-params.ts';
import { describePgFailure, isConnectionFailure, statementFailure, translatePgError } from './pg-errors.ts';
import { isReadOnlyStatement } from './read-only-statement.ts';
import { fullJitterMs, RetryBudget, type RetryTiming, realTiming } from './retry-budget.ts';

let loadedPg: typeof pg | undefined;

/**
 * `pg`, loaded when the first adapter is created rather than imported: the Lambda functions use
 * the RDS Data API, and a `require` that esbuild cannot see keeps pg (about 80 KiB) out of their
 * bundles. In a bundle without pg the pg driver fails here, naming what to set.
 */
function loadPg(): typeof pg {
  if (loadedPg) return loadedPg;
  let mod: typeof pg;
  try {
    mod = createRequire(import.meta.url)('pg') as typeof pg;
  } catch (err) {
    throw new Error(
      'the pg driver needs the pg package (Lambda bundles leave it out: set DB_DRIVER=data-api)',
      {
        cause: err,
      },
    );
  }
  // int8 (count(*), bigserial ids) as JS numbers: our counters stay far below 2^53.
  mod.types.setTypeParser(20, (value) => Number(value));
  loadedPg = mod;
  return mod;
}

/** Backoff between attempts to reach the server: local restarts take a second or two. */
const RECONNECT_BASE_MS = 100;
const RECONNECT_CAP_MS = 1_000;

export interface PgDatabaseOptions {
  /** Retry budget for an unreachable server; default `DB_UNAVAILABLE_RETRY_BUDGET_MS` (25 s). */
  unavailableRetryBudgetMs?: number;
  /**
   * Longest wait for a connection (a new one, or a free one of a busy pool), so a server that
   * does not answer at all becomes a retry instead of a request that hangs.
   */
  connectTimeoutMs?: number;
  /** Clock, sleep and randomness of the retries (tests replace them). */
  timing?: RetryTiming;
  /** A pool to use instead of one on `connectionString` (tests use fakes). */
  pool?: pg.Pool;
}

function unavailable(err: unknown, outcome: DatabaseUnavailableError['outcome']): DatabaseUnavailableError {
  metrics.addMetric(MetricName.DatabaseUnavailable, MetricUnit.Count, 1);
  const what = outcome === 'unknown' ? 'the connection broke during the statement' : 'cannot connect';
  return new DatabaseUnavailableError(`database unavailable (${what}): ${describePgFailure(err)}`, outcome, {
    cause: err,
  });
}

export class PgDatabase implements Database {
  private readonly pool: pg.Pool;
  private readonly budgetMs: number;
  private readonly timing: RetryTiming;

  constructor(connectionString: string, poolSize = 10, options: PgDatabaseOptions = {}) {
    const { Pool } = loadPg();
    this.pool =
      options.pool ??
      new Pool({
        connectionString,
        max: poolSize,
        idleTimeoutMillis: 30_000,
        connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      });
    // A client that loses its connection emits `error`: the pool handles idle ones (and re-emits
    // here), but a checked-out client with no listener would crash the process. The statement
    // running on it fails with the same error, which is what the retry logic acts on.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.budgetMs = options.unavailableRetryBudgetMs ?? dbUnavailableRetryBudgetMs();
    this.timing = options.timing ?? realTiming;
  }

  /** A client of the pool, waiting out an unreachable server within the budget. */
  private async checkout(budget: RetryBudget): Promise<pg.PoolClient> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pool.connect();
      } catch (err) {
        if (!isConnectionFailure(err)) throw translatePgError(err);
        const delay = fullJitterMs(RECONNECT_BASE_MS, RECONNECT_CAP_MS, attempt, this.timing.random);
        if (!(await budget.wait(delay))) throw unavailable(err, 'not-executed');
      }
    }
  }

  async query<Row = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<QueryResult<Row>> {
    const statement = toPositional(sql, params);
    const budget = new RetryBudget(this.budgetMs, this.timing);
    let repeatedAfterBreak = false;
    for (let attempt = 1; ; attempt++) {
      const client = await this.checkout(budget);
      let result: QueryResult<Row>;
      try {
        result = await run<Row>(client, statement);
      } catch (err) {
        const failure = statementFailure(err);
        release(client, failure === 'sql' ? undefined : err);
        if (failure === 'sql') throw translatePgError(err);
        if (failure === 'broken') {
          if (repeatedAfterBreak || !isReadOnlyStatement(sql)) throw unavailable(err, 'unknown');
          repeatedAfterBreak = true;
          continue;
        }
        // not-sent: the client was already dead; another one may not be.
        const delay = fullJitterMs(RECONNECT_BASE_MS, RECONNECT_CAP_MS, attempt, this.timing.random);
        if (!(await budget.wait(delay))) throw unavailable(err, 'not-executed');
        continue;
      }
      release(client);
      return result;
    }
  }

  async transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    const client = await this.checkout(new RetryBudget(this.budgetMs, this.timing));
    let broken: unknown;
    let committing = false;
    const tx = serialTransactionExecutor(async <Row>(sql: string, params?: SqlParams) => {
      try {
        return await run<Row>(client, toPositional(sql, params));
      } catch (err) {
        if (statementFailure(err) === 'sql') throw translatePgError(err);
        // The server rolls back a transaction whose connection is gone: nothing took effect.
        broken = err;
        throw unavailable(err, 'not-executed');
      }
    });
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      committing = true;
      await client.query('COMMIT');
      return result;
    } catch (err) {
      if (broken === undefined && isConnectionFailure(err)) broken = err;
      if (broken === undefined) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw translatePgError(err);
      }
      if (isDatabaseUnavailable(err)) throw err;
      // A COMMIT whose connection broke may or may not have committed.
      throw unavailable(err, committing ? 'unknown' : 'not-executed');
    } finally {
      release(client, broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Back to the pool; with an error, the pool discards the connection instead of reusing it. */
function release(client: pg.PoolClient, err?: unknown): void {
  client.release(err === undefined ? undefined : err instanceof Error ? err : new Error(String(err)));
}

async function run<Row>(
  client: pg.PoolClient,
  statement: { text: string; values: unknown[] },
): Promise<QueryResult<Row>> {
  // The extended protocol runs exactly one statement, as the Data API does, so "SELECT 1;
  // SELECT 2" fails locally too instead of only in production (pg's typings lack queryMode).
  const config = { ...statement, queryMode: 'extended' } as pg.QueryConfig;
  const result = await client.query(config);
  return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
}
