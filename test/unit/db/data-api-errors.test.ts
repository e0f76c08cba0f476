import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  type Operation,
  retryRule,
  sqlStateOf,
  TRANSIENT_ERRORS,
  translateDataApiError,
  withRetries,
} from '../../../shared/db/data-api-errors.ts';
import { DatabaseError, DatabaseUnavailableError } from '../../../shared/db/database.ts';
import type { RetryTiming } from '../../../shared/db/retry-budget.ts';

function sdkError(name: string, message = name, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}

/** A clock that only moves when the code under test sleeps; every wait is recorded. */
function fakeTiming(sleeps: number[]): RetryTiming {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    // The longest wait each rule allows, so the budget is reached in the fewest attempts.
    random: () => 0.999,
  };
}

const ALL: Operation[] = ['begin', 'commit', 'rollback', 'statement', 'statement-in-transaction'];

describe('retry table', () => {
  it('retries errors that guarantee nothing ran, for every operation outside a transaction', () => {
    for (const err of [
      sdkError('DatabaseResumingException'),
      sdkError('DatabaseUnavailableException', 'writer unavailable', 504),
      sdkError('ServiceUnavailableError', 'x', 503),
      sdkError('ThrottlingException', 'x', 429),
      sdkError('UnknownError', 'x', 503),
      networkError('ECONNREFUSED'),
      networkError('ENOTFOUND'),
    ]) {
      for (const op of ['begin', 'commit', 'rollback', 'statement'] as const) {
        expect(retryRule(err, op), `${err.name}/${(err as { code?: string }).code} on ${op}`).toBeDefined();
      }
    }
  });

  it('retries errors with an unknown outcome only for BeginTransaction and RollbackTransaction', () => {
    for (const err of [
      sdkError('InternalServerErrorException', 'x', 500),
      sdkError('UnknownError', 'bad gateway', 502),
      sdkError('UnknownError', 'gateway timeout', 504),
      networkError('ECONNRESET'),
      networkError('EPIPE'),
      sdkError('TimeoutError', 'socket timed out', 0),
    ]) {
      expect(retryRule(err, 'begin')).toBeDefined();
      expect(retryRule(err, 'rollback')).toBeDefined();
      expect(retryRule(err, 'statement'), `autocommit statement after ${err.message}`).toBeUndefined();
      expect(retryRule(err, 'commit')).toBeUndefined();
    }
  });

  it('never retries a statement inside a transaction', () => {
    for (const rule of TRANSIENT_ERRORS) {
      const err = rule.match.startsWith('http:')
        ? sdkError('UnknownError', 'x', Number(rule.match.slice(5)))
        : sdkError(rule.match);
      expect(retryRule(err, 'statement-in-transaction')).toBeUndefined();
    }
  });

  it('never retries SQL errors, timeouts or bad requests', () => {
    for (const name of [
      'DatabaseErrorException',
      'BadRequestException',
      'StatementTimeoutException',
      'TransactionNotFoundException',
      'AccessDeniedException',
    ]) {
      for (const op of ALL) expect(retryRule(sdkError(name), op)).toBeUndefined();
    }
    expect(retryRule(new Error('plain'), 'begin')).toBeUndefined();
  });

  it('backs off exponentially with full jitter, capped', () => {
    const rule = TRANSIENT_ERRORS.find((r) => r.match === 'DatabaseResumingException')!;
    expect(backoffMs(rule, 1, () => 0.999)).toBe(999);
    expect(backoffMs(rule, 3, () => 0.5)).toBe(2000);
    expect(backoffMs(rule, 10, () => 0.999)).toBe(7992);
    expect(backoffMs(rule, 10, () => 0)).toBe(0);
  });

  it('withRetries retries a rule with maxAttempts that often, then throws the last error', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const throttled = sdkError('ThrottlingException', 'slow down', 400);
    await expect(
      withRetries(
        'statement',
        async () => {
          calls += 1;
          throw throttled;
        },
        { budgetMs: 60_000, timing: fakeTiming(sleeps) },
      ),
    ).rejects.toBe(throttled);
    expect(calls).toBe(4);
    expect(sleeps).toHaveLength(3);
  });

  it('withRetries returns as soon as a call succeeds', async () => {
    let calls = 0;
    const value = await withRetries(
      'statement',
      async () => {
        calls += 1;
        if (calls < 3) throw sdkError('ThrottlingException');
        return 'ok';
      },
      { budgetMs: 0, timing: fakeTiming([]) },
    );
    expect(value).toBe('ok');
    expect(calls).toBe(3);
  });
});

describe('retry budget (DB_UNAVAILABLE_RETRY_BUDGET_MS)', () => {
  it('retries the "cannot be reached" errors until the budget is spent, not a fixed number of times', async () => {
    for (const budgetMs of [25_000, 45_000]) {
      const sleeps: number[] = [];
      const timing = fakeTiming(sleeps);
      let calls = 0;
      const resuming = sdkError('DatabaseResumingException');
      const started = timing.now();
      await expect(
        withRetries(
          'statement',
          async () => {
            calls += 1;
            throw resuming;
          },
          { budgetMs, timing },
        ),
      ).rejects.toBe(resuming);
      // The waits fill the budget exactly (the last one is cut to fit), and no attempt starts after it.
      expect(timing.now() - started).toBe(budgetMs);
      expect(calls).toBe(sleeps.length + 1);
      expect(Math.max(...sleeps)).toBeLessThanOrEqual(8_000);
    }
  });

  it('a resume that takes 40 s succeeds with the 45 s budget and fails with 25 s', async () => {
    const resumesAt = 40_000;
    const attempt = async (budgetMs: number) => {
      const timing = fakeTiming([]);
      const started = timing.now();
      return withRetries(
        'statement',
        async () => {
          if (timing.now() - started < resumesAt) throw sdkError('DatabaseResumingException');
          return 'resumed';
        },
        { budgetMs, timing },
      );
    };
    expect(await attempt(45_000)).toBe('resumed');
    await expect(attempt(25_000)).rejects.toMatchObject({ name: 'DatabaseResumingException' });
  });

  it('a budget of 0 retries nothing of the "cannot be reached" kind', async () => {
    let calls = 0;
    await expect(
      withRetries(
        'statement',
        async () => {
          calls += 1;
          throw networkError('ECONNREFUSED');
        },
        { budgetMs: 0, timing: fakeTiming([]) },
      ),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(calls).toBe(1);
  });

  it('the budget bounds every unavailable rule and only those', () => {
    for (const rule of TRANSIENT_ERRORS) {
      expect(rule.maxAttempts === undefined, rule.match).toBe(rule.kind === 'unavailable');
    }
  });
});

describe('translateDataApiError', () => {
  it('reads the SQLSTATE the service appends and keeps PostgreSQL message and constraint', () => {
    const err = sdkError(
      'DatabaseErrorException',
      'ERROR: duplicate key value violates unique constraint "tasks_pkey"\n  Detail: Key (id)=(x) already exists.; SQLState: 23505',
    );
    const translated = translateDataApiError(err) as DatabaseError;
    expect(translated).toBeInstanceOf(DatabaseError);
    expect(translated.code).toBe('unique_violation');
    expect(translated.constraint).toBe('tasks_pkey');
    expect(translated.message).toBe('duplicate key value violates unique constraint "tasks_pkey"');
    expect(translated.cause).toBe(err);
  });

  it('understands other SQLSTATE spellings and falls back to the message text', () => {
    expect(sqlStateOf('ERROR: could not serialize access due to concurrent update (SQLSTATE 40001)')).toBe(
      '40001',
    );
    expect(sqlStateOf('deadlock detected; SQLSTATE=40P01')).toBe('40P01');
    expect(sqlStateOf('ERROR: insert or update on table "outbox" violates foreign key constraint "f"')).toBe(
      '23503',
    );
    expect(sqlStateOf('new row for relation "t" violates check constraint "c"')).toBe('23514');
    expect(sqlStateOf('ERROR: could not serialize access due to read/write dependencies')).toBe('40001');
    expect(sqlStateOf('something else')).toBeUndefined();

    const v1 = translateDataApiError(
      sdkError('BadRequestException', 'ERROR: duplicate key value violates unique constraint "k"'),
    ) as DatabaseError;
    expect(v1.code).toBe('unique_violation');
    expect(v1.constraint).toBe('k');
    const serialization = translateDataApiError(
      sdkError('DatabaseErrorException', 'ERROR: deadlock detected; SQLState: 40P01'),
    ) as DatabaseError;
    expect(serialization.code).toBe('serialization_failure');
  });

  it('turns every other failure into DatabaseError "other" with the cause kept', () => {
    const timeout = sdkError('StatementTimeoutException', 'The statement timed out');
    const translated = translateDataApiError(timeout) as DatabaseError;
    expect(translated.code).toBe('other');
    expect(translated.message).toBe('StatementTimeoutException: The statement timed out');
    expect(translated.cause).toBe(timeout);
    const internal = translateDataApiError(sdkError('InternalServerErrorException', 'boom', 500));
    expect(internal).not.toBeInstanceOf(DatabaseUnavailableError);
    expect((internal as DatabaseError).code).toBe('other');
    const already = new DatabaseError('x', 'check_violation');
    expect(translateDataApiError(already)).toBe(already);
  });

  it('turns "cannot be reached" and throttling failures into DatabaseUnavailableError, saying whether the statement ran', () => {
    for (const [err, outcome] of [
      [sdkError('DatabaseResumingException'), 'not-executed'],
      [sdkError('DatabaseUnavailableException', 'writer unavailable', 504), 'not-executed'],
      [sdkError('ServiceUnavailableError', 'x', 503), 'not-executed'],
      [sdkError('ThrottlingException', 'x', 429), 'not-executed'],
      [networkError('ECONNREFUSED'), 'not-executed'],
      [networkError('ECONNRESET'), 'unknown'],
      [sdkError('TimeoutError', 'socket timed out', 0), 'unknown'],
    ] as const) {
      const translated = translateDataApiError(err);
      expect(translated, err.name).toBeInstanceOf(DatabaseUnavailableError);
      expect((translated as DatabaseUnavailableError).name).toBe('DatabaseUnavailableError');
      expect((translated as DatabaseUnavailableError).outcome, err.message).toBe(outcome);
      expect((translated as DatabaseUnavailableError).cause).toBe(err);
    }
  });

  it('reads a lost database connection from the SQLSTATE of a database error (outcome unknown)', () => {
    for (const message of [
      'ERROR: terminating connection due to administrator command; SQLState: 57P01',
      'ERROR: the database system is starting up; SQLState: 57P03',
      'ERROR: An I/O error occurred while sending to the backend.; SQLState: 08006',
      'Communications link failure\n\nThe last packet sent successfully to the server was 0 milliseconds ago.',
    ]) {
      const translated = translateDataApiError(sdkError('DatabaseErrorException', message));
      expect(translated, message).toBeInstanceOf(DatabaseUnavailableError);
      expect((translated as DatabaseUnavailableError).outcome).toBe('unknown');
    }
    // A protocol violation is a client bug, not an outage.
    const protocol = translateDataApiError(
      sdkError('DatabaseErrorException', 'ERROR: bind message supplies 1 parameters; SQLState: 08P01'),
    );
    expect(protocol).not.toBeInstanceOf(DatabaseUnavailableError);
  });
});
