/**
 * (4) Cold-start proxy: each Lambda entry bundled as the stack bundles it (the options mirror
 * HOUSE_BUNDLING in infra/constructs/node-function.ts: esbuild, ESM, node24, minified, source map
 * in a separate file without sources content, mainFields module/main, the createRequire banner for
 * CommonJS dependencies), every dependency bundled in but pg (the functions use the Data API), the
 * AWS SDK v3 included: see docs/architecture.md, "Function bundles: what goes in". Reported: bundle size (and gzip, close to the
 * deployment zip), and module init time: the bundle imported in a fresh `node` process, the
 * import timed inside the process (median of N), plus process start to handler-ready.
 *
 * One more row, `api-one-function`, is the alternative the stack does not deploy: every route in
 * one function dispatching on the route key (docs/architecture.md, "One function per route").
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ROUTES } from '../../shared/http/routes.ts';
import type { BenchContext, Scenario } from '../lib/context.ts';
import { median, round } from '../lib/stats.ts';
import { printTable } from '../lib/table.ts';

const run = promisify(execFile);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const BANNER =
  "import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);";

/** The Lambda entries: one per API route, then relay, worker, sweeper and migrate. */
export function lambdaEntries(): { name: string; entry: string }[] {
  const entries = ROUTES.map((route) => ({
    name: `api-${route.name}`,
    entry: join(ROOT, 'functions', 'api', `${route.name}.ts`),
  }));
  for (const fn of ['relay', 'worker', 'sweeper', 'migrate'])
    entries.push({ name: fn, entry: join(ROOT, 'functions', fn, 'handler.ts') });
  return entries.filter((e) => existsSync(e.entry));
}

/** What a deployed function has in its environment at init (values need not resolve). */
const LAMBDA_ENV: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  AWS_LAMBDA_FUNCTION_NAME: 'taskforge-bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  POWERTOOLS_SERVICE_NAME: 'taskforge',
  POWERTOOLS_METRICS_NAMESPACE: 'Taskforge',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  DB_DRIVER: 'data-api',
  DATABASE_RESOURCE_ARN: 'arn:aws:rds:us-east-1:000000000000:cluster:bench',
  DATABASE_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:bench',
  DATABASE_NAME: 'taskforge',
  DATABASE_URL: 'postgres://bench@127.0.0.1:1/bench',
  REDIS_URL: 'redis://127.0.0.1:1',
  QUEUE_URL_HIGH: 'http://127.0.0.1:1/000000000000/high',
  QUEUE_URL_MEDIUM: 'http://127.0.0.1:1/000000000000/medium',
  QUEUE_URL_LOW: 'http://127.0.0.1:1/000000000000/low',
  DLQ_URL_HIGH: 'http://127.0.0.1:1/000000000000/high-dlq',
  DLQ_URL_MEDIUM: 'http://127.0.0.1:1/000000000000/medium-dlq',
  DLQ_URL_LOW: 'http://127.0.0.1:1/000000000000/low-dlq',
};

/** Imports the bundle and prints the import time and the time since process start (ms). */
const PROBE = `const t = performance.now();
const mod = await import(process.env.BENCH_BUNDLE_URL);
const importMs = performance.now() - t;
if (typeof mod.handler !== 'function') throw new Error('no handler export');
process.stdout.write(JSON.stringify({ importMs, readyMs: performance.now() }));`;

export interface ColdStartRow {
  function: string;
  bytes: number;
  gzipBytes: number;
  importMsMedian: number;
  readyMsMedian: number;
  error?: string;
}

async function measure(file: string, runs: number): Promise<{ importMs: number[]; readyMs: number[] }> {
  const importMs: number[] = [];
  const readyMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', PROBE], {
      env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV, BENCH_BUNDLE_URL: pathToFileURL(file).href },
      timeout: 30_000,
    });
    const parsed = JSON.parse(stdout) as { importMs: number; readyMs: number };
    importMs.push(parsed.importMs);
    readyMs.push(parsed.readyMs);
  }
  return { importMs, readyMs };
}

/** An entry serving every API route from one function, dispatching on API Gateway's route key. */
function oneFunctionSource(): string {
  const routes = pathToFileURL(join(ROOT, 'functions', 'api', 'routes.ts')).pathname;
  return `import { routes } from ${JSON.stringify(routes)};
const byKey = new Map(routes.map((route) => [route.method + ' ' + route.path, route.handler]));
export const handler = (event, context) => byKey.get(event.routeKey)(event, context);
`;
}

export async function coldStart(runs: number): Promise<ColdStartRow[]> {
  const out = await mkdtemp(join(tmpdir(), 'taskforge-bench-bundles-'));
  const rows: ColdStartRow[] = [];
  try {
    const oneFunction = join(out, 'entries', 'api-one-function.mjs');
    await mkdir(dirname(oneFunction), { recursive: true });
    await writeFile(oneFunction, oneFunctionSource());
    for (const { name, entry } of [...lambdaEntries(), { name: 'api-one-function', entry: oneFunction }]) {
      const outfile = join(out, name, 'index.mjs');
      try {
        await build({
          entryPoints: [entry],
          outfile,
          bundle: true,
          format: 'esm',
          platform: 'node',
          target: 'node24',
          minify: true,
          sourcemap: true,
          sourcesContent: false,
          mainFields: ['module', 'main'],
          banner: { js: BANNER },
          logLevel: 'silent',
        });
        const bytes = (await stat(outfile)).size;
        const gzipBytes = gzipSync(await readFile(outfile)).length;
        const times = await measure(outfile, runs);
        rows.push({
          function: name,
          bytes,
          gzipBytes,
          importMsMedian: median(times.importMs),
          readyMsMedian: median(times.readyMs),
        });
      } catch (err) {
        rows.push({
          function: name,
          bytes: Number.NaN,
          gzipBytes: Number.NaN,
          importMsMedian: Number.NaN,
          readyMsMedian: Number.NaN,
          error: (err as Error).message.split('\n')[0],
        });
      }
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  return rows;
}

export const coldStartScenario: Scenario = {
  id: 'cold',
  title: '(4) cold-start proxy',
  async run(ctx: BenchContext) {
    const { runs } = ctx.settings.coldStart;
    const rows = await coldStart(runs);
    const table = rows.map((r) => ({
      function: r.function,
      'bundle KiB': round(r.bytes / 1024, 0),
      'gzip KiB': round(r.gzipBytes / 1024, 0),
      'import ms (median)': round(r.importMsMedian, 1),
      'process ready ms (median)': round(r.readyMsMedian, 1),
      ...(r.error ? { error: r.error } : {}),
    }));
    printTable(`${this.title}: esbuild bundles, import in a fresh node process, median of ${runs}`, table, [
      'esbuild as the stack bundles (ESM, node24, minify, separate source map not counted, createRequire banner); every dependency bundled but pg, AWS SDK v3 included',
      'process ready: from node process start to the handler module loaded (includes node bootstrap), not the Lambda runtime init',
      'api-one-function: every route in one function (not deployed; the comparison in docs/architecture.md)',
    ]);
    ctx.results.cold = { runs, rows };
    // The summary covers what the stack deploys; the one-function row is only the comparison.
    const ok = rows.filter((r) => !r.error && r.function !== 'api-one-function');
    if (ok.length > 0) {
      const largest = ok.reduce((a, b) => (b.bytes > a.bytes ? b : a));
      const slowest = ok.reduce((a, b) => (b.importMsMedian > a.importMsMedian ? b : a));
      ctx.summary.push(
        {
          scenario: '(4) cold start',
          metric: `largest bundle KiB (${largest.function})`,
          ours: largest.bytes / 1024,
          better: 'lower',
        },
        {
          scenario: '(4) cold start',
          metric: `slowest init ms (${slowest.function})`,
          ours: slowest.importMsMedian,
          better: 'lower',
        },
      );
    }
  },
};
