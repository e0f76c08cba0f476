/**
 * `npx tsx bench/drain-cpu.ts [ours|pgboss|graphile]`: where the CPU goes in scenario (c)'s drain.
 * Runs one warm-up drain of 4,000 tasks and then one of 20,000 (the full bench's size) for one
 * system, and prints the CPU time PostgreSQL's processes and this Node process used during it,
 * per task, and how idle the machine was. On the bench's 2 cores this is what shows whether the
 * drain is limited by the database or by the one Node thread (the drain's wall time includes
 * submitting the tasks, as in (c)). PostgreSQL's CPU is read from /proc for every process named
 * `postgres` on this machine, so nothing else should be using that server during the run.
 */
import { readdirSync, readFileSync } from 'node:fs';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.AWS_REGION ??= 'us-east-1';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';

const { oursDrain } = await import('./scenarios/drain.ts');
const { pgBossDrain } = await import('./peers/pg-boss.ts');
const { graphileDrain } = await import('./peers/graphile-worker.ts');
const { cleanupAll } = await import('./lib/fresh-db.ts');

const TASKS = 20_000;
const system = process.argv[2] ?? 'ours';
const drains: Record<string, (n: number) => Promise<{ perSecond: number }>> = {
  ours: (n) => oursDrain(n, 8),
  pgboss: (n) => pgBossDrain(n, { localConcurrency: 4, batchSize: 10 }),
  graphile: (n) => graphileDrain(n),
};
const drain = drains[system];
if (!drain) {
  console.error(`usage: npx tsx bench/drain-cpu.ts [${Object.keys(drains).join('|')}]`);
  process.exit(2);
}

/** CPU milliseconds (user + system, children included) of every process whose name starts with `name`. */
function processCpuMs(name: string): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // the process ended while we listed
    }
    if (!stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith(name)) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** The machine's CPU counters (user, nice, system, idle, iowait, ...) from /proc/stat. */
function machineTicks(): number[] {
  return readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
}

try {
  await drain(4_000);
  const postgresBefore = processCpuMs('postgres');
  const nodeBefore = process.cpuUsage();
  const machineBefore = machineTicks();
  const started = performance.now();
  const result = await drain(TASKS);
  const wallMs = performance.now() - started;
  const postgresMs = processCpuMs('postgres') - postgresBefore;
  const node = process.cpuUsage(nodeBefore);
  const nodeMs = (node.user + node.system) / 1000;
  const delta = machineTicks().map((value, i) => value - machineBefore[i]!);
  const total = delta.reduce((a, b) => a + b, 0);
  console.table({
    [system]: {
      'tasks/s': Math.round(result.perSecond),
      'wall s': +(wallMs / 1000).toFixed(1),
      'PostgreSQL CPU ms/task': +(postgresMs / TASKS).toFixed(3),
      'Node CPU ms/task': +(nodeMs / TASKS).toFixed(3),
      'machine idle %': Math.round((100 * (delta[3]! + delta[4]!)) / total),
    },
  });
} finally {
  await cleanupAll();
}
process.exit(0);
