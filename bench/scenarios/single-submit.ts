/**
 * (a) Single submit. Ours: POST /v1/tasks over HTTP with autocannon (real API key; the bench
 * tenant's rate limit raised; a unique Idempotency-Key on every other request). Peers: pg-boss
 * `send()`, Graphile Worker `addJob()` and BullMQ `queue.add()` from the same number of
 * concurrent callers.
 *
 * The relay is kept idle during this test (ours), so the figure is the submit path alone, as for
 * the peers, whose workers are not running either.
 */
import type { BenchContext, Scenario } from '../lib/context.ts';
import {
  countEdgeSkips,
  describeEdgeSkips,
  EDGE_SKIP_TARGET_PERCENT,
  type EdgeSkips,
} from '../lib/edge-skips.ts';
import { type HttpLoadResult, httpLoad } from '../lib/http-load.ts';
import { RELAY_PAUSED, startOurs } from '../lib/ours.ts';
import { round, summarize } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';
import { bullmqSingleSubmit } from '../peers/bullmq.ts';
import { graphileSingleSubmit } from '../peers/graphile-worker.ts';
import { pgBossSingleSubmit } from '../peers/pg-boss.ts';

async function withEnv<T>(vars: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await work();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

async function oursSingleSubmit(
  connections: number,
  durationSeconds: number,
  warmupSeconds: number,
): Promise<{ result: HttpLoadResult; storedTasks: number; edgeSkips: EdgeSkips }> {
  const ours = await startOurs({ label: 'single', runtime: RELAY_PAUSED });
  try {
    const headers = {
      'content-type': 'application/json',
      'x-api-key': ours.runtime.apiKey,
      'x-client-id': 'bench',
    };
    const body = JSON.stringify({ type: 'echo', payload: { tag: 'bench', text: 'hello' } });
    const requests = [
      {
        method: 'POST' as const,
        path: '/v1/tasks',
        headers: { ...headers, 'idempotency-key': 'bench-[<id>]' },
        body,
      },
      { method: 'POST' as const, path: '/v1/tasks', headers, body },
    ];
    const load = (seconds: number) =>
      httpLoad({ url: ours.runtime.url, connections, durationSeconds: seconds, headers, requests });
    await load(warmupSeconds);
    const skips = countEdgeSkips();
    const result = await load(durationSeconds);
    const edgeSkips = skips.stop(result.requests);
    const { rows } = await ours.monitor.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks');
    return { result, storedTasks: rows[0]!.n, edgeSkips };
  } finally {
    await ours.stop();
  }
}

export const singleSubmit: Scenario = {
  id: 'a',
  title: '(a) single submit',
  async run(ctx: BenchContext) {
    const { connections, durationSeconds } = ctx.settings.single;
    const warmupSeconds = Math.max(1, Math.round(ctx.settings.warmupMs / 1000));
    const {
      result: oursResult,
      storedTasks,
      edgeSkips,
    } = await oursSingleSubmit(connections, durationSeconds, warmupSeconds);
    // Full runs also measure the API without the Redis edge checks, to show what they cost.
    const edgeOff = ctx.quick
      ? undefined
      : await withEnv({ EDGE_PROTECTION: 'false' }, () =>
          oursSingleSubmit(connections, durationSeconds, warmupSeconds),
        );
    const durationMs = durationSeconds * 1000;
    const pgBoss = await pgBossSingleSubmit(connections, durationMs, ctx.settings.warmupMs);
    const graphile = await graphileSingleSubmit(connections, durationMs, ctx.settings.warmupMs);
    const bull = await bullmqSingleSubmit(connections, durationMs, ctx.settings.warmupMs);
    const pgLat = summarize(pgBoss.latencies);
    const graphileLat = summarize(graphile.latencies);
    const bullLat = summarize(bull.latencies);
    const rows = [
      {
        system: 'ours: POST /v1/tasks (HTTP)',
        'jobs/s': round(oursResult.okPerSecond, 0),
        ok: oursResult.ok,
        errors: oursResult.non2xx + oursResult.errors,
        'p50 ms': oursResult.latency.p50,
        'p90 ms': oursResult.latency.p90,
        'p99 ms': oursResult.latency.p99,
        'max ms': oursResult.latency.max,
        'edge skipped %': round(edgeSkips.sharePercent, 3),
      },
      ...(edgeOff
        ? [
            {
              system: 'ours, EDGE_PROTECTION=false (no Redis checks)',
              'jobs/s': round(edgeOff.result.okPerSecond, 0),
              ok: edgeOff.result.ok,
              errors: edgeOff.result.non2xx + edgeOff.result.errors,
              'p50 ms': edgeOff.result.latency.p50,
              'p90 ms': edgeOff.result.latency.p90,
              'p99 ms': edgeOff.result.latency.p99,
              'max ms': edgeOff.result.latency.max,
            },
          ]
        : []),
      {
        system: 'pg-boss send()',
        'jobs/s': round(pgBoss.calls / pgBoss.seconds, 0),
        ok: pgBoss.calls,
        errors: pgBoss.errors,
        'p50 ms': pgLat.p50,
        'p90 ms': pgLat.p90,
        'p99 ms': pgLat.p99,
        'max ms': pgLat.max,
      },
      {
        system: 'Graphile Worker addJob()',
        'jobs/s': round(graphile.calls / graphile.seconds, 0),
        ok: graphile.calls,
        errors: graphile.errors,
        'p50 ms': graphileLat.p50,
        'p90 ms': graphileLat.p90,
        'p99 ms': graphileLat.p99,
        'max ms': graphileLat.max,
      },
      {
        system: 'BullMQ queue.add()',
        'jobs/s': round(bull.calls / bull.seconds, 0),
        ok: bull.calls,
        errors: bull.errors,
        'p50 ms': bullLat.p50,
        'p90 ms': bullLat.p90,
        'p99 ms': bullLat.p99,
        'max ms': bullLat.max,
      },
    ];
    printTable(`${this.title}: ${connections} concurrent callers, ${durationSeconds} s`, rows, [
      `ours: autocannon in a worker thread, every other request with a unique Idempotency-Key; status codes ${JSON.stringify(oursResult.statusCodes)}; tasks stored (incl. warm-up): ${storedTasks}`,
      'ours: relay idle during the test (submit path only, like the peers without workers); latency at 1 ms resolution',
      `ours: requests that went on without the Redis edge checks (rate limit, Idempotency-Key): ${describeEdgeSkips(edgeSkips)}; target <= ${EDGE_SKIP_TARGET_PERCENT} %`,
      ...(pgBoss.firstError ? [`pg-boss first error: ${pgBoss.firstError}`] : []),
      ...(graphile.firstError ? [`Graphile Worker first error: ${graphile.firstError}`] : []),
      ...(bull.firstError ? [`BullMQ first error: ${bull.firstError}`] : []),
    ]);
    ctx.results.a = {
      connections,
      durationSeconds,
      ours: oursResult,
      storedTasks,
      edgeSkips,
      pgBoss: { ...pgBoss, latencies: undefined, latency: pgLat },
      graphile: { ...graphile, latencies: undefined, latency: graphileLat },
      bullmq: { ...bull, latencies: undefined, latency: bullLat },
      table: rows,
    };
    const oursRate = oursResult.okPerSecond;
    const pgRate = pgBoss.calls / pgBoss.seconds;
    ctx.summary.push(
      {
        scenario: '(a) single submit',
        metric: 'jobs/s',
        ours: oursRate,
        pgBoss: pgRate,
        graphile: graphile.calls / graphile.seconds,
        bullmq: bull.calls / bull.seconds,
        better: 'higher',
        target: '>= 2x pg-boss send()',
        met: oursRate >= 2 * pgRate,
      },
      {
        scenario: '(a) single submit',
        metric: 'p99 ms',
        ours: oursResult.latency.p99,
        pgBoss: pgLat.p99,
        graphile: graphileLat.p99,
        bullmq: bullLat.p99,
        better: 'lower',
        target: '<= 20 ms',
        met: oursResult.latency.p99 <= 20,
      },
      {
        scenario: '(a) single submit',
        metric: 'edge checks skipped %',
        ours: edgeSkips.sharePercent,
        better: 'lower',
        target: `<= ${EDGE_SKIP_TARGET_PERCENT} %`,
        met: edgeSkips.sharePercent <= EDGE_SKIP_TARGET_PERCENT,
      },
    );
  },
};
