import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DatabaseError, DatabaseUnavailableError } from '../../../shared/db/database.ts';
import { PgDatabase } from '../../../shared/db/pg-database.ts';
import { isConnectionFailure, statementFailure } from '../../../shared/db/pg-errors.ts';
import { isReadOnlyStatement } from '../../../shared/db/read-only-statement.ts';
import type { RetryTiming } from '../../../shared/db/retry-budget.ts';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

const REFUSED = withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED');
const STARTING_UP = withCode('the database system is starting up', '57P03');
const TERMINATED = withCode('terminating connection due to administrator command', '57P01');
const LOST = new Error('Connection terminated unexpectedly');
const DEAD_CLIENT = new Error('Client has encountered a connection error and is not queryable');
const UNIQUE = Object.assign(withCode('duplicate key value violates unique constraint "k"', '23505'), {
  constraint: 'k',
});

/** A clock that only moves when the adapter sleeps. */
function fakeTiming(): RetryTiming & { sleeps: number[]; elapsed(): number } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    elapsed: () => now,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.999,
  };
}

/** `query` fails every statement sent on that checkout, or only those `failOn` matches. */
type Step = { connect?: Error; query?: Error; failOn?: RegExp; rows?: unknown[] };

/**
 * A pool whose n-th checkout (and the statement sent on it) behaves as `steps[n]` says (the last
 * step repeats); it records what was sent and how each client was released.
 */
function fakePool(steps: Step[]) {
  const sent: string[] = [];
  const releases: (Error | undefined)[] = [];
  let checkouts = 0;
  const pool = {
    on: () => pool,
    end: async () => undefined,
    connect: async () => {
      const step = steps[Math.min(checkouts, steps.length - 1)]!;
      checkouts += 1;
      if (step.connect) throw step.connect;
      return {
        query: async (config: { text: string } | string) => {
          const text = typeof config === 'string' ? config : config.text;
          sent.push(text);
          if (step.query && (!step.failOn || step.failOn.test(text))) throw step.query;
          return { rows: step.rows ?? [], rowCount: (step.rows ?? []).length };
        },
        release: (err?: Error) => {
          releases.push(err);
        },
      };
    },
  };
  return { pool: pool as unknown as pg.Pool, sent, releases, checkouts: () => checkouts };
}

function database(pool: pg.Pool, timing: RetryTiming, unavailableRetryBudgetMs = 5_000): PgDatabase {
  return new PgDatabase('postgres://unused', 1, { pool, timing, unavailableRetryBudgetMs });
}

describe('PgDatabase retries', () => {
  it('waits out a server that refuses connections, within the budget, and then runs the statement once', async () => {
    // Prepare: refused three times, then "starting up", then up
    const timing = fakeTiming();
    const fake = fakePool([
      { connect: REFUSED },
      { connect: REFUSED },
      { connect: REFUSED },
      { connect: STARTING_UP },
      { rows: [{ n: 1 }] },
    ]);
    // Act
    const result = await database(fake.pool, timing).query("INSERT INTO t VALUES ('x') RETURNING 1 AS n");
    // Assess
    expect(result.rows).toEqual([{ n: 1 }]);
    expect(fake.sent).toHaveLength(1);
    expect(timing.sleeps).toHaveLength(4);
    expect(timing.elapsed()).toBeLessThan(5_000);
  });

  it('throws DatabaseUnavailableError (nothing ran) once the budget is spent, never starting an attempt after it', async () => {
    for (const budgetMs of [0, 2_500, 25_000]) {
      const timing = fakeTiming();
      const fake = fakePool([{ connect: REFUSED }]);
      const err = await database(fake.pool, timing, budgetMs)
        .query('SELECT 1')
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseUnavailableError);
      expect((err as DatabaseUnavailableError).name).toBe('DatabaseUnavailableError');
      expect((err as DatabaseUnavailableError).outcome).toBe('not-executed');
      expect((err as DatabaseUnavailableError).cause).toBe(REFUSED);
      expect(timing.elapsed()).toBe(budgetMs);
      expect(fake.checkouts()).toBe(timing.sleeps.length + 1);
      expect(fake.sent).toEqual([]);
    }
  });

  it('sends a read-only statement again once when its connection broke, on a new connection', async () => {
    const timing = fakeTiming();
    const fake = fakePool([{ query: TERMINATED }, { rows: [{ id: 'a' }] }]);
    const result = await database(fake.pool, timing).query('SELECT id FROM tasks WHERE id = :id::uuid', {
      id: 'a',
    });
    expect(result.rows).toEqual([{ id: 'a' }]);
    expect(fake.sent).toHaveLength(2);
    // The broken connection is discarded, the good one goes back to the pool.
    expect(fake.releases).toEqual([TERMINATED, undefined]);
  });

  it('sends a read-only statement again only once', async () => {
    const fake = fakePool([{ query: LOST }]);
    const err = await database(fake.pool, fakeTiming())
      .query('SELECT 1')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as DatabaseUnavailableError).outcome).toBe('unknown');
    expect(fake.sent).toHaveLength(2);
  });

  it('never repeats a write whose connection broke: it may have committed', async () => {
    for (const sql of [
      "INSERT INTO tasks (id) VALUES ('x')",
      "UPDATE tasks SET status = 'RUNNING' WHERE id = 'x'",
      "WITH changed AS (UPDATE tasks SET status = 'CANCELLED' RETURNING id) SELECT id FROM changed",
    ]) {
      const fake = fakePool([{ query: TERMINATED }, { rows: [] }]);
      const err = await database(fake.pool, fakeTiming())
        .query(sql)
        .catch((e: unknown) => e);
      expect(err, sql).toBeInstanceOf(DatabaseUnavailableError);
      expect((err as DatabaseUnavailableError).outcome).toBe('unknown');
      expect(fake.sent, sql).toHaveLength(1);
    }
  });

  it('sends any statement again when the client was dead before it was sent', async () => {
    const timing = fakeTiming();
    const fake = fakePool([{ query: DEAD_CLIENT }, { rows: [] }]);
    await database(fake.pool, timing).query("INSERT INTO t VALUES ('x')");
    expect(fake.sent).toHaveLength(2);
  });

  it('does not retry SQL errors and keeps their connection', async () => {
    const fake = fakePool([{ query: UNIQUE }]);
    const err = await database(fake.pool, fakeTiming())
      .query("INSERT INTO t VALUES ('x')")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect(err).not.toBeInstanceOf(DatabaseUnavailableError);
    expect((err as DatabaseError).code).toBe('unique_violation');
    expect((err as DatabaseError).constraint).toBe('k');
    expect(fake.sent).toHaveLength(1);
    expect(fake.releases).toEqual([undefined]);
  });

  it('does not retry a connection that fails for a reason other than reachability', async () => {
    const authFailed = withCode('password authentication failed for user "x"', '28P01');
    const fake = fakePool([{ connect: authFailed }]);
    const err = await database(fake.pool, fakeTiming())
      .query('SELECT 1')
      .catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(DatabaseUnavailableError);
    expect(fake.checkouts()).toBe(1);
  });

  it('never retries inside a transaction; a broken statement there took no effect, a broken COMMIT may have', async () => {
    const inWork = fakePool([{ query: TERMINATED, failOn: /^SELECT/ }]);
    const err = await database(inWork.pool, fakeTiming())
      .transaction((tx) => tx.query('SELECT 1'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as DatabaseUnavailableError).outcome).toBe('not-executed');
    expect(inWork.sent).toEqual(['BEGIN', 'SELECT 1']);
    expect(inWork.releases).toEqual([TERMINATED]);

    const atCommit = fakePool([{ query: LOST, failOn: /^COMMIT/ }]);
    const commitErr = await database(atCommit.pool, fakeTiming())
      .transaction((tx) => tx.query("INSERT INTO t VALUES ('x')"))
      .catch((e: unknown) => e);
    expect(commitErr).toBeInstanceOf(DatabaseUnavailableError);
    expect((commitErr as DatabaseUnavailableError).outcome).toBe('unknown');
    expect(atCommit.sent).toEqual(['BEGIN', "INSERT INTO t VALUES ('x')", 'COMMIT']);
    expect(atCommit.checkouts()).toBe(1);
  });
});

describe('pg failure classification', () => {
  it('tells connection failures from statement errors', () => {
    for (const err of [
      REFUSED,
      STARTING_UP,
      TERMINATED,
      LOST,
      withCode('the database system is shutting down', '57P03'),
      withCode('sorry, too many clients already', '53300'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated due to connection timeout'),
      Object.assign(new AggregateError([REFUSED, REFUSED], ''), { code: undefined }),
    ]) {
      expect(isConnectionFailure(err), err.message).toBe(true);
    }
    for (const err of [
      UNIQUE,
      withCode('syntax error at or near "x"', '42601'),
      withCode('bind message supplies 1 parameters, but prepared statement requires 2', '08P01'),
      new Error('one statement at a time'),
    ]) {
      expect(isConnectionFailure(err), err.message).toBe(false);
    }
    expect(statementFailure(DEAD_CLIENT)).toBe('not-sent');
    expect(statementFailure(TERMINATED)).toBe('broken');
    expect(statementFailure(UNIQUE)).toBe('sql');
  });

  it('treats only side-effect-free SELECTs as read-only', () => {
    for (const sql of [
      'SELECT 1',
      '  select t.id, t.updated_at FROM tasks t WHERE t.tenant_id = :tenantId::uuid',
      'WITH x AS (SELECT id FROM tasks) SELECT count(*) FROM x',
      '(SELECT 1) UNION ALL (SELECT 2)',
    ]) {
      expect(isReadOnlyStatement(sql), sql).toBe(true);
    }
    for (const sql of [
      'INSERT INTO t VALUES (1)',
      'UPDATE t SET x = 1',
      'DELETE FROM t',
      'WITH d AS (DELETE FROM t RETURNING id) SELECT id FROM d',
      'SELECT id FROM outbox FOR UPDATE SKIP LOCKED',
      'SELECT id FROM outbox FOR SHARE',
      'SELECT * INTO copy FROM t',
      "SELECT nextval('s')",
      'SELECT pg_advisory_xact_lock(1)',
      "SELECT set_config('x', 'y', false)",
      'TRUNCATE t',
      'VALUES (1)',
    ]) {
      expect(isReadOnlyStatement(sql), sql).toBe(false);
    }
  });
});
