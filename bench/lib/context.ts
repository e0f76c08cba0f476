/** What every scenario gets: the run's settings, and where it puts its figures. */
import type { StatementCounts } from './counting-database.ts';
import type { EdgeSkips } from './edge-skips.ts';
import type { Cell } from './table.ts';

export interface Settings {
  /** Warm-up before each measured closed-loop run, ms. */
  warmupMs: number;
  single: { connections: number; durationSeconds: number };
  batch: { connections: number; batchSize: number; durationSeconds: number };
  drain: { tasks: number; submitConcurrency: number };
  steady: { rate: number; durationSeconds: number };
  sqs: { messages: number };
  coldStart: { runs: number };
  /** (g): tasks submitted and drained per system and submit mode. */
  writes: { tasks: number };
}

export const FULL: Settings = {
  warmupMs: 3000,
  single: { connections: 50, durationSeconds: 20 },
  batch: { connections: 8, batchSize: 100, durationSeconds: 20 },
  drain: { tasks: 20_000, submitConcurrency: 8 },
  steady: { rate: 500, durationSeconds: 30 },
  sqs: { messages: 20_000 },
  coldStart: { runs: 10 },
  writes: { tasks: 10_000 },
};

/** `--quick`: the same scenarios, short enough for the whole run to stay under 2 minutes. */
export const QUICK: Settings = {
  warmupMs: 1000,
  single: { connections: 50, durationSeconds: 3 },
  batch: { connections: 8, batchSize: 100, durationSeconds: 3 },
  drain: { tasks: 2000, submitConcurrency: 8 },
  steady: { rate: 500, durationSeconds: 4 },
  sqs: { messages: 2000 },
  coldStart: { runs: 1 },
  writes: { tasks: 2000 },
};

export interface SummaryRow {
  scenario: string;
  metric: string;
  ours: number | undefined;
  pgBoss?: number | undefined;
  bullmq?: number | undefined;
  graphile?: number | undefined;
  /** Whether higher is better (throughput) or lower (latency), for reading the ratios. */
  better: 'higher' | 'lower';
  target?: string;
  met?: boolean | undefined;
}

/** The drain scenario's figures for ours, which the statements scenario reads too. */
export interface OursDrainResult {
  tasks: number;
  seconds: number;
  perSecond: number;
  submitSeconds: number;
  statements: StatementCounts;
  pollers: unknown;
  workerSlots: number;
  /** Submit calls that went on without the Redis edge checks while the workers ran. */
  edgeSkips: EdgeSkips;
}

export interface BenchContext {
  quick: boolean;
  settings: Settings;
  /** Raw figures per scenario id, written to the JSON report. */
  results: Record<string, unknown>;
  summary: SummaryRow[];
  /** Shared between scenarios (the drain's statement counts feed (f), (e) feeds (c)'s target). */
  shared: {
    sqsCeilingPerSecond?: number;
    oursDrain?: OursDrainResult;
  };
}

export interface Scenario {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<void>;
}

export type Row = Record<string, Cell>;
