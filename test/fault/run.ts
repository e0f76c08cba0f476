/**
 * `npm run faults`: the fault suite. Runs the local runtime as a child process under a steady
 * load of tasks and injects one fault per run: kill -9 and restart, a graceful stop (SIGTERM), a
 * forced stop (a second signal), a PostgreSQL restart (a throwaway cluster, never the shared
 * server) and a Redis crash (the suite's own redis-server). For each it reports tasks accepted,
 * lost, stuck, completed twice and failed, the HTTP answers, and recovery times against their
 * bounds; the exit code is 1 when any check fails.
 *
 *   npm run faults                        # full: 2,000 tasks per fault, one fault at a time
 *   npm run faults -- --quick             # CI: 300 tasks per fault, all faults side by side
 *   npm run faults -- --only kill,redis   # some faults
 *
 * Writes test/fault/results/faults-<time>.json and the runtimes' logs next to it (git-ignored).
 * Databases go on TEST_DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432), except
 * the PostgreSQL fault's; DB_DRIVER=data-api runs the runtimes through the RDS Data API emulator.
 */
import { parseOptions, type SuiteOptions } from './options.ts';

let options: SuiteOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

const { FAULTS } = await import('./faults.ts');
const { printSummary, repoRelative, resultPaths, writeReport } = await import('./report.ts');
const { Cleanups, runFault } = await import('./scenario.ts');
type FaultResult = Awaited<ReturnType<typeof runFault>>;

const startedAt = new Date();
const runId = startedAt.getTime().toString(36);
const paths = await resultPaths(startedAt);
const live = new Set<InstanceType<typeof Cleanups>>();

// Ctrl-C: stop every runtime, server and cluster the suite started before exiting.
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  console.log('\ninterrupted: cleaning up (Ctrl-C again to leave things running)');
  void Promise.all([...live].map((cleanups) => cleanups.runAll(console.log))).then(() => process.exit(130));
});

console.log(
  `fault suite (${options.mode}): ${options.faults.join(', ')}; ${options.parallel} at a time; ` +
    `logs in ${repoRelative(paths.logDir)}`,
);
const results: FaultResult[] = [];
const queue = [...options.faults];
await Promise.all(
  Array.from({ length: Math.min(options.parallel, queue.length) }, async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const cleanups = new Cleanups();
      live.add(cleanups);
      results.push(await runFault(FAULTS[next], options, { runId, logDir: paths.logDir, cleanups }));
      live.delete(cleanups);
    }
  }),
);
results.sort((a, b) => options.faults.indexOf(a.fault) - options.faults.indexOf(b.fault));

const seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
printSummary(results, options);
await writeReport(paths.json, { startedAt, seconds, options, results });
const passed = results.every((result) => result.passed);
console.log(
  `\n${passed ? 'all faults passed' : 'FAILED'} in ${seconds} s; report: ${repoRelative(paths.json)}`,
);
process.exit(passed ? 0 : 1);
