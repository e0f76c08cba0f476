/**
 * (g) Writes per task: what a task's life costs the database, counted (not timed) from
 * PostgreSQL's own counters, for ours, pg-boss and Graphile Worker, each with single submits and
 * with batches of 100, in the same run on the same PostgreSQL.
 *
 * The bench starts a PostgreSQL cluster of its own for this (bench/lib/counting-cluster.ts): the
 * shared server has other writers, whose WAL would land in the window. Each system gets a fresh
 * database there, starts with its workers, and after a pause for its startup to settle one
 * window covers: N no-op tasks with a 200-byte payload submitted (2 callers one task per call,
 * or 8 callers 100 per call), every one of them drained, up to the last completion. Ours runs as
 * a user runs it (the local runtime: HTTP API, relay, SQS emulator, workers, sweeper) with the
 * `echo` type; pg-boss with work() and Graphile Worker with a runner as in (c).
 */

import { sleep } from '../lib/concurrency.ts';
import type { BenchContext, Row, Scenario } from '../lib/context.ts';
import {
  benchPayload,
  type CountedSystem,
  PAYLOAD_BYTES,
  SUBMIT_CALLERS,
  type SubmitMode,
} from '../lib/counted-system.ts';
import { type CountingCluster, startCountingCluster } from '../lib/counting-cluster.ts';
import { startOursCounted } from '../lib/ours.ts';
import { round } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';
import { openWindow, type WriteCounts } from '../lib/write-window.ts';
import { startGraphileCounted } from '../peers/graphile-worker.ts';
import { startPgBossCounted } from '../peers/pg-boss.ts';

export type SystemName = 'ours' | 'pg-boss' | 'Graphile Worker';

export interface WritesRun {
  system: SystemName;
  mode: SubmitMode;
  tasks: number;
  submitSeconds: number;
  /** First submit to last completion (informational: (g) counts, it does not time). */
  seconds: number;
  counts: WriteCounts;
  details?: Record<string, unknown>;
}

/** What (g) writes to the bench JSON (read by `npm run cost`). */
export interface WritesResult {
  tasks: number;
  payloadBytes: number;
  callers: Record<SubmitMode, number>;
  runs: WritesRun[];
  table: Row[];
}

type Starter = (
  cluster: CountingCluster,
) => Promise<{ system: CountedSystem; dropDatabase(): Promise<void> }>;

const STARTERS: [SystemName, Starter][] = [
  ['ours', (c) => startOursCounted(c.url(), c.monitorUrl)],
  ['pg-boss', (c) => startPgBossCounted(c.url(), c.monitorUrl, { localConcurrency: 4, batchSize: 10 })],
  ['Graphile Worker', (c) => startGraphileCounted(c.url(), c.monitorUrl)],
];
const MODES: SubmitMode[] = ['batch', 'single'];

/** Time for a started system's own statistics to be flushed and its startup work to end. */
const SETTLE_MS = 1500;

async function countOne(
  cluster: CountingCluster,
  name: SystemName,
  start: Starter,
  mode: SubmitMode,
  tasks: number,
): Promise<WritesRun> {
  const { system, dropDatabase } = await start(cluster);
  try {
    await sleep(SETTLE_MS);
    const payloads = Array.from({ length: tasks }, (_, i) => benchPayload(i));
    const window = await openWindow(cluster, system.database.name);
    const t0 = performance.now();
    await system.submit(mode, payloads);
    const submitSeconds = (performance.now() - t0) / 1000;
    await system.drained(tasks);
    const seconds = (performance.now() - t0) / 1000;
    await window.completed();
    const details = system.details?.();
    await system.stop();
    const counts = await window.close();
    return { system: name, mode, tasks, submitSeconds, seconds, counts, ...(details ? { details } : {}) };
  } finally {
    await dropDatabase();
  }
}

/** Per-task figures of one run, by row label. */
export function perTask(run: WritesRun): Record<string, number> {
  const c = run.counts;
  const per = (n: number) => n / run.tasks;
  return {
    'WAL bytes, submit to completion': per(c.walBytes),
    'WAL records': per(c.walRecords),
    'full-page images': per(c.fullPageImages),
    'rows inserted': per(c.rows.inserted),
    'rows updated': per(c.rows.updated),
    '  of which HOT': per(c.rows.hotUpdated),
    'rows deleted': per(c.rows.deleted),
    'row writes (ins + upd + del)': per(c.rows.inserted + c.rows.updated + c.rows.deleted),
    'top-level statements': per(c.statements.topLevel),
    'nested statements (FK checks, triggers, functions)': per(c.statements.nested),
    commits: per(c.commits),
    'bytes kept after completion': per(c.keptBytes),
    'PostgreSQL CPU ms': per(c.cpuSeconds * 1000),
    'WAL of a VACUUM afterwards': per(c.vacuumWalBytes),
  };
}

const label = (run: WritesRun) => `${run.system} ${run.mode}`;

function figure(n: number): number {
  return round(n, n >= 100 ? 0 : n >= 10 ? 1 : 2);
}

export const writesPerTask: Scenario = {
  id: 'g',
  title: '(g) writes per task',
  async run(ctx: BenchContext) {
    const { tasks } = ctx.settings.writes;
    const cluster = await startCountingCluster();
    const runs: WritesRun[] = [];
    try {
      for (const [name, start] of STARTERS) {
        for (const mode of MODES) runs.push(await countOne(cluster, name, start, mode, tasks));
      }
    } finally {
      await cluster.destroy();
    }
    const perRun = runs.map((run) => ({ run, figures: perTask(run) }));
    const table: Row[] = Object.keys(perRun[0]!.figures).map((metric) => ({
      'per task': metric,
      ...Object.fromEntries(perRun.map(({ run, figures }) => [label(run), figure(figures[metric]!)])),
    }));
    printTable(
      `${this.title}: ${tasks.toLocaleString('en-US')} no-op tasks per column, ${PAYLOAD_BYTES}-byte payload, submit then drain`,
      table,
      [
        `single: ${SUBMIT_CALLERS.single} callers, one task per call (ours POST /v1/tasks, pg-boss send(), Graphile addJob()); batch: ${SUBMIT_CALLERS.batch} callers, 100 per call (POST /v1/tasks/batch, insert(), addJobs())`,
        "a PostgreSQL 15 cluster of the bench's own (stock durability; pg_stat_statements track=all; autovacuum off; a CHECKPOINT before each window), one fresh database per column; counters from pg_current_wal_insert_lsn, pg_stat_wal, pg_stat_user_tables, pg_stat_statements, pg_stat_database, pg_total_relation_size (after drain, before retention), /proc",
        "ours runs `echo`, which stores its payload as the result; the peers' handlers return nothing. Graphile Worker deletes a job when it completes",
      ],
    );
    const ours = runs.filter((r) => r.system === 'ours');
    const byTable = Object.keys(Object.assign({}, ...ours.map((r) => r.counts.byTable))).map((table) => ({
      table,
      ...Object.fromEntries(
        ours.flatMap((r) => {
          const w = r.counts.byTable[table];
          const per = (n: number | undefined) => figure((n ?? 0) / r.tasks);
          return [
            [`${r.mode} ins`, per(w?.inserted)],
            [`${r.mode} upd (HOT)`, `${per(w?.updated)} (${per(w?.hotUpdated)})`],
            [`${r.mode} del`, per(w?.deleted)],
          ];
        }),
      ),
    }));
    printTable('(g) ours: rows written per task, by table', byTable, [
      ...ours.flatMap((r) =>
        r.counts.statements.topNested
          .slice(0, 3)
          .map((s) => `ours ${r.mode}, nested: ${figure(s.calls / r.tasks)}/task ${s.query}`),
      ),
    ]);
    const result: WritesResult = { tasks, payloadBytes: PAYLOAD_BYTES, callers: SUBMIT_CALLERS, runs, table };
    ctx.results.g = result;
    for (const mode of MODES) {
      const get = (system: SystemName) => {
        const run = runs.find((r) => r.system === system && r.mode === mode);
        return run ? perTask(run) : undefined;
      };
      const [o, p, g] = [get('ours'), get('pg-boss'), get('Graphile Worker')];
      const row = (metric: string, target: string, met: (ours: number, bestPeer: number) => boolean) => {
        const ours = o?.[metric];
        const peers = [p?.[metric], g?.[metric]].filter((n): n is number => n !== undefined);
        return {
          scenario: `(g) writes/task, ${mode}`,
          metric,
          ours,
          pgBoss: p?.[metric],
          graphile: g?.[metric],
          better: 'lower' as const,
          target,
          met: ours === undefined || peers.length === 0 ? undefined : met(ours, Math.min(...peers)),
        };
      };
      ctx.summary.push(
        row('WAL bytes, submit to completion', '<= best peer (goal <= 2,000)', (ours, best) => ours <= best),
        row('row writes (ins + upd + del)', '<= 4', (ours) => ours <= 4),
        row('nested statements (FK checks, triggers, functions)', '<= 1', (ours) => ours <= 1),
        row('bytes kept after completion', '<= 1,300', (ours) => ours <= 1300),
      );
    }
  },
};
