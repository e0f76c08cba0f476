/** The suite's output: one table row per fault, the failed checks, and the JSON report. */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { join, relative } from 'node:path';
import { type Cell, renderTable } from '../../bench/lib/table.ts';
import type { SuiteOptions } from './options.ts';
import { REPO_ROOT } from './runtime-process.ts';
import type { FaultResult } from './scenario.ts';

export const RESULTS_DIR = join(REPO_ROOT, 'test', 'fault', 'results');

/** Where this run's JSON report and runtime logs go. */
export async function resultPaths(at: Date): Promise<{ json: string; logDir: string }> {
  const base = join(RESULTS_DIR, `faults-${at.toISOString().replace(/[:.]/g, '-')}`);
  await mkdir(base, { recursive: true });
  return { json: `${base}.json`, logDir: base };
}

export function repoRelative(path: string): string {
  return relative(REPO_ROOT, path);
}

function recoveryCell(result: FaultResult): Cell {
  const { recoverySeconds, waitedSeconds, notRecovered } = result.measures;
  if (typeof recoverySeconds === 'number') return recoverySeconds;
  if (typeof waitedSeconds === 'number') return `> ${waitedSeconds} (${notRecovered} not)`;
  return null;
}

export function summaryRows(results: readonly FaultResult[]): Record<string, Cell>[] {
  return results.map((result) => {
    const c = result.counts;
    return {
      fault: result.fault,
      accepted: c?.accepted,
      lost: c?.lost,
      stuck: c?.stuck,
      'double-completed': c?.doubleCompleted,
      failed: c?.failed,
      '5xx (not 503)': c?.serverErrors,
      'http 503': c ? (c.statuses['503'] ?? 0) : null,
      'recovery s': recoveryCell(result),
      'bound s': result.measures.recoveryBoundSeconds as Cell,
      'api s': result.measures.apiRecoverySeconds as Cell,
      'edge s': result.measures.edgeRecoverySeconds as Cell,
      result: result.passed ? 'pass' : 'FAIL',
    };
  });
}

export function printSummary(results: readonly FaultResult[], options: SuiteOptions): void {
  console.log(
    `\n### Fault suite (${options.mode}: ${options.tasksPerFault} tasks per fault at ${options.ratePerSecond}/s, ` +
      `task timeout ${options.taskTimeoutSeconds} s)\n`,
  );
  console.log(renderTable(summaryRows(results)));
  console.log(
    '\nrecovery: from the end of the fault (restart) until every task open at the fault ran again or ' +
      'finished; api/edge: until a submit was accepted / passed the Redis checks again.',
  );
  for (const result of results) {
    const failed = result.checks.filter((check) => !check.ok);
    if (failed.length === 0) continue;
    console.log(`\n${result.fault}: ${failed.length} failed check(s) (log: ${repoRelative(result.logFile)})`);
    for (const check of failed) console.log(`- ${check.name}: ${check.detail}`);
    for (const [kind, ids] of Object.entries(result.samples))
      console.log(`  e.g. ${kind}: ${ids.join(', ')}`);
  }
}

export async function writeReport(
  file: string,
  report: { startedAt: Date; seconds: number; options: SuiteOptions; results: readonly FaultResult[] },
): Promise<void> {
  const machine = {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
  };
  const passed = report.results.every((result) => result.passed);
  await writeFile(file, `${JSON.stringify({ ...report, machine, passed }, null, 2)}\n`);
}
