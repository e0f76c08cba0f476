/** Machine description and the JSON report under bench/results/ (gitignored). */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { databaseUrl, REDIS_URL } from './fresh-db.ts';

const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  redis: string;
}

export async function describeMachine(): Promise<Machine> {
  let postgres = 'unknown';
  let redis = 'unknown';
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    postgres = rows[0]?.v ?? 'unknown';
  } finally {
    await client.end().catch(() => undefined);
  }
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  r.on('error', () => undefined);
  try {
    await r.connect();
    redis = /redis_version:(\S+)/.exec(await r.info('server'))?.[1] ?? 'unknown';
  } catch {
    redis = 'unreachable';
  } finally {
    r.disconnect();
  }
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.version,
    postgres,
    redis,
  };
}

/** The report's path and the runtime log's, for a run started at `at`. */
export async function reportPaths(at: Date): Promise<{ json: string; log: string }> {
  const dir = join(BENCH_DIR, 'results');
  await mkdir(dir, { recursive: true });
  const base = join(dir, `bench-${at.toISOString().replace(/[:.]/g, '-')}`);
  return { json: `${base}.json`, log: `${base}.log` };
}

/** A path relative to the repository, for printing. */
export function repoRelative(path: string): string {
  return relative(join(BENCH_DIR, '..'), path);
}

export async function writeReport(report: unknown, file: string): Promise<void> {
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}
