/**
 * The one place that decides which RDS Data API failures are retried, and that turns the rest
 * into `DatabaseError`. The SDK's own retries are switched off (`maxAttempts: 1`) so nothing else
 * retries behind this table's back.
 *
 * The rule: retry only when the failure guarantees the statement did not run. An autocommit
 * statement whose call died half-way (HTTP 500/502/504, a reset or timed-out socket) may already
 * have committed, and re-running an INSERT or a status change is not safe, so such "unknown
 * outcome" failures are retried only for operations that are safe to repeat: BeginTransaction
 * (an orphaned transaction holds no locks and the service rolls it back after 3 idle minutes)
 * and RollbackTransaction. A statement inside a transaction is never retried: the transaction is
 * rolled back and the caller decides whether to run it again. Anything not in the table
 * (StatementTimeoutException: the statement may still be running; SQL errors; bad requests) is
 * never retried.
 *
 * How long: "the database cannot be reached" failures (resuming from 0 ACU, writer unavailable,
 * connection refused, ...) are retried for as long as the call's time budget lasts
 * (`DB_UNAVAILABLE_RETRY_BUDGET_MS`, 25 s by default; a resume from 0 ACU takes about 15 s and
 * sometimes more), the others up to their `maxAttempts`. Whatever of the "unavailable" and
 * "throttled" kinds is left when the retries are spent, or was not retryable, becomes a
 * `DatabaseUnavailableError` (the API's 503 with Retry-After).
 */
import { DatabaseError, DatabaseUnavailableError, isConnectionSqlState, sqlStateToCode } from './database.ts';
import { RetryBudget, type RetryTiming, realTiming } from './retry-budget.ts';

/** What a failure says about the statement that was sent. */
export type Outcome = 'not-executed' | 'unknown';

/**
 * `unavailable`: the database or the service cannot be reached right now (budget-bound retries);
 * `throttled`: the service refused the call for load; `server-error`: the service failed.
 */
export type TransientKind = 'unavailable' | 'throttled' | 'server-error';

export interface TransientError {
  /** Exception name, Node.js error code, SDK error name, or `http:<status>` for unmodelled errors. */
  match: string;
  outcome: Outcome;
  kind: TransientKind;
  /** Backoff: full jitter up to min(maxDelayMs, baseDelayMs * 2^(attempt-1)). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts in all, the first included; absent when the retry budget bounds the retries. */
  maxAttempts?: number;
  why: string;
}

const QUICK = { baseDelayMs: 100, maxDelayMs: 2_000 } as const;
const QUICK_LIMITED = { ...QUICK, maxAttempts: 4 } as const;
const UNREACHABLE = { kind: 'unavailable', ...QUICK } as const;

export const TRANSIENT_ERRORS: readonly TransientError[] = [
  {
    match: 'DatabaseResumingException',
    outcome: 'not-executed',
    kind: 'unavailable',
    // An auto-paused Serverless v2 cluster takes ~15 s to resume, sometimes longer: the budget
    // decides how long to wait (the attempts of the old table stopped at ~23 s at most).
    baseDelayMs: 1_000,
    maxDelayMs: 8_000,
    why: 'the cluster is resuming from auto-pause; AWS: "wait a few seconds and try again"',
  },
  {
    match: 'DatabaseUnavailableException',
    outcome: 'not-executed',
    kind: 'unavailable',
    baseDelayMs: 500,
    maxDelayMs: 4_000,
    why: 'the writer instance is not available (failover, scaling): no connection, nothing ran',
  },
  {
    match: 'ServiceUnavailableError',
    outcome: 'not-executed',
    ...UNREACHABLE,
    why: 'HTTP 503: refused at the front door',
  },
  {
    match: 'ThrottlingException',
    outcome: 'not-executed',
    kind: 'throttled',
    ...QUICK_LIMITED,
    why: 'throttled before execution',
  },
  {
    match: 'TooManyRequestsException',
    outcome: 'not-executed',
    kind: 'throttled',
    ...QUICK_LIMITED,
    why: 'throttled before execution',
  },
  {
    match: 'http:429',
    outcome: 'not-executed',
    kind: 'throttled',
    ...QUICK_LIMITED,
    why: 'throttled before execution',
  },
  { match: 'http:503', outcome: 'not-executed', ...UNREACHABLE, why: 'refused before execution' },
  { match: 'ECONNREFUSED', outcome: 'not-executed', ...UNREACHABLE, why: 'no connection was made' },
  { match: 'ENOTFOUND', outcome: 'not-executed', ...UNREACHABLE, why: 'DNS failed: no connection was made' },
  { match: 'EAI_AGAIN', outcome: 'not-executed', ...UNREACHABLE, why: 'DNS failed: no connection was made' },
  {
    match: 'InternalServerErrorException',
    outcome: 'unknown',
    kind: 'server-error',
    ...QUICK_LIMITED,
    why: 'HTTP 500: may have run',
  },
  { match: 'http:500', outcome: 'unknown', kind: 'server-error', ...QUICK_LIMITED, why: 'may have run' },
  { match: 'http:502', outcome: 'unknown', ...UNREACHABLE, why: 'may have run' },
  { match: 'http:504', outcome: 'unknown', ...UNREACHABLE, why: 'gateway timeout: may have run' },
  { match: 'ECONNRESET', outcome: 'unknown', ...UNREACHABLE, why: 'the request may have been sent' },
  { match: 'EPIPE', outcome: 'unknown', ...UNREACHABLE, why: 'the request may have been sent' },
  { match: 'ETIMEDOUT', outcome: 'unknown', ...UNREACHABLE, why: 'the request may have been sent' },
  {
    match: 'TimeoutError',
    outcome: 'unknown',
    ...UNREACHABLE,
    why: 'socket timeout: the request may have been sent',
  },
];

/**
 * What is being sent: `statement` is an autocommit ExecuteStatement, `statement-in-transaction`
 * one with a transactionId.
 */
export type Operation = 'begin' | 'commit' | 'rollback' | 'statement' | 'statement-in-transaction';

const REPEATABLE: ReadonlySet<Operation> = new Set(['begin', 'rollback']);

function matchKeys(err: unknown): string[] {
  if (!err || typeof err !== 'object') return [];
  const e = err as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const keys: string[] = [];
  if (typeof e.name === 'string') keys.push(e.name);
  if (typeof e.code === 'string') keys.push(e.code);
  if (typeof e.$metadata?.httpStatusCode === 'number') keys.push(`http:${e.$metadata.httpStatusCode}`);
  return keys;
}

export function transientError(err: unknown): TransientError | undefined {
  const keys = matchKeys(err);
  for (const key of keys) {
    const rule = TRANSIENT_ERRORS.find((r) => r.match === key);
    if (rule) return rule;
  }
  return undefined;
}

/** The rule to retry `err` by, for this operation; undefined when it must not be retried. */
export function retryRule(err: unknown, operation: Operation): TransientError | undefined {
  if (operation === 'statement-in-transaction') return undefined;
  const rule = transientError(err);
  if (!rule) return undefined;
  if (rule.outcome === 'not-executed' || REPEATABLE.has(operation)) return rule;
  return undefined;
}

export function backoffMs(rule: TransientError, attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** (attempt - 1)));
}

export interface RetryOptions {
  /** How long "unavailable" failures are retried (`DB_UNAVAILABLE_RETRY_BUDGET_MS`). */
  budgetMs: number;
  timing?: RetryTiming;
}

/**
 * Runs `call`, retrying per the table. `attempt` counts from 1; a rule's `maxAttempts` bounds
 * the attempts while that error repeats, and the budget bounds the rules without one.
 */
export async function withRetries<T>(
  operation: Operation,
  call: () => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const timing = options.timing ?? realTiming;
  const budget = new RetryBudget(options.budgetMs, timing);
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const rule = retryRule(err, operation);
      if (!rule) throw err;
      const delay = backoffMs(rule, attempt, timing.random);
      if (rule.maxAttempts === undefined) {
        if (!(await budget.wait(delay))) throw err;
      } else {
        if (attempt >= rule.maxAttempts) throw err;
        await timing.sleep(delay);
      }
    }
  }
}

// SQLSTATE as the service reports it (`...; SQLState: 23505`), or as PostgreSQL/pgjdbc print it.
const SQLSTATE_PATTERNS = [/SQLState:\s*([0-9A-Z]{5})\b/i, /\bSQLSTATE[\s:=]*\(?([0-9A-Z]{5})\b/i];

// When no SQLSTATE is present: PostgreSQL's own message texts.
const MESSAGE_PATTERNS: [RegExp, string][] = [
  [/duplicate key value violates unique constraint/i, '23505'],
  [/could not serialize access|deadlock detected/i, '40001'],
  [/violates foreign key constraint/i, '23503'],
  [/violates check constraint/i, '23514'],
];

/** The SQLSTATE in a Data API error message, or undefined. */
export function sqlStateOf(message: string): string | undefined {
  for (const pattern of SQLSTATE_PATTERNS) {
    const match = pattern.exec(message);
    if (match) return match[1]!.toUpperCase();
  }
  return MESSAGE_PATTERNS.find(([pattern]) => pattern.test(message))?.[1];
}

/** `ERROR: <text>\n  Detail: ...; SQLState: 23505` -> `<text>`, PostgreSQL's own message. */
function postgresMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine
    .replace(/^ERROR:\s*/, '')
    .replace(/;\s*SQLState:\s*[0-9A-Z]{5}\s*$/i, '')
    .trim();
}

// The text of a JDBC "communications link failure" that carries no SQLSTATE.
const CONNECTION_LOST_MESSAGE = /communications link failure/i;

/** Translates any failure of a Data API call into a DatabaseError (once; the cause is kept). */
export function translateDataApiError(err: unknown): unknown {
  if (err instanceof DatabaseError) return err;
  if (!err || typeof err !== 'object') return err;
  const e = err as { name?: string; message?: string; code?: string };
  const message = typeof e.message === 'string' ? e.message : String(err);
  const label = e.name && e.name !== 'Error' ? e.name : (e.code ?? 'Error');
  const rule = transientError(err);
  if (rule && rule.kind !== 'server-error') {
    return new DatabaseUnavailableError(`database unavailable (${label}): ${message}`, rule.outcome, {
      cause: err,
    });
  }
  if (e.name === 'DatabaseErrorException' || e.name === 'BadRequestException') {
    const sqlState = sqlStateOf(message);
    if (isConnectionSqlState(sqlState) || CONNECTION_LOST_MESSAGE.test(message)) {
      // The database's connection broke while the statement ran: it may have run.
      return new DatabaseUnavailableError(`database unavailable: ${postgresMessage(message)}`, 'unknown', {
        cause: err,
      });
    }
    if (sqlState) {
      const constraint = /constraint "([^"]+)"/.exec(message)?.[1];
      return new DatabaseError(postgresMessage(message), sqlStateToCode(sqlState), {
        cause: err,
        constraint,
      });
    }
    return new DatabaseError(message, 'other', { cause: err });
  }
  return new DatabaseError(`${label}: ${message}`, 'other', { cause: err });
}
