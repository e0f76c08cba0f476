/**
 * `npm run cost`: the marginal AWS cost per million no-op tasks, with batch submits (100 per
 * call) and single submits, priced from what the latest bench run counted in scenario (g)
 * (bench/results/bench-*.json) at the stage's configured memory and retention.
 *
 *   npm run cost                          # latest results; runs `npm run bench -- --only g` if none
 *   npm run cost -- --run [--quick]       # measure now, then price
 *   npm run cost -- --file <bench.json> --stage dev --api-memory-mb 256
 *
 * The model and its stated assumptions: bench/lib/cost-model.ts; the list prices and their
 * sources: bench/lib/aws-prices.ts and docs/deploy.md ("Cost per million tasks").
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stageConfig } from '../infra/config.ts';
import { PRICES_RECORDED } from './lib/aws-prices.ts';
import {
  ASSUMPTIONS,
  COST_TARGETS,
  type CostEstimate,
  costPerMillion,
  type Deployment,
  oursCountsFromRun,
  type WhatIfStep,
  whatIf,
} from './lib/cost-model.ts';
import { printTable } from './lib/table.ts';
import type { WritesResult } from './scenarios/writes-per-task.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = join(BENCH_DIR, 'results');

interface Args {
  file?: string;
  run: boolean;
  quick: boolean;
  stage: 'dev' | 'prod';
  apiMemoryMb?: number;
  workerMemoryMb?: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { run: false, quick: false, stage: 'prod' };
  const value = (i: number) => {
    const v = argv[i];
    if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--run') args.run = true;
    else if (arg === '--quick') args.quick = true;
    else if (arg === '--file') args.file = value(++i);
    else if (arg === '--stage') {
      const stage = value(++i);
      if (stage !== 'dev' && stage !== 'prod') throw new Error('--stage is dev or prod');
      args.stage = stage;
    } else if (arg === '--api-memory-mb') args.apiMemoryMb = Number(value(++i));
    else if (arg === '--worker-memory-mb') args.workerMemoryMb = Number(value(++i));
    else if (arg === '--help' || arg === '-h') {
      console.log(
        'usage: npm run cost -- [--run [--quick]] [--file bench.json] [--stage dev|prod] [--api-memory-mb N] [--worker-memory-mb N]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  return args;
}

interface Found {
  file: string;
  at: string;
  mode: string;
  writes: WritesResult;
}

async function readWrites(file: string): Promise<Found | undefined> {
  const report = JSON.parse(await readFile(file, 'utf8')) as {
    at?: string;
    mode?: string;
    scenarios?: { g?: WritesResult };
  };
  const writes = report.scenarios?.g;
  if (!writes?.runs?.some((r) => r.system === 'ours')) return undefined;
  return { file, at: report.at ?? '?', mode: report.mode ?? '?', writes };
}

/** The newest bench JSON that has scenario (g). */
async function latestWrites(): Promise<Found | undefined> {
  const files = (await readdir(RESULTS_DIR).catch(() => [] as string[]))
    .filter((f) => /^bench-.*\.json$/.test(f))
    .sort()
    .reverse();
  for (const f of files) {
    const found = await readWrites(join(RESULTS_DIR, f)).catch(() => undefined);
    if (found) return found;
  }
  return undefined;
}

function runBench(quick: boolean): void {
  const args = ['tsx', join(BENCH_DIR, 'run.ts'), '--only', 'g', ...(quick ? ['--quick'] : [])];
  console.log(`running: npx ${args.join(' ')}`);
  const result = spawnSync('npx', args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`the bench run failed (exit ${result.status})`);
}

const usd = (n: number) => `$${n < 0.01 ? n.toFixed(4) : n.toFixed(3)}`;

function printEstimate(estimate: CostEstimate, deployment: Deployment): void {
  const rows = [...estimate.lines]
    .sort((a, b) => b.usd - a.usd)
    .map((l) => ({
      'line item': l.item,
      'quantity per million tasks': Number(l.quantity.toPrecision(4)),
      unit: l.price.unit,
      'list price': `$${l.price.usd} / ${l.price.per.toLocaleString('en-US')}`,
      'USD per million tasks': usd(l.usd),
      share: `${Math.round((100 * l.usd) / estimate.total)} %`,
      basis: l.basis,
    }));
  rows.push({
    'line item': 'total',
    'quantity per million tasks': Number.NaN,
    unit: '',
    'list price': '',
    'USD per million tasks': usd(estimate.total),
    share: '100 %',
    basis: `target <= $${COST_TARGETS[estimate.mode].toFixed(2)}: ${estimate.total <= COST_TARGETS[estimate.mode] ? 'met' : 'NOT met'}`,
  });
  printTable(
    `${estimate.mode === 'batch' ? 'Batch submits (100 per call)' : 'Single submits'}: marginal cost per million no-op tasks, ${deployment.stage} stage`,
    rows,
    [
      `derived: ${estimate.derived.tasksPerRequest} tasks per API request, ${Math.round(estimate.derived.tasksPerWorkerInvocation * 100) / 100} per worker invocation; API invocation ~${estimate.derived.apiMs} ms, worker invocation ~${estimate.derived.workerMs} ms (stated per-call times, see below)`,
    ],
  );
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let found = args.file ? await readWrites(args.file) : args.run ? undefined : await latestWrites();
  if (args.file && !found) throw new Error(`${args.file} has no scenario (g) with ours`);
  if (!found) {
    if (!args.run) console.log('no bench results with scenario (g) yet: measuring them first');
    runBench(args.quick);
    found = await latestWrites();
    if (!found) throw new Error('the bench run wrote no scenario (g)');
  }
  const config = stageConfig({ tryGetContext: (key: string) => (key === 'stage' ? args.stage : undefined) });
  const deployment: Deployment = {
    stage: args.stage,
    apiMemoryMb: args.apiMemoryMb ?? config.api.memoryMb,
    workerMemoryMb: args.workerMemoryMb ?? config.worker.memoryMb,
    taskRetentionDays: config.taskRetentionDays,
  };
  console.log(`# Marginal AWS cost per million no-op tasks`);
  console.log(
    `counts: ${relative(process.cwd(), found.file)} (${found.mode} run at ${found.at}, scenario (g): ${found.writes.tasks.toLocaleString('en-US')} tasks per mode, ${found.writes.payloadBytes}-byte payload)`,
  );
  console.log(
    `deployment: ${deployment.stage} stage, API ${deployment.apiMemoryMb} MB, worker ${deployment.workerMemoryMb} MB (arm64), tasks kept ${deployment.taskRetentionDays} days; us-east-1 list prices recorded ${PRICES_RECORDED} (sources: docs/deploy.md)`,
  );
  const estimates: CostEstimate[] = [];
  const steps: Partial<Record<'batch' | 'single', WhatIfStep[]>> = {};
  for (const mode of ['batch', 'single'] as const) {
    const run = found.writes.runs.find((r) => r.system === 'ours' && r.mode === mode);
    if (!run) {
      console.log(`\n(no (g) run of ours with ${mode} submits)`);
      continue;
    }
    const counts = oursCountsFromRun(run);
    const estimate = costPerMillion(counts, deployment);
    estimates.push(estimate);
    printEstimate(estimate, deployment);
    const peers = found.writes.runs.filter((r) => r.system !== 'ours' && r.mode === mode);
    const bestPeerCpu = Math.min(...peers.map((r) => r.counts.cpuSeconds / r.tasks));
    steps[mode] = whatIf(
      counts,
      deployment,
      Number.isFinite(bestPeerCpu) ? bestPeerCpu : Number.POSITIVE_INFINITY,
    );
  }
  printTable(
    'Totals',
    estimates.map((e) => {
      const top = [...e.lines].sort((a, b) => b.usd - a.usd).slice(0, 3);
      return {
        submits: e.mode,
        'USD per million tasks': usd(e.total),
        target: `<= $${COST_TARGETS[e.mode].toFixed(2)}`,
        'met?': e.total <= COST_TARGETS[e.mode] ? 'yes' : 'NO',
        'largest items': top.map((l) => `${l.item} ${Math.round((100 * l.usd) / e.total)} %`).join(', '),
      };
    }),
    [
      `stated per-call times: Data API call ${ASSUMPTIONS.dataApiCallMs} ms, SQS call ${ASSUMPTIONS.sqsCallMs} ms, Redis ${ASSUMPTIONS.redisCallMs} ms x ${ASSUMPTIONS.redisCallsPerRequest}, ${ASSUMPTIONS.invocationOverheadMs} ms per invocation + ${ASSUMPTIONS.perTaskMs} ms per task; ${ASSUMPTIONS.acuSecondsPerCpuSecond} ACU-s per PostgreSQL CPU-s; one Aurora I/O per ${ASSUMPTIONS.walBytesPerIo} WAL bytes; ${ASSUMPTIONS.logBytesPerInvocation} log bytes and ${ASSUMPTIONS.tracedShare * 100} % traced per invocation`,
      'left out as fixed (paid with no tasks): the relay and sweeper functions (a 55 s loop and a sweep every minute), idle polls and empty long polls, the Aurora floor, endpoints, ElastiCache (see docs/deploy.md "Idle cost of a dev stage")',
    ],
  );
  const changes = [...new Set([...(steps.batch ?? []), ...(steps.single ?? [])].map((s) => s.change))];
  const totalAfter = (mode: 'batch' | 'single', change: string) => {
    const found = steps[mode]?.find((s) => s.change === change);
    return found ? usd(found.estimate.total) : undefined;
  };
  printTable(
    'What would meet the targets (each step on top of those above)',
    changes.map((change) => ({
      change,
      [`batch (target $${COST_TARGETS.batch.toFixed(2)})`]: totalAfter('batch', change),
      [`single (target $${COST_TARGETS.single.toFixed(2)})`]: totalAfter('single', change),
    })),
  );
}

try {
  await main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
