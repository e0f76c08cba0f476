/**
 * `npm run bench`: throughput and latency of the local runtime, side by side with pg-boss,
 * Graphile Worker and BullMQ on the same PostgreSQL and Redis, in one run.
 *
 *   npm run bench                  # everything (about 16 minutes on 2 cores)
 *   npm run bench -- --quick       # the same scenarios, shorter (about 3 minutes)
 *   npm run bench -- --only a,c    # some scenarios: a b c d e f g cold
 *
 * Scenarios: (e) the SQS emulator's own rate (the local ceiling for (c)); (a) single submit;
 * (b) batch submit of 100; (c) drain; (d) steady rate, submit-to-start; (f) SQL statements per task
 * (counted during (c)); (g) writes per task (WAL, rows, nested statements, bytes kept: counted on a
 * PostgreSQL cluster the bench starts for it; `npm run cost` prices them); (cold) bundle size and
 * module init time of each Lambda. Each prints a table
 * as it completes; the run ends with a summary and writes everything to
 * bench/results/bench-<timestamp>.json. Every system gets a fresh database or Redis key prefix,
 * removed at the end (also on Ctrl-C).
 *
 * Environment: BENCH_DATABASE_URL (or TEST_DATABASE_URL) names the PostgreSQL server (default
 * postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL the Redis (default redis://127.0.0.1:6379).
 */
import { loadavg } from 'node:os';
import type { BenchContext, Scenario, SummaryRow } from './lib/context.ts';

const env = process.env;
// Before the logger and metrics load: per-request log lines and EMF output would dominate.
env.POWERTOOLS_METRICS_DISABLED = 'true';
env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
env.AWS_REGION ??= 'us-east-1';
env.AWS_ACCESS_KEY_ID ??= 'test';
env.AWS_SECRET_ACCESS_KEY ??= 'test';

const { FULL, QUICK } = await import('./lib/context.ts');
const { cleanupAll } = await import('./lib/fresh-db.ts');
const { describeMachine, repoRelative, reportPaths, writeReport } = await import('./lib/output.ts');
const { startLogCapture, stopLogCapture, takeLogTally } = await import('./lib/log-capture.ts');
const { ratio, round } = await import('./lib/stats.ts');
const { printTable } = await import('./lib/table.ts');
const { sqsCeilingScenario } = await import('./scenarios/sqs-ceiling.ts');
const { singleSubmit } = await import('./scenarios/single-submit.ts');
const { batchSubmit } = await import('./scenarios/batch-submit.ts');
const { drain } = await import('./scenarios/drain.ts');
const { steadyRate } = await import('./scenarios/steady-rate.ts');
const { statements } = await import('./scenarios/statements.ts');
const { writesPerTask } = await import('./scenarios/writes-per-task.ts');
const { coldStartScenario } = await import('./scenarios/cold-start.ts');

/** In run order: (e) first, since (c)'s target is a share of it. */
const SCENARIOS: Scenario[] = [
  sqsCeilingScenario,
  singleSubmit,
  batchSubmit,
  drain,
  steadyRate,
  statements,
  writesPerTask,
  coldStartScenario,
];

function parseArgs(argv: string[]): { quick: boolean; only: Set<string> | undefined } {
  let quick = false;
  let only: Set<string> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value) throw new Error('--only needs a list, e.g. --only a,c');
      only = new Set(
        value
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .map((s) => (s === '4' ? 'cold' : s)),
      );
      const unknown = [...only].filter((id) => !SCENARIOS.some((s) => s.id === id));
      if (unknown.length > 0)
        throw new Error(
          `unknown scenario(s) ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.id).join(' ')}`,
        );
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: npm run bench -- [--quick] [--only a,b,c,d,e,f,g,cold]');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  return { quick, only };
}

function summaryTable(rows: SummaryRow[]) {
  const fmt = (n: number | undefined) =>
    n === undefined || !Number.isFinite(n) ? undefined : round(n, n < 1 ? 3 : n < 10 ? 2 : n < 100 ? 1 : 0);
  const r2 = (n: number) => (Number.isFinite(n) ? round(n, 2) : undefined);
  return rows.map((row) => ({
    scenario: row.scenario,
    metric: row.metric,
    ours: fmt(row.ours),
    'pg-boss': fmt(row.pgBoss),
    Graphile: fmt(row.graphile),
    BullMQ: fmt(row.bullmq),
    'ours/pg-boss': r2(ratio(row.ours, row.pgBoss)),
    'ours/Graphile': r2(ratio(row.ours, row.graphile)),
    'ours/BullMQ': r2(ratio(row.ours, row.bullmq)),
    target: row.target,
    'met?': row.met === undefined ? undefined : row.met ? 'yes' : 'NO',
  }));
}

async function main(): Promise<void> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const settings = quick ? QUICK : FULL;
  const selected = SCENARIOS.filter((s) => !only || only.has(s.id));
  const at = new Date();
  const started = performance.now();
  const machine = await describeMachine();
  console.log(`# Taskforge benchmark (${quick ? 'quick' : 'full'}), ${at.toISOString()}`);
  console.log(
    `machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}; node ${machine.node}; PostgreSQL ${machine.postgres}; Redis ${machine.redis}`,
  );
  console.log(
    'everything (load generators, our runtime, pg-boss, Graphile Worker, BullMQ, PostgreSQL, Redis) shares these cores; systems run one after another, never at once',
  );
  console.log(`scenarios: ${selected.map((s) => s.id).join(' ')}`);
  const loadAtStart = loadavg()[0]!;
  console.log(
    `load average (1 min) at start: ${round(loadAtStart, 2)}${loadAtStart > machine.cores / 2 ? ' -- other processes are busy; figures will be lower and noisier' : ''}`,
  );

  const paths = await reportPaths(at);
  console.log(`runtime log lines (JSON) go to ${repoRelative(paths.log)}; counts are printed per scenario`);
  startLogCapture(paths.log);

  const ctx: BenchContext = { quick, settings, results: {}, summary: [], shared: {} };
  const failures: { id: string; error: string }[] = [];
  const logLines: Record<string, Record<string, number>> = {};
  for (const scenario of selected) {
    const t = performance.now();
    try {
      await scenario.run(ctx);
    } catch (err) {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      failures.push({ id: scenario.id, error: message });
      console.error(`\n${scenario.title} FAILED: ${message}`);
    }
    const tally = takeLogTally();
    if (Object.keys(tally).length > 0) {
      logLines[scenario.id] = tally;
      console.log(
        `runtime log lines during ${scenario.title}: ${Object.entries(tally)
          .map(([line, n]) => `${n} x ${line}`)
          .join('; ')}`,
      );
    }
    console.log(`(${scenario.title}: ${round((performance.now() - t) / 1000, 1)} s)`);
  }
  await stopLogCapture();

  const seconds = (performance.now() - started) / 1000;
  const loadAtEnd = loadavg()[0]!;
  const summary = summaryTable(ctx.summary);
  printTable(
    `Summary (${quick ? 'quick' : 'full'} run, ${round(seconds, 0)} s, ${machine.cores} cores, node ${machine.node})`,
    summary,
    ['ratios are ours / peer: above 1 is better for throughput, below 1 is better for latency'],
  );
  await writeReport(
    {
      benchmark: 'taskforge-bench',
      at: at.toISOString(),
      mode: quick ? 'quick' : 'full',
      durationSeconds: round(seconds, 1),
      machine: {
        ...machine,
        loadAverageAtStart: round(loadAtStart, 2),
        loadAverageAtEnd: round(loadAtEnd, 2),
      },
      settings,
      scenarios: ctx.results,
      summary: ctx.summary,
      summaryTable: summary,
      logLines,
      failures,
    },
    paths.json,
  );
  console.log(`\nwritten to ${repoRelative(paths.json)}`);
  if (failures.length > 0) {
    console.error(`failed scenarios: ${failures.map((f) => f.id).join(', ')}`);
    process.exitCode = 1;
  }
}

let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  console.error('\ninterrupted: dropping the benchmark databases and Redis keys');
  void cleanupAll().finally(() => process.exit(130));
});

try {
  await main();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await cleanupAll();
}
// pg-boss, BullMQ and SDK clients may keep sockets or timers for a moment after closing.
setTimeout(() => process.exit(), 500).unref();
