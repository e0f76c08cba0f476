/**
 * One contract, two adapters: every case runs against the pg adapter and against the Data API
 * adapter (the real SDK client talking to the local emulator), each on a fresh database. Where
 * the Data API has a limit PostgreSQL does not (1 MiB per response, 64 KB per row), the case
 * states both behaviours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDataApiEmulator } from '../../infra/local/data-api/server.ts';
import { databaseConfig } from '../../shared/config/database.ts';
import { createDatabase } from '../../shared/db/connect.ts';
import { DataApiDatabase } from '../../shared/db/data-api-database.ts';
import { type Database, DatabaseError } from '../../shared/db/database.ts';
import { PgDatabase } from '../../shared/db/pg-database.ts';
import { toDate } from '../../shared/db/rows.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { claimDueOutbox } from '../../shared/tasks/store/relay-sql.ts';
import { insertTasks } from '../../shared/tasks/store/submit-sql.ts';
import type { NewTask } from '../../shared/tasks/task.ts';
import { createTenant } from '../../shared/tenants/tenant-store.ts';
import { TEST_SERVER_URL } from '../helpers/database-urls.ts';
import { useTestDatabase } from '../helpers/fixtures.ts';
import { newTaskFixture } from '../helpers/task-fixtures.ts';
import { createTestDatabase, type TestDatabase, type TestDriver } from '../helpers/test-database.ts';

const DRIVERS: TestDriver[] = ['pg', 'data-api'];

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

/** The shared task fixture, with this suite's payload, backoff cap and correlation id. */
const newTask = (tenantId: string, overrides: Partial<NewTask> = {}): NewTask =>
  newTaskFixture(tenantId, {
    payload: { n: 1 },
    backoffCapSeconds: 900,
    correlationId: 'corr',
    ...overrides,
  });

describe.each(DRIVERS)('Database contract (%s)', (driver) => {
  const testDb = useTestDatabase({ driver, poolSize: 10 });
  let db: Database;

  beforeAll(async () => {
    db = testDb.db;
    await db.query(
      `CREATE TABLE contract_values (
         id uuid PRIMARY KEY,
         label text,
         small integer,
         big bigint,
         seq bigserial,
         ratio double precision,
         flag boolean,
         at timestamptz,
         doc jsonb,
         amount numeric(12, 4)
       )`,
    );
    await db.query('CREATE TABLE contract_unique (k text PRIMARY KEY, n integer CHECK (n >= 0))');
  });

  it('runs through the adapter it names', () => {
    expect(testDb.driver).toBe(driver);
    expect(db).toBeInstanceOf(driver === 'pg' ? PgDatabase : DataApiDatabase);
  });

  it('round-trips every type we store, with the row shapes the stores read', async () => {
    const id = uuidv7();
    const at = new Date('2026-03-04T05:06:07.891Z');
    await db.query(
      `INSERT INTO contract_values (id, label, small, big, ratio, flag, at, doc, amount)
       VALUES (:id::uuid, :label, :small, :big, :ratio, :flag, :at::timestamptz, :doc::jsonb, :amount::numeric)`,
      {
        id,
        label: 'hello',
        small: -42,
        big: 2 ** 53 - 1,
        ratio: 0.1 + 0.2,
        flag: false,
        at,
        doc: { nested: { list: [1, 'two', null, true] }, empty: {} },
        amount: '1234.5678',
      },
    );
    const { rows, rowCount } = await db.query(
      `SELECT id, label, small, big, seq, ratio, flag, at, doc::text AS doc, amount
         FROM contract_values WHERE id = :id::uuid`,
      { id },
    );
    expect(rowCount).toBe(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      id,
      label: 'hello',
      small: -42,
      big: 2 ** 53 - 1,
      ratio: 0.1 + 0.2,
      flag: false,
      amount: '1234.5678',
    });
    expect(typeof row.seq).toBe('number');
    expect(toDate(row.at).toISOString()).toBe(at.toISOString());
    expect(typeof row.doc).toBe('string');
    expect(JSON.parse(row.doc as string)).toEqual({ nested: { list: [1, 'two', null, true] }, empty: {} });
  });

  it('returns NULL of every type as null', async () => {
    const id = uuidv7();
    await db.query(
      `INSERT INTO contract_values (id, label, small, big, ratio, flag, at, doc, amount)
       VALUES (:id::uuid, :label, :small, :big, :ratio, :flag, :at::timestamptz, :doc::jsonb, :amount::numeric)`,
      { id, label: null, small: null, big: null, ratio: null, flag: null, at: null, doc: null, amount: null },
    );
    const { rows } = await db.query(
      `SELECT label, small, big, ratio, flag, at, doc::text AS doc, amount, NULL::uuid AS u
         FROM contract_values WHERE id = :id::uuid`,
      { id },
    );
    expect(rows[0]).toEqual({
      label: null,
      small: null,
      big: null,
      ratio: null,
      flag: null,
      at: null,
      doc: null,
      amount: null,
      u: null,
    });
  });

  it('keeps timestamptz to the millisecond through every cast a store uses', async () => {
    const dates = [
      new Date('1970-01-01T00:00:00.000Z'),
      new Date('1999-12-31T23:59:59.999Z'),
      new Date('2026-06-30T12:00:00.001Z'),
      new Date('2199-01-01T00:00:00.500Z'),
    ];
    for (const d of dates) {
      const { rows } = await db.query(
        `SELECT :d::timestamptz AS tz, :d::timestamp AS plain,
                :d::timestamptz = :iso::timestamptz AS same_instant,
                extract(epoch FROM :d::timestamptz)::float8 * 1000 AS ms`,
        { d, iso: d.toISOString() },
      );
      const row = rows[0]!;
      expect(toDate(row.tz).toISOString()).toBe(d.toISOString());
      expect(row.same_instant).toBe(true);
      expect(row.ms).toBe(d.getTime());
    }
    // Compared without a cast, against a timestamptz column.
    const id = uuidv7();
    await db.query('INSERT INTO contract_values (id, at) VALUES (:id::uuid, :at::timestamptz)', {
      id,
      at: dates[2]!,
    });
    const { rows } = await db.query('SELECT count(*)::int AS n FROM contract_values WHERE at = :at', {
      at: dates[2]!,
    });
    expect(rows[0]!.n).toBe(1);
  });

  it('binds numbers, booleans, uuids and JSON under every cast the stores use', async () => {
    const uuid = uuidv7();
    const { rows } = await db.query(
      `SELECT :n::bigint AS as_bigint, :n::int AS as_int, :n::float8 AS as_float,
              :f::float8 AS f, :t::boolean AS t, :u::uuid AS u,
              :o::jsonb ->> 'k' AS from_jsonb, :o::json ->> 'k' AS from_json, :o::text AS as_text,
              jsonb_array_length(:a::jsonb) AS len,
              extract(epoch FROM make_interval(secs => :n))::float8 AS secs_int,
              extract(epoch FROM make_interval(secs => :f))::float8 AS secs_float,
              :s::text IS NULL AS s_is_null`,
      { n: 7, f: 2.5, t: true, u: uuid, o: { k: 'v' }, a: [1, 2, 3], s: null },
    );
    expect(rows[0]).toMatchObject({
      as_bigint: 7,
      as_int: 7,
      as_float: 7,
      f: 2.5,
      t: true,
      u: uuid,
      from_jsonb: 'v',
      from_json: 'v',
      len: 3,
      secs_int: 7,
      secs_float: 2.5,
      s_is_null: true,
    });
    expect(JSON.parse(rows[0]!.as_text as string)).toEqual({ k: 'v' });
  });

  it('needs a cast where a function wants int: integer parameters are bigint through the Data API', async () => {
    const call = db.query('SELECT substring(:s FROM :from FOR 2) AS part', { s: 'abcdef', from: 3 });
    if (driver === 'pg') {
      expect((await call).rows[0]!.part).toBe('cd');
    } else {
      await expect(call).rejects.toThrow(
        /function pg_catalog.substring\(character varying, bigint, integer\) does not exist/,
      );
    }
    const { rows } = await db.query('SELECT substring(:s FROM :from::int FOR 2) AS part', {
      s: 'abcdef',
      from: 3,
    });
    expect(rows[0]!.part).toBe('cd');
  });

  it('keeps unicode intact: emoji, CJK, combining marks, right-to-left', async () => {
    const samples = [
      '🚀🎉 done 👩‍👩‍👧',
      '任务队列 タスク 작업',
      'e\u0301 a\u0308 n\u0303',
      'مرحبا שלום',
      '\u0000'.slice(1),
    ];
    for (const text of samples) {
      const id = uuidv7();
      await db.query('INSERT INTO contract_values (id, label, doc) VALUES (:id::uuid, :text, :doc::jsonb)', {
        id,
        text,
        doc: { text },
      });
      const { rows } = await db.query(
        `SELECT label, doc::text AS doc, length(label) AS chars, octet_length(label) AS bytes
           FROM contract_values WHERE id = :id::uuid`,
        { id },
      );
      expect(rows[0]!.label).toBe(text);
      expect(JSON.parse(rows[0]!.doc as string)).toEqual({ text });
      expect(rows[0]!.chars).toBe([...text].length);
      expect(rows[0]!.bytes).toBe(Buffer.byteLength(text));
    }
  });

  it('writes a ~200 KB JSON payload in one statement and reads it back whole, in slices', async () => {
    const id = uuidv7();
    const payload = {
      items: Array.from({ length: 2000 }, (_, i) => ({
        i,
        name: `item-${i}-ünïcødé-✓`,
        pad: 'x'.repeat(60),
      })),
    };
    await db.query('INSERT INTO contract_values (id, doc) VALUES (:id::uuid, :doc::jsonb)', {
      id,
      doc: payload,
    });
    const { rows } = await db.query(
      'SELECT octet_length(doc::text) AS bytes, length(doc::text) AS chars FROM contract_values WHERE id = :id::uuid',
      { id },
    );
    const bytes = rows[0]!.bytes as number;
    expect(bytes).toBeGreaterThan(200_000);
    // Rows over 64 KB do not fit a Data API result, so read 16 K characters (<= 64 KB) at a time.
    let text = '';
    for (let offset = 1; offset <= (rows[0]!.chars as number); offset += 16_384) {
      const slice = await db.query(
        // :offset::int: an integer parameter arrives as bigint through the Data API, and
        // substring() has no bigint overload.
        'SELECT substring(doc::text FROM :offset::int FOR 16384) AS part FROM contract_values WHERE id = :id::uuid',
        { id, offset },
      );
      text += slice.rows[0]!.part as string;
    }
    expect(JSON.parse(text)).toEqual(payload);
  });

  it('a result row over 64 KB: pg returns it, the Data API refuses it', async () => {
    const read = db.query("SELECT repeat('é', 40000) AS big");
    if (driver === 'pg') {
      expect(((await read).rows[0]!.big as string).length).toBe(40_000);
    } else {
      const err = await rejection(read);
      expect(err).toBeInstanceOf(DatabaseError);
      expect((err as DatabaseError).message).toMatch(/Packet for query is too large/);
    }
  });

  it('a response over 1 MiB: pg returns it, the Data API refuses it', async () => {
    const read = db.query("SELECT g, repeat('x', 1000) AS pad FROM generate_series(1, 1200) AS g");
    if (driver === 'pg') {
      expect((await read).rowCount).toBe(1200);
    } else {
      const err = await rejection(read);
      expect(err).toBeInstanceOf(DatabaseError);
      expect((err as DatabaseError).message).toMatch(/response size limit/);
    }
  });

  it('reports rowCount like node-postgres', async () => {
    await db.query('DELETE FROM contract_unique');
    const inserted = await db.query(
      "INSERT INTO contract_unique (k, n) VALUES ('a', 1), ('b', 2), ('c', 3) RETURNING k",
    );
    expect(inserted.rowCount).toBe(3);
    expect(inserted.rows.map((r) => r.k)).toEqual(['a', 'b', 'c']);
    expect((await db.query('UPDATE contract_unique SET n = n + 1')).rowCount).toBe(3);
    expect((await db.query('SELECT k FROM contract_unique ORDER BY k')).rowCount).toBe(3);
    expect((await db.query("DELETE FROM contract_unique WHERE k = 'zz'")).rowCount).toBe(0);
    const empty = await db.query("SELECT k FROM contract_unique WHERE k = 'zz'");
    expect(empty).toEqual({ rows: [], rowCount: 0 });
  });

  it('commits a transaction that resolves, and leaves nothing of one that throws', async () => {
    await db.query('DELETE FROM contract_unique');
    const committed = await db.transaction(async (tx) => {
      await tx.query("INSERT INTO contract_unique (k, n) VALUES ('kept-1', 1)");
      await tx.query("INSERT INTO contract_unique (k, n) VALUES ('kept-2', 2)");
      return (await tx.query('SELECT count(*)::int AS n FROM contract_unique')).rows[0]!.n;
    });
    expect(committed).toBe(2);

    const boom = new Error('boom');
    const err = await rejection(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO contract_unique (k, n) VALUES ('lost-1', 1)");
        await tx.query("UPDATE contract_unique SET n = 100 WHERE k = 'kept-1'");
        throw boom;
      }),
    );
    expect(err).toBe(boom);
    const { rows } = await db.query('SELECT k, n FROM contract_unique ORDER BY k');
    expect(rows).toEqual([
      { k: 'kept-1', n: 1 },
      { k: 'kept-2', n: 2 },
    ]);
  });

  it('rolls back a transaction whose statement fails, with the error translated', async () => {
    await db.query('DELETE FROM contract_unique');
    const err = await rejection(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO contract_unique (k, n) VALUES ('x', 1)");
        await tx.query("INSERT INTO contract_unique (k, n) VALUES ('x', 2)");
      }),
    );
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as DatabaseError).code).toBe('unique_violation');
    expect((await db.query('SELECT k FROM contract_unique')).rowCount).toBe(0);
  });

  it('runs one statement at a time in a transaction', async () => {
    const err = await rejection(
      db.transaction(async (tx) => {
        await Promise.all([tx.query('SELECT pg_sleep(0.05)'), tx.query('SELECT 1')]);
      }),
    );
    expect((err as Error).message).toMatch(/one statement at a time/);
  });

  it('translates constraint violations into DatabaseError codes', async () => {
    await db.query('DELETE FROM contract_unique');
    await db.query("INSERT INTO contract_unique (k, n) VALUES ('dup', 1)");
    const unique = await rejection(db.query("INSERT INTO contract_unique (k, n) VALUES ('dup', 2)"));
    expect(unique).toBeInstanceOf(DatabaseError);
    expect(unique).toMatchObject({ code: 'unique_violation', constraint: 'contract_unique_pkey' });
    expect((unique as DatabaseError).message).toMatch(/^duplicate key value violates unique constraint/);

    const check = await rejection(db.query("INSERT INTO contract_unique (k, n) VALUES ('neg', -1)"));
    expect(check).toMatchObject({ code: 'check_violation', constraint: 'contract_unique_n_check' });

    const foreignKey = await rejection(
      db.query(
        `INSERT INTO api_keys (id, tenant_id, key_hash, prefix) VALUES (:id::uuid, :tenantId::uuid, :hash, 'p')`,
        {
          id: uuidv7(),
          tenantId: uuidv7(),
          hash: `contract-${uuidv7()}`,
        },
      ),
    );
    expect(foreignKey).toMatchObject({
      code: 'foreign_key_violation',
      constraint: 'api_keys_tenant_id_fkey',
    });

    const syntax = await rejection(db.query('SELEC 1'));
    expect(syntax).toMatchObject({ code: 'other' });
    expect((syntax as DatabaseError).message).toMatch(/syntax error/);
  });

  it('refuses a multi-statement string and runs none of it, but allows ; inside literals', async () => {
    await db.query('DELETE FROM contract_unique');
    const err = await rejection(
      db.query(
        "INSERT INTO contract_unique (k, n) VALUES ('m1', 1); INSERT INTO contract_unique (k, n) VALUES ('m2', 2)",
      ),
    );
    expect(err).toBeInstanceOf(DatabaseError);
    expect((await db.query('SELECT k FROM contract_unique')).rowCount).toBe(0);

    const { rows } = await db.query(
      `SELECT 'a;b' AS s, $q$c;d$q$ AS d, "k" FROM (SELECT ';' AS "k") x /* ; */ -- ;
       ;`,
    );
    expect(rows[0]).toEqual({ s: 'a;b', d: 'c;d', k: ';' });
  });

  it('throws for a parameter with no value before sending anything', async () => {
    await expect(db.query('SELECT :missing AS x', {})).rejects.toThrow(/:missing/);
  });

  it('never lets two concurrent claimDueOutbox calls return the same row', async () => {
    await db.query('DELETE FROM outbox');
    const tenant = await createTenant(db, `contract-${uuidv7()}`);
    const tasks = Array.from({ length: 60 }, (_, i) =>
      newTask(tenant.id, { priority: (['high', 'medium', 'low'] as const)[i % 3] }),
    );
    await insertTasks(db, tasks);
    const seen: number[] = [];
    for (let round = 0; round < 6; round++) {
      const [a, b] = await Promise.all([claimDueOutbox(db, 4, 60), claimDueOutbox(db, 4, 60)]);
      seen.push(...a.map((r) => r.outboxId), ...b.map((r) => r.outboxId));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(60);
  });
});

describe('Data API adapter wiring', () => {
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase({ driver: 'pg' });
  });

  afterAll(async () => {
    await testDb?.drop();
  });

  it('createDatabase(DB_DRIVER=data-api) reaches the endpoint in AWS_ENDPOINT_URL_RDS_DATA', async () => {
    const emulator = await startDataApiEmulator({ databaseUrl: TEST_SERVER_URL });
    const previous = process.env.AWS_ENDPOINT_URL_RDS_DATA;
    process.env.AWS_ENDPOINT_URL_RDS_DATA = emulator.endpoint;
    const db = createDatabase(
      databaseConfig({
        DB_DRIVER: 'data-api',
        DB_CLUSTER_ARN: emulator.resourceArn,
        DB_SECRET_ARN: emulator.secretArn,
        DB_NAME: testDb.name,
      }),
    );
    try {
      expect(db).toBeInstanceOf(DataApiDatabase);
      const { rows } = await db.query('SELECT current_database() AS name');
      expect(rows[0]!.name).toBe(testDb.name);
    } finally {
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_RDS_DATA;
      else process.env.AWS_ENDPOINT_URL_RDS_DATA = previous;
      await db.close();
      await emulator.stop();
    }
  });

  it('translates SQL errors the same when they arrive as BadRequestException (Serverless v1 style)', async () => {
    const emulator = await startDataApiEmulator({
      databaseUrl: testDb.url,
      sqlErrorType: 'BadRequestException',
    });
    const db = new DataApiDatabase({
      resourceArn: emulator.resourceArn,
      secretArn: emulator.secretArn,
      clientConfig: { endpoint: emulator.endpoint },
    });
    try {
      await db.query('CREATE TABLE IF NOT EXISTS v1_style (k text PRIMARY KEY)');
      await db.query("INSERT INTO v1_style VALUES ('a')");
      const err = await rejection(db.query("INSERT INTO v1_style VALUES ('a')"));
      expect(err).toMatchObject({ code: 'unique_violation', constraint: 'v1_style_pkey' });
      expect((err as DatabaseError).cause).toMatchObject({ name: 'BadRequestException' });
    } finally {
      await db.close();
      await emulator.stop();
    }
  });
});
