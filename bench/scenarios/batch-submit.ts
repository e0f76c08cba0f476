/**
 * (b) Batch submit, 100 tasks per call, 8 concurrent callers. Ours: POST /v1/tasks/batch over HTTP
 * (autocannon, 8 connections). Peers: pg-boss `insert()`, Graphile Worker `addJobs()` and BullMQ
 * `addBulk()`.
 * The relay is kept idle during the test, as in (a).
 */
import type { BenchContext, Scenario } from '../lib/context.ts';
import { countEdgeSkips, describeEdgeSkips, type EdgeSkips } from '../lib/edge-skips.ts';
import { httpLoad } from '../lib/http-load.ts';
import { RELAY_PAUSED, startOurs } from '../lib/ours.ts';
import { round, summarize } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';
import { bullmqBatchSubmit } from '../peers/bullmq.ts';
import { graphileBatchSubmit } from '../peers/graphile-worker.ts';
import { pgBossBatchSubmit } from '../peers/pg-boss.ts';

export const batchSubmit: Scenario = {
  id: 'b',
  title: '(b) batch submit',
  async run(ctx: BenchContext) {
    const { connections, batchSize, durationSeconds } = ctx.settings.batch;
    const ours = await startOurs({ label: 'batch', runtime: RELAY_PAUSED });
    let oursResult: Awaited<ReturnType<typeof httpLoad>>;
    let edgeSkips: EdgeSkips;
    try {
      const headers = {
        'content-type': 'application/json',
        'x-api-key': ours.runtime.apiKey,
        'x-client-id': 'bench',
      };
      const body = JSON.stringify({
        tasks: Array.from({ length: batchSize }, (_, i) => ({ type: 'echo', payload: { tag: 'bench', i } })),
      });
      const requests = [{ method: 'POST' as const, path: '/v1/tasks/batch', headers, body }];
      const load = (seconds: number) =>
        httpLoad({ url: ours.runtime.url, connections, durationSeconds: seconds, headers, requests });
      await load(Math.max(1, Math.round(ctx.settings.warmupMs / 1000)));
      const skips = countEdgeSkips();
      oursResult = await load(durationSeconds);
      edgeSkips = skips.stop(oursResult.requests);
    } finally {
      await ours.stop();
    }
    const durationMs = durationSeconds * 1000;
    const pgBoss = await pgBossBatchSubmit(connections, batchSize, durationMs, ctx.settings.warmupMs);
    const graphile = await graphileBatchSubmit(connections, batchSize, durationMs, ctx.settings.warmupMs);
    const bull = await bullmqBatchSubmit(connections, batchSize, durationMs, ctx.settings.warmupMs);
    const pgLat = summarize(pgBoss.latencies);
    const graphileLat = summarize(graphile.latencies);
    const bullLat = summarize(bull.latencies);
    const oursRate = oursResult.okPerSecond * batchSize;
    const pgRate = (pgBoss.calls * batchSize) / pgBoss.seconds;
    const graphileRate = (graphile.calls * batchSize) / graphile.seconds;
    const bullRate = (bull.calls * batchSize) / bull.seconds;
    const rows = [
      {
        system: 'ours: POST /v1/tasks/batch (HTTP)',
        'tasks/s': round(oursRate, 0),
        calls: oursResult.ok,
        errors: oursResult.non2xx + oursResult.errors,
        'p50 ms/call': oursResult.latency.p50,
        'p99 ms/call': oursResult.latency.p99,
        'edge skipped %': round(edgeSkips.sharePercent, 3),
      },
      {
        system: 'pg-boss insert()',
        'tasks/s': round(pgRate, 0),
        calls: pgBoss.calls,
        errors: pgBoss.errors,
        'p50 ms/call': pgLat.p50,
        'p99 ms/call': pgLat.p99,
      },
      {
        system: 'Graphile Worker addJobs()',
        'tasks/s': round(graphileRate, 0),
        calls: graphile.calls,
        errors: graphile.errors,
        'p50 ms/call': graphileLat.p50,
        'p99 ms/call': graphileLat.p99,
      },
      {
        system: 'BullMQ addBulk()',
        'tasks/s': round(bullRate, 0),
        calls: bull.calls,
        errors: bull.errors,
        'p50 ms/call': bullLat.p50,
        'p99 ms/call': bullLat.p99,
      },
    ];
    printTable(
      `${this.title}: ${batchSize} per call, ${connections} concurrent callers, ${durationSeconds} s`,
      rows,
      [
        `ours: status codes ${JSON.stringify(oursResult.statusCodes)}; relay idle during the test`,
        `ours: calls that went on without the Redis rate limit: ${describeEdgeSkips(edgeSkips)}`,
        ...(pgBoss.firstError ? [`pg-boss first error: ${pgBoss.firstError}`] : []),
        ...(graphile.firstError ? [`Graphile Worker first error: ${graphile.firstError}`] : []),
        ...(bull.firstError ? [`BullMQ first error: ${bull.firstError}`] : []),
      ],
    );
    ctx.results.b = {
      connections,
      batchSize,
      durationSeconds,
      ours: oursResult,
      edgeSkips,
      pgBoss: { ...pgBoss, latencies: undefined, latency: pgLat },
      graphile: { ...graphile, latencies: undefined, latency: graphileLat },
      bullmq: { ...bull, latencies: undefined, latency: bullLat },
      table: rows,
    };
    ctx.summary.push(
      {
        scenario: '(b) batch submit x100',
        metric: 'tasks/s',
        ours: oursRate,
        pgBoss: pgRate,
        graphile: graphileRate,
        bullmq: bullRate,
        better: 'higher',
        target: '>= pg-boss insert()',
        met: oursRate >= pgRate,
      },
      {
        scenario: '(b) batch submit x100',
        metric: 'p99 ms/call',
        ours: oursResult.latency.p99,
        pgBoss: pgLat.p99,
        graphile: graphileLat.p99,
        bullmq: bullLat.p99,
        better: 'lower',
      },
      {
        scenario: '(b) batch submit x100',
        metric: 'edge checks skipped %',
        ours: edgeSkips.sharePercent,
        better: 'lower',
      },
    );
  },
};
