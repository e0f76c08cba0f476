/**
 * One counting window on the counting cluster, for one system's database: opened just before the
 * first submit, marked complete when the last task has finished, closed after the system has
 * stopped (its backends flush their table statistics as they exit). Everything is read from
 * PostgreSQL's own counters:
 * - WAL bytes: pg_current_wal_insert_lsn() at completion minus at opening (pg_stat_wal for the
 *   record and full-page-image counts);
 * - rows: pg_stat_user_tables n_tup_ins / n_tup_upd / n_tup_hot_upd / n_tup_del of every table
 *   of the database, reset by pg_stat_reset() at opening;
 * - statements: pg_stat_statements calls in the database by everyone but the harness, top level
 *   vs nested (inside functions, triggers, foreign-key checks);
 * - commits: pg_stat_database xact_commit (the harness's own few included);
 * - bytes kept: pg_total_relation_size (heap, TOAST, indexes) of every table at completion
 *   minus at opening;
 * - CPU: every process of the cluster, from /proc;
 * - then a VACUUM of the database and the WAL it writes (what reclaiming the dead rows costs).
 */
import pg from 'pg';
import { sleep } from './concurrency.ts';
import type { CountingCluster } from './counting-cluster.ts';
import { MONITOR_ROLE } from './counting-cluster.ts';

export interface TableWrites {
  inserted: number;
  updated: number;
  hotUpdated: number;
  deleted: number;
}

export interface WriteCounts {
  walBytes: number;
  walRecords: number;
  fullPageImages: number;
  rows: TableWrites;
  byTable: Record<string, TableWrites>;
  statements: { topLevel: number; nested: number; topNested: { query: string; calls: number }[] };
  commits: number;
  keptBytes: number;
  cpuSeconds: number;
  /** WAL between completion and the end of the system's shutdown (not part of walBytes). */
  shutdownWalBytes: number;
  /** WAL of one VACUUM of the database after the window. */
  vacuumWalBytes: number;
}

export interface OpenWindow {
  /** Call once the last task has finished. */
  completed(): Promise<void>;
  /** Call after the system has stopped (closed its connections). */
  close(): Promise<WriteCounts>;
}

const num = (v: unknown) => Number(v ?? 0);

async function lsn(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
  return rows[0]!.lsn;
}

async function walSince(client: pg.Client, from: string): Promise<number> {
  const { rows } = await client.query<{ bytes: string }>(
    'SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1::pg_lsn)::bigint AS bytes',
    [from],
  );
  return num(rows[0]!.bytes);
}

async function relationBytes(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ bytes: string }>(
    'SELECT coalesce(sum(pg_total_relation_size(relid)), 0)::bigint AS bytes FROM pg_stat_user_tables',
  );
  return num(rows[0]!.bytes);
}

/** Waits until no session but the harness's is connected to `database`. */
async function waitForDisconnect(admin: pg.Client, database: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND usename <> $2`,
      [database, MONITOR_ROLE],
    );
    if (rows[0]!.n === 0) return;
    if (Date.now() > deadline) throw new Error(`sessions still connected to ${database} after its stop`);
    await sleep(100);
  }
}

export async function openWindow(cluster: CountingCluster, database: string): Promise<OpenWindow> {
  const admin = new pg.Client({ connectionString: cluster.monitorUrl() });
  const local = new pg.Client({ connectionString: cluster.monitorUrl(database) });
  await admin.connect();
  await local.connect();
  try {
    await admin.query('CHECKPOINT');
    await admin.query('SELECT pg_stat_statements_reset()');
    await admin.query(`SELECT pg_stat_reset_shared('wal')`);
    await local.query('SELECT pg_stat_reset()');
  } catch (err) {
    await Promise.all([admin.end(), local.end()]);
    throw err;
  }
  const sizeBefore = await relationBytes(local);
  const cpuBefore = await cluster.cpuSeconds();
  const start = await lsn(admin);
  let end: { lsn: string; walBytes: number; cpuSeconds: number; keptBytes: number } | undefined;

  return {
    async completed() {
      const walBytes = await walSince(admin, start);
      end = {
        lsn: await lsn(admin),
        walBytes,
        cpuSeconds: (await cluster.cpuSeconds()) - cpuBefore,
        keptBytes: (await relationBytes(local)) - sizeBefore,
      };
    },
    async close() {
      if (!end) throw new Error('close() before completed()');
      try {
        await local.end();
        await waitForDisconnect(admin, database);
        const shutdownWalBytes = await walSince(admin, end.lsn);
        const stats = new pg.Client({ connectionString: cluster.monitorUrl(database) });
        await stats.connect();
        try {
          const tables = await stats.query<Record<string, string>>(
            `SELECT schemaname || '.' || relname AS name, n_tup_ins AS inserted, n_tup_upd AS updated,
                    n_tup_hot_upd AS hot, n_tup_del AS deleted
               FROM pg_stat_user_tables ORDER BY schemaname, relname`,
          );
          const byTable: Record<string, TableWrites> = {};
          const rows: TableWrites = { inserted: 0, updated: 0, hotUpdated: 0, deleted: 0 };
          for (const t of tables.rows) {
            const w = {
              inserted: num(t.inserted),
              updated: num(t.updated),
              hotUpdated: num(t.hot),
              deleted: num(t.deleted),
            };
            if (w.inserted + w.updated + w.deleted === 0) continue;
            byTable[t.name!] = w;
            rows.inserted += w.inserted;
            rows.updated += w.updated;
            rows.hotUpdated += w.hotUpdated;
            rows.deleted += w.deleted;
          }
          const levels = await admin.query<{ toplevel: boolean; calls: string }>(
            `SELECT s.toplevel, sum(s.calls)::bigint AS calls
               FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
              WHERE d.datname = $1 AND s.userid <> $2::regrole
              GROUP BY s.toplevel`,
            [database, MONITOR_ROLE],
          );
          const nestedTop = await admin.query<{ query: string; calls: string }>(
            `SELECT left(regexp_replace(s.query, '\\s+', ' ', 'g'), 140) AS query, s.calls::bigint AS calls
               FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
              WHERE d.datname = $1 AND s.userid <> $2::regrole AND NOT s.toplevel
              ORDER BY s.calls DESC LIMIT 8`,
            [database, MONITOR_ROLE],
          );
          const commits = await stats.query<{ commits: string }>(
            'SELECT xact_commit::bigint AS commits FROM pg_stat_database WHERE datname = current_database()',
          );
          const wal = await admin.query<{ records: string; fpi: string }>(
            'SELECT wal_records AS records, wal_fpi AS fpi FROM pg_stat_wal',
          );
          const vacuumFrom = await lsn(admin);
          await stats.query('VACUUM');
          const vacuumWalBytes = await walSince(admin, vacuumFrom);
          return {
            walBytes: end.walBytes,
            walRecords: num(wal.rows[0]?.records),
            fullPageImages: num(wal.rows[0]?.fpi),
            rows,
            byTable,
            statements: {
              topLevel: num(levels.rows.find((r) => r.toplevel)?.calls),
              nested: num(levels.rows.find((r) => !r.toplevel)?.calls),
              topNested: nestedTop.rows.map((r) => ({ query: r.query, calls: num(r.calls) })),
            },
            commits: num(commits.rows[0]?.commits),
            keptBytes: end.keptBytes,
            cpuSeconds: end.cpuSeconds,
            shutdownWalBytes,
            vacuumWalBytes,
          };
        } finally {
          await stats.end();
        }
      } finally {
        await admin.end();
      }
    },
  };
}
