/**
 * (d) Steady load: single submits at a fixed rate (default 500/s for 30 s), open loop with evenly
 * spaced arrivals, while the workers run; submit-to-start latency p50/p99.
 * - ours: POST /v1/tasks (HTTP, keep-alive, sent from a worker thread as autocannon does in (a));
 *   tasks.created_at (insert) -> started_at (worker claim), both PostgreSQL timestamps; runtime defaults (relay idle wait 100 ms, 1 s long polls).
 * - pg-boss: send(); job.created_on -> started_on; LISTEN/NOTIFY on, polling 0.5 s, 4 workers x 10.
 * - Graphile Worker: addJob(); job.created_at -> task function start; LISTEN/NOTIFY, 40 jobs.
 * - BullMQ: add(); job.timestamp (set by add) -> processor start; Worker concurrency 40.
 * A one-second warm-up at the same rate is left out of the figures.
 */

import { waitUntil } from '../lib/concurrency.ts';
import type { BenchContext, Scenario } from '../lib/context.ts';
import { startOurs } from '../lib/ours.ts';
import { pacedPost } from '../lib/paced-http.ts';
import { type LatencySummary, round, summarize } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';
import { bullmqSteady } from '../peers/bullmq.ts';
import { graphileSteady } from '../peers/graphile-worker.ts';
import { pgBossSteady } from '../peers/pg-boss.ts';

interface SteadyFigures {
  rate: number;
  achievedRate: number;
  sent: number;
  errors: number;
  submitLatency: LatencySummary;
  startLatency: LatencySummary;
  firstError?: string;
}

async function oursSteady(rate: number, durationMs: number): Promise<SteadyFigures> {
  const ours = await startOurs({ label: 'steady' });
  try {
    const { runtime, monitor } = ours;
    const submit = (tag: string, durationMs: number) =>
      pacedPost({
        url: runtime.url,
        headers: { 'x-api-key': runtime.apiKey, 'x-client-id': tag },
        tag,
        rate,
        durationMs,
      });
    await submit('warmup', 1000);
    const sent = await submit('bench-steady', durationMs);
    const expected = sent.sent - sent.errors;
    await waitUntil(
      'our steady tasks to start',
      async () => {
        const { rows } = await monitor.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM tasks WHERE client_id = 'bench-steady' AND started_at IS NOT NULL`,
        );
        return rows[0]!.n >= expected;
      },
      120_000,
      100,
    );
    const { rows } = await monitor.query<{ ms: number }>(
      `SELECT (EXTRACT(EPOCH FROM started_at - created_at) * 1000)::float8 AS ms
         FROM tasks WHERE client_id = 'bench-steady'`,
    );
    return {
      rate,
      achievedRate: sent.achievedRate,
      sent: sent.sent,
      errors: sent.errors,
      submitLatency: summarize(sent.latencies),
      startLatency: summarize(rows.map((r) => Number(r.ms))),
      firstError: sent.firstError,
    };
  } finally {
    await ours.stop();
  }
}

export const steadyRate: Scenario = {
  id: 'd',
  title: '(d) steady rate',
  async run(ctx: BenchContext) {
    const { rate, durationSeconds } = ctx.settings.steady;
    const durationMs = durationSeconds * 1000;
    const ours = await oursSteady(rate, durationMs);
    const pgBoss = await pgBossSteady(rate, durationMs, { localConcurrency: 4, batchSize: 10 });
    const graphile = await graphileSteady(rate, durationMs);
    const bull = await bullmqSteady(rate, durationMs, 40);
    const row = (system: string, r: SteadyFigures) => ({
      system,
      'achieved/s': round(r.achievedRate, 0),
      sent: r.sent,
      errors: r.errors,
      'start p50 ms': r.startLatency.p50,
      'start p90 ms': r.startLatency.p90,
      'start p99 ms': r.startLatency.p99,
      'start max ms': r.startLatency.max,
      'submit p99 ms': r.submitLatency.p99,
    });
    const rows = [
      row('ours: POST /v1/tasks -> worker claim', ours),
      row('pg-boss send() -> work() (NOTIFY)', pgBoss),
      row('Graphile Worker addJob() -> task (NOTIFY)', graphile),
      row('BullMQ add() -> Worker', bull),
    ];
    printTable(`${this.title}: ${rate} tasks/s for ${durationSeconds} s, submit-to-start`, rows, [
      ...(ours.firstError ? [`ours first error: ${ours.firstError}`] : []),
    ]);
    ctx.results.d = { rate, durationSeconds, ours, pgBoss, graphile, bullmq: bull, table: rows };
    ctx.summary.push(
      {
        scenario: `(d) steady ${rate}/s`,
        metric: 'submit-to-start p50 ms',
        ours: ours.startLatency.p50,
        pgBoss: pgBoss.startLatency.p50,
        graphile: graphile.startLatency.p50,
        bullmq: bull.startLatency.p50,
        better: 'lower',
      },
      {
        scenario: `(d) steady ${rate}/s`,
        metric: 'submit-to-start p99 ms',
        ours: ours.startLatency.p99,
        pgBoss: pgBoss.startLatency.p99,
        graphile: graphile.startLatency.p99,
        bullmq: bull.startLatency.p99,
        better: 'lower',
        target: '<= 100 ms',
        met: ours.startLatency.p99 <= 100,
      },
    );
  },
};
