/**
 * (c) Drain: N `echo` tasks submitted 100 per call by 8 concurrent callers while the workers run;
 * the figure is first submit to last completion. Ours: the local runtime with its default settings
 * (tasks go to the medium queue: 4 pollers x 10 messages per batch, so up to 40 tasks at once).
 * Peers with the same concurrency: pg-boss work() with 4 workers x batches of 10, Graphile Worker
 * with 40 concurrent jobs (a local queue of 40), BullMQ Worker with concurrency 40.
 *
 * Our runtime's database is wrapped in a statement counter during the drain: scenario (f).
 */

import { pool, waitUntil } from '../lib/concurrency.ts';
import type { BenchContext, OursDrainResult, Scenario } from '../lib/context.ts';
import { countEdgeSkips, describeEdgeSkips } from '../lib/edge-skips.ts';
import { postJson, startOurs } from '../lib/ours.ts';
import { round } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';
import { bullmqDrain } from '../peers/bullmq.ts';
import { graphileDrain } from '../peers/graphile-worker.ts';
import { pgBossDrain } from '../peers/pg-boss.ts';

export async function oursDrain(tasks: number, submitConcurrency: number): Promise<OursDrainResult> {
  const ours = await startOurs({ label: 'drain', countStatements: true });
  try {
    const { runtime, monitor, counter } = ours;
    const batches = Array.from({ length: Math.ceil(tasks / 100) }, (_, b) =>
      Array.from({ length: Math.min(100, tasks - b * 100) }, (_, i) => ({
        type: 'echo',
        payload: { tag: 'bench', i: b * 100 + i },
      })),
    );
    counter?.reset();
    const skips = countEdgeSkips();
    const t0 = Date.now();
    await pool(batches, submitConcurrency, async (batch) => {
      await postJson(`${runtime.url}/v1/tasks/batch`, runtime.apiKey, { tasks: batch });
    });
    const submitSeconds = (Date.now() - t0) / 1000;
    await waitUntil(
      'our drain',
      async () => {
        const { rows } = await monitor.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM tasks WHERE status = 'COMPLETED'`,
        );
        return rows[0]!.n >= tasks;
      },
      600_000,
      100,
    );
    const statements = counter!.snapshot();
    const edgeSkips = skips.stop(batches.length);
    const { rows } = await monitor.query<{ last: number }>(
      'SELECT (EXTRACT(EPOCH FROM max(finished_at)) * 1000)::float8 AS last FROM tasks',
    );
    const seconds = (Number(rows[0]!.last) - t0) / 1000;
    return {
      tasks,
      seconds,
      perSecond: tasks / seconds,
      submitSeconds,
      statements,
      pollers: runtime.pollerStats(),
      workerSlots: runtime.config.concurrency.medium * runtime.config.batchSize,
      edgeSkips,
    };
  } finally {
    await ours.stop();
  }
}

export const drain: Scenario = {
  id: 'c',
  title: '(c) drain',
  async run(ctx: BenchContext) {
    const { tasks, submitConcurrency } = ctx.settings.drain;
    const ours = await oursDrain(tasks, submitConcurrency);
    ctx.shared.oursDrain = ours;
    const pgBoss = await pgBossDrain(tasks, { localConcurrency: 4, batchSize: 10 });
    const graphile = await graphileDrain(tasks);
    const bull = await bullmqDrain(tasks, 40);
    const ceiling = ctx.shared.sqsCeilingPerSecond;
    const rows = [
      {
        system: 'ours: local runtime (batch POST, relay, SQS emulator, 4x10 worker slots)',
        'tasks/s': round(ours.perSecond, 0),
        'drain s': round(ours.seconds, 2),
        'submit s': round(ours.submitSeconds, 2),
      },
      {
        system: 'pg-boss insert() + work() 4 workers x batch 10',
        'tasks/s': round(pgBoss.perSecond, 0),
        'drain s': round(pgBoss.seconds, 2),
        'submit s': round(pgBoss.submitSeconds, 2),
      },
      {
        system: 'Graphile Worker addJobs() + runner 40 jobs, local queue 40',
        'tasks/s': round(graphile.perSecond, 0),
        'drain s': round(graphile.seconds, 2),
        'submit s': round(graphile.submitSeconds, 2),
      },
      {
        system: 'BullMQ addBulk() + Worker concurrency 40',
        'tasks/s': round(bull.perSecond, 0),
        'drain s': round(bull.seconds, 2),
        'submit s': round(bull.submitSeconds, 2),
      },
    ];
    printTable(
      `${this.title}: ${tasks.toLocaleString('en-US')} no-op tasks, first submit to last completion`,
      rows,
      [
        ceiling
          ? `SQS emulator ceiling (e): ${Math.round(ceiling)} msgs/s; ours reaches ${round((100 * ours.perSecond) / ceiling, 0)}% of it`
          : 'SQS emulator ceiling (e) not measured in this run',
        'ours: the runtime database is wrapped in the statement counter during this drain (see (f))',
        `ours: submit calls that went on without the Redis edge checks: ${describeEdgeSkips(ours.edgeSkips)}`,
      ],
    );
    ctx.results.c = {
      tasks,
      ours: { ...ours, statements: undefined },
      pgBoss,
      graphile,
      bullmq: bull,
      table: rows,
    };
    ctx.summary.push(
      {
        scenario: '(c) drain',
        metric: 'tasks/s',
        ours: ours.perSecond,
        pgBoss: pgBoss.perSecond,
        graphile: graphile.perSecond,
        bullmq: bull.perSecond,
        better: 'higher',
        target: ceiling ? `>= 80% of (e) = ${Math.round(0.8 * ceiling)}` : '>= 80% of (e)',
        met: ceiling ? ours.perSecond >= 0.8 * ceiling : undefined,
      },
      {
        scenario: '(c) drain',
        metric: 'edge checks skipped %',
        ours: ours.edgeSkips.sharePercent,
        better: 'lower',
      },
    );
  },
};
