/**
 * The emulator speaks the RDS Data API protocol: driven here with the real SDK client (and raw
 * HTTP where the wire format itself is the point).
 */
import {
  BatchExecuteStatementCommand,
  BeginTransactionCommand,
  CommitTransactionCommand,
  ExecuteStatementCommand,
  RDSDataClient,
  RollbackTransactionCommand,
} from '@aws-sdk/client-rds-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DataApiEmulator, startDataApiEmulator } from '../../infra/local/data-api/server.ts';
import { useTestDatabase } from '../helpers/fixtures.ts';

const testDb = useTestDatabase({ driver: 'pg' });
let emulator: DataApiEmulator;
let client: RDSDataClient;
let arns: { resourceArn: string; secretArn: string };

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  emulator = await startDataApiEmulator({ databaseUrl: testDb.url, limits: { statementWaitMs: 300 } });
  client = new RDSDataClient({ endpoint: emulator.endpoint, maxAttempts: 1 });
  arns = { resourceArn: emulator.resourceArn, secretArn: emulator.secretArn };
  await testDb.db.query(
    'CREATE TABLE emu (id bigserial PRIMARY KEY, name text NOT NULL, score double precision, ok boolean, at timestamptz)',
  );
});

afterAll(async () => {
  client?.destroy();
  await emulator?.stop();
});

const execute = (sql: string, extra: Record<string, unknown> = {}) =>
  client.send(new ExecuteStatementCommand({ ...arns, sql, ...extra }));

describe('Data API emulator', () => {
  it('returns Field records with columnMetadata (JDBC types, nullability, serial)', async () => {
    await execute(
      "INSERT INTO emu (name, score, ok, at) VALUES ('a', 1.5, true, '2026-01-02T03:04:05.678Z')",
    );
    const out = await execute('SELECT id, name, score, ok, at, NULL::int AS nothing FROM emu', {
      includeResultMetadata: true,
    });
    expect(out.records?.[0]).toEqual([
      { longValue: 1 },
      { stringValue: 'a' },
      { doubleValue: 1.5 },
      { booleanValue: true },
      { stringValue: '2026-01-02 03:04:05.678' },
      { isNull: true },
    ]);
    expect(out.numberOfRecordsUpdated).toBe(0);
    expect(
      out.columnMetadata?.map((c) => [c.name, c.typeName, c.type, c.nullable, c.isAutoIncrement]),
    ).toEqual([
      ['id', 'int8', -5, 0, true],
      ['name', 'text', 12, 0, false],
      ['score', 'float8', 8, 1, false],
      ['ok', 'bool', -7, 1, false],
      ['at', 'timestamptz', 93, 1, false],
      ['nothing', 'int4', 4, 2, false],
    ]);
    expect(out.columnMetadata?.[0]?.tableName).toBe('emu');
  });

  it('formats records as a JSON string with formatRecordsAs JSON', async () => {
    const out = await execute(
      "SELECT 1::int8 AS n, 2.50::numeric AS d, true AS b, NULL::text AS z, 'é' AS s",
      {
        formatRecordsAs: 'JSON',
      },
    );
    expect(out.records).toBeUndefined();
    expect(typeof out.formattedRecords).toBe('string');
    expect(JSON.parse(out.formattedRecords!)).toEqual([{ n: 1, d: '2.50', b: true, z: null, s: 'é' }]);
    const asStrings = await execute('SELECT 9007199254740993::int8 AS n', {
      formatRecordsAs: 'JSON',
      resultSetOptions: { longReturnType: 'STRING' },
    });
    expect(JSON.parse(asStrings.formattedRecords!)[0].n).toMatch(/^900719925474099/);
  });

  it('counts updated rows and runs BatchExecute over parameter sets, in one transaction', async () => {
    const update = await execute("UPDATE emu SET ok = false WHERE name = 'a'");
    expect(update.numberOfRecordsUpdated).toBe(1);
    const batch = await client.send(
      new BatchExecuteStatementCommand({
        ...arns,
        sql: 'INSERT INTO emu (name) VALUES (:name)',
        parameterSets: [
          [{ name: 'name', value: { stringValue: 'b1' } }],
          [{ name: 'name', value: { stringValue: 'b2' } }],
        ],
      }),
    );
    expect(batch.updateResults).toHaveLength(2);
    const failed = await failure(
      client.send(
        new BatchExecuteStatementCommand({
          ...arns,
          sql: 'INSERT INTO emu (name) VALUES (:name)',
          parameterSets: [
            [{ name: 'name', value: { stringValue: 'b3' } }],
            [{ name: 'name', value: { isNull: true } }],
          ],
        }),
      ),
    );
    expect(failed.name).toBe('DatabaseErrorException');
    const names = await execute("SELECT name FROM emu WHERE name LIKE 'b%' ORDER BY name");
    expect(names.records?.map((r) => r[0]?.stringValue)).toEqual(['b1', 'b2']);
  });

  it('runs transactions on one connection, one call at a time', async () => {
    const { transactionId } = await client.send(new BeginTransactionCommand(arns));
    await execute("INSERT INTO emu (name) VALUES ('tx')", { transactionId });
    const [slow, concurrent] = await Promise.allSettled([
      execute('SELECT pg_sleep(0.1)', { transactionId }),
      new Promise((resolve) => setTimeout(resolve, 20)).then(() => execute('SELECT 1', { transactionId })),
    ]);
    expect(slow.status).toBe('fulfilled');
    expect(concurrent).toMatchObject({
      status: 'rejected',
      reason: { name: 'DatabaseErrorException', message: 'Transaction is still running a query' },
    });
    const outside = await execute("SELECT count(*) FROM emu WHERE name = 'tx'");
    expect(outside.records?.[0]?.[0]).toEqual({ longValue: 0 });
    await client.send(new RollbackTransactionCommand({ ...arns, transactionId }));
    const commitAgain = await failure(client.send(new CommitTransactionCommand({ ...arns, transactionId })));
    expect(commitAgain.name).toBe('NotFoundException');
    const unknown = await failure(execute('SELECT 1', { transactionId: 'nope' }));
    expect(unknown.name).toBe('TransactionNotFoundException');
  });

  it('rolls back and forgets a transaction left idle past the timeout', async () => {
    const quick = await startDataApiEmulator({ databaseUrl: testDb.url, limits: { transactionIdleMs: 150 } });
    const quickClient = new RDSDataClient({ endpoint: quick.endpoint, maxAttempts: 1 });
    try {
      const ids = { resourceArn: quick.resourceArn, secretArn: quick.secretArn };
      const { transactionId } = await quickClient.send(new BeginTransactionCommand(ids));
      await quickClient.send(
        new ExecuteStatementCommand({ ...ids, sql: "INSERT INTO emu (name) VALUES ('idle')", transactionId }),
      );
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(quick.openTransactions()).toBe(0);
      const late = await failure(quickClient.send(new CommitTransactionCommand({ ...ids, transactionId })));
      expect(late.name).toBe('NotFoundException');
      const rows = await execute("SELECT count(*) FROM emu WHERE name = 'idle'");
      expect(rows.records?.[0]?.[0]).toEqual({ longValue: 0 });
    } finally {
      quickClient.destroy();
      await quick.stop();
    }
  });

  it('answers StatementTimeoutException and cancels the statement unless continueAfterTimeout', async () => {
    const stopped = await failure(execute("INSERT INTO emu (name) SELECT 'cancelled' FROM pg_sleep(0.8)"));
    expect(stopped.name).toBe('StatementTimeoutException');
    const continued = await failure(
      execute("INSERT INTO emu (name) SELECT 'continued' FROM pg_sleep(0.8)", { continueAfterTimeout: true }),
    );
    expect(continued.name).toBe('StatementTimeoutException');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const rows = await execute("SELECT name FROM emu WHERE name IN ('cancelled', 'continued')");
    expect(rows.records?.map((r) => r[0]?.stringValue)).toEqual(['continued']);
  });

  it('does not carry session state from one autocommit call to the next', async () => {
    await execute("SET application_name = 'leaky'");
    const out = await execute('SHOW application_name');
    expect(out.records?.[0]?.[0]?.stringValue).not.toBe('leaky');
    const tz = await execute('SHOW TimeZone');
    expect(tz.records?.[0]?.[0]?.stringValue).toBe('UTC');
  });

  it('speaks the AWS error wire format', async () => {
    const res = await fetch(`${emulator.endpoint}/Execute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...arns, sql: 'SELECT * FROM missing_table' }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('DatabaseErrorException');
    const body = (await res.json()) as { __type: string; message: string };
    expect(body.__type).toBe('DatabaseErrorException');
    expect(body.message).toMatch(
      /^ERROR: relation "missing_table" does not exist\n {2}Position: \d+; SQLState: 42P01$/,
    );
  });

  it('enforces the request limit and the cluster ARN', async () => {
    const big = await failure(
      execute('SELECT :x::text IS NOT NULL', {
        parameters: [{ name: 'x', value: { stringValue: 'x'.repeat(4 * 1024 * 1024) } }],
      }),
    );
    expect(big.name).toBe('BadRequestException');
    expect(big.message).toMatch(/4 MiB/);
    const wrong = await failure(
      client.send(
        new ExecuteStatementCommand({
          ...arns,
          resourceArn: 'arn:aws:rds:x:1:cluster:other',
          sql: 'SELECT 1',
        }),
      ),
    );
    expect(wrong.name).toBe('HttpEndpointNotEnabledException');
  });
});
