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
import { DatabaseError } from '../../../shared/db/database.ts';

function sdkError(name: string, message = name, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
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

  it('withRetries retries up to the rule maxAttempts, then throws the last error', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const resuming = sdkError('DatabaseResumingException');
    await expect(
      withRetries(
        'statement',
        async () => {
          calls += 1;
          throw resuming;
        },
        async (ms) => {
          sleeps.push(ms);
        },
      ),
    ).rejects.toBe(resuming);
    expect(calls).toBe(6);
    expect(sleeps).toHaveLength(5);
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
      async () => undefined,
    );
    expect(value).toBe('ok');
    expect(calls).toBe(3);
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
    const network = translateDataApiError(networkError('ECONNREFUSED')) as DatabaseError;
    expect(network.message).toMatch(/^ECONNREFUSED/);
    const already = new DatabaseError('x', 'check_violation');
    expect(translateDataApiError(already)).toBe(already);
  });
});
