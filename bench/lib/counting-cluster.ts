/**
 * A PostgreSQL cluster of the bench's own for counting writes (scenario (g)): started from an
 * empty data directory on a free port, so nothing but the system under test writes to it while
 * a window is open (the shared server has other writers, whose WAL would be counted too).
 *
 * Stock durability (fsync, synchronous_commit, full_page_writes on) and stock memory. Changed:
 * pg_stat_statements loaded with `track = all` (statements run inside functions, triggers and
 * foreign-key checks are counted as nested), autovacuum off and checkpoints only on request, so
 * that a window holds the system's own writes and the same pages pay a full-page image in every
 * window (each window begins with a CHECKPOINT). The harness connects as its own role, whose
 * statements are left out of the counts.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../test/helpers/throwaway-postgres.ts';
import { onCleanup } from './fresh-db.ts';

export const MONITOR_ROLE = 'bench_monitor';

const COUNTING_SETTINGS: Record<string, string> = {
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  max_connections: '100',
  shared_buffers: '128MB',
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'all',
  'pg_stat_statements.max': '10000',
  autovacuum: 'off',
  checkpoint_timeout: '1h',
  max_wal_size: '16GB',
};

export interface CountingCluster {
  server: ThrowawayPostgres;
  /** A database URL as the superuser the systems under test connect as. */
  url(database?: string): string;
  /** A database URL as the harness's own role. */
  monitorUrl(database?: string): string;
  /** CPU seconds used by every process of the cluster so far (exited backends included). */
  cpuSeconds(): Promise<number>;
  destroy(): Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

async function procStat(pid: number): Promise<{ ppid: number; ticks: number; childTicks: number } | null> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing paren are fixed.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const num = (i: number) => Number(fields[i - 3]);
    return { ppid: num(4), ticks: num(14) + num(15), childTicks: num(16) + num(17) };
  } catch {
    return null;
  }
}

export async function startCountingCluster(): Promise<CountingCluster> {
  const server = await startThrowawayPostgres({ settings: COUNTING_SETTINGS });
  let destroyed = false;
  const destroy = async () => {
    if (destroyed) return;
    destroyed = true;
    await server.destroy();
  };
  onCleanup(destroy);
  const url = (database = 'postgres') => server.url(database);
  const monitorUrl = (database = 'postgres') => {
    const u = new URL(server.url(database));
    u.username = MONITOR_ROLE;
    return u.toString();
  };
  const admin = new pg.Client({ connectionString: url() });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${MONITOR_ROLE} LOGIN SUPERUSER`);
    await admin.query('CREATE EXTENSION pg_stat_statements');
  } finally {
    await admin.end();
  }
  const postmasterPid = Number(
    (await readFile(join(server.dir, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0],
  );
  return {
    server,
    url,
    monitorUrl,
    async cpuSeconds() {
      // Exited backends' time is in the postmaster's children's time once it has reaped them.
      const postmaster = await procStat(postmasterPid);
      if (!postmaster) throw new Error('the counting cluster is not running');
      let ticks = postmaster.ticks + postmaster.childTicks;
      for (const name of await readdir('/proc')) {
        if (!/^\d+$/.test(name)) continue;
        const stat = await procStat(Number(name));
        if (stat?.ppid === postmasterPid) ticks += stat.ticks;
      }
      return ticks / USER_HZ;
    },
    destroy,
  };
}
