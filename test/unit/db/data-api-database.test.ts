import type { RDSDataClient } from '@aws-sdk/client-rds-data';
import { describe, expect, it, vi } from 'vitest';
import { DataApiDatabase } from '../../../shared/db/data-api-database.ts';
import { DatabaseError, DatabaseUnavailableError } from '../../../shared/db/database.ts';

type Sent = { name: string; input: Record<string, unknown> };

/** A fake client: each send() is answered by `respond`, and recorded. */
function fakeClient(respond: (command: Sent, index: number) => unknown) {
  const sent: Sent[] = [];
  const client = {
    send: vi.fn(async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const entry = { name: command.constructor.name, input: command.input };
      sent.push(entry);
      const answer = respond(entry, sent.length - 1);
      if (answer instanceof Error) throw answer;
      return answer;
    }),
    destroy: vi.fn(),
  };
  return { client: client as unknown as RDSDataClient, sent };
}

function sdkError(name: string, status = 400): Error {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
}

const ARNS = { resourceArn: 'arn:cluster', secretArn: 'arn:secret', database: 'taskforge' };
const noSleep = async () => undefined;

describe('DataApiDatabase', () => {
  it('sends the statement with named parameters and result metadata, and maps the rows', async () => {
    // Prepare
    const { client, sent } = fakeClient(() => ({
      records: [[{ longValue: 1 }, { stringValue: 'a' }]],
      columnMetadata: [{ label: 'n' }, { label: 's' }],
      numberOfRecordsUpdated: 0,
    }));
    const db = new DataApiDatabase({ ...ARNS, client });
    // Act
    const result = await db.query('SELECT :n AS n, :s AS s', { n: 1, s: 'a' });
    // Assess
    expect(result).toEqual({ rows: [{ n: 1, s: 'a' }], rowCount: 1 });
    expect(sent[0]).toEqual({
      name: 'ExecuteStatementCommand',
      input: {
        ...ARNS,
        sql: 'SELECT :n AS n, :s AS s',
        parameters: [
          { name: 'n', value: { longValue: 1 } },
          { name: 's', value: { stringValue: 'a' } },
        ],
        transactionId: undefined,
        includeResultMetadata: true,
      },
    });
  });

  it('uses numberOfRecordsUpdated as rowCount for writes', async () => {
    const { client } = fakeClient(() => ({ numberOfRecordsUpdated: 3 }));
    const db = new DataApiDatabase({ ...ARNS, client });
    expect(await db.query('UPDATE t SET x = 1')).toEqual({ rows: [], rowCount: 3 });
  });

  it('retries an autocommit statement while the cluster resumes', async () => {
    const { client, sent } = fakeClient((_, i) =>
      i < 2 ? sdkError('DatabaseResumingException') : { records: [], columnMetadata: [] },
    );
    const db = new DataApiDatabase({ ...ARNS, client, sleep: noSleep });
    await db.query('SELECT 1');
    expect(sent).toHaveLength(3);
  });

  it('does not retry an autocommit statement whose outcome is unknown', async () => {
    const { client, sent } = fakeClient(() => sdkError('InternalServerErrorException', 500));
    const db = new DataApiDatabase({ ...ARNS, client, sleep: noSleep });
    const err = await db.query("INSERT INTO t VALUES ('x')").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as DatabaseError).code).toBe('other');
    expect(sent).toHaveLength(1);
  });

  it('waits for a resuming cluster for its retry budget, then throws DatabaseUnavailableError', async () => {
    // Prepare: a clock that moves only when the adapter sleeps
    let now = 0;
    const sleeps: number[] = [];
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    };
    const { client, sent } = fakeClient(() => sdkError('DatabaseResumingException'));
    const db = new DataApiDatabase({
      ...ARNS,
      client,
      sleep,
      now: () => now,
      unavailableRetryBudgetMs: 45_000,
    });
    // Act
    const err = await db.query('SELECT 1').catch((e: unknown) => e);
    // Assess
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as DatabaseUnavailableError).outcome).toBe('not-executed');
    expect(now).toBe(45_000);
    expect(sent.length).toBe(sleeps.length + 1);
  });

  it('runs a transaction: begin, statements with its id, commit', async () => {
    const { client, sent } = fakeClient((command) => {
      if (command.name === 'BeginTransactionCommand') return { transactionId: 'tx-1' };
      if (command.name === 'CommitTransactionCommand') return { transactionStatus: 'Transaction Committed' };
      return { numberOfRecordsUpdated: 1 };
    });
    const db = new DataApiDatabase({ ...ARNS, client });
    const value = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (1)');
      return 'done';
    });
    expect(value).toBe('done');
    expect(sent.map((s) => s.name)).toEqual([
      'BeginTransactionCommand',
      'ExecuteStatementCommand',
      'CommitTransactionCommand',
    ]);
    expect(sent[1]!.input.transactionId).toBe('tx-1');
    expect(sent[2]!.input).toEqual({
      resourceArn: 'arn:cluster',
      secretArn: 'arn:secret',
      transactionId: 'tx-1',
    });
  });

  it('rolls back when the work throws, never retrying the statement inside the transaction', async () => {
    const { client, sent } = fakeClient((command) => {
      if (command.name === 'BeginTransactionCommand') return { transactionId: 'tx-2' };
      if (command.name === 'RollbackTransactionCommand') return { transactionStatus: 'Rollback Complete' };
      return sdkError('ThrottlingException', 429);
    });
    const db = new DataApiDatabase({ ...ARNS, client, sleep: noSleep });
    const err = await db
      .transaction(async (tx) => {
        await tx.query('UPDATE t SET x = 1');
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect(sent.map((s) => s.name)).toEqual([
      'BeginTransactionCommand',
      'ExecuteStatementCommand',
      'RollbackTransactionCommand',
    ]);
  });

  it('refuses two statements at once in one transaction', async () => {
    const { client } = fakeClient((command) =>
      command.name === 'BeginTransactionCommand' ? { transactionId: 'tx-3' } : { numberOfRecordsUpdated: 0 },
    );
    const db = new DataApiDatabase({ ...ARNS, client });
    await expect(
      db.transaction(async (tx) => {
        await Promise.all([tx.query('SELECT 1'), tx.query('SELECT 2')]);
      }),
    ).rejects.toThrow(/one statement at a time/);
  });

  it('closes only a client it created', async () => {
    const { client } = fakeClient(() => ({}));
    await new DataApiDatabase({ ...ARNS, client }).close();
    expect((client as unknown as { destroy: ReturnType<typeof vi.fn> }).destroy).not.toHaveBeenCalled();
  });
});
