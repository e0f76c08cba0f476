/**
 * What one run of the fault suite does: which faults, how much load, how long it waits. Two
 * presets (full, quick) and flags that override them.
 */
import { parseArgs } from 'node:util';

export const FAULT_NAMES = ['kill', 'sigterm', 'force-stop', 'postgres', 'redis'] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

export interface SuiteOptions {
  mode: 'full' | 'quick';
  faults: FaultName[];
  /** Tasks submitted per fault (singles and batches). */
  tasksPerFault: number;
  /** Steady submit rate, tasks per second. */
  ratePerSecond: number;
  /** The fault is injected this long after the load starts (once a task is RUNNING). */
  faultAfterSeconds: number;
  /** How long PostgreSQL and Redis stay down. */
  outageSeconds: number;
  /** `timeoutSeconds` of every task: recovery after a crash is bounded by it plus 30 s. */
  taskTimeoutSeconds: number;
  /**
   * The longest wait, from the end of a fault, for every task to be terminal. Quick mode stops
   * shortly after the recovery bound; full mode waits long enough to measure a recovery that
   * takes the queues' visibility timeout (720 s locally).
   */
  waitSeconds: number;
  /** Faults run at the same time (each has its own runtime, database, Redis and port). */
  parallel: number;
  /** Seed of the task mix (which types, priorities, batches, keys); timing is never seeded. */
  seed: number;
  /** Keep the databases and temporary directories for inspection. */
  keep: boolean;
}

/** Recovery after a lost worker: the task's timeout plus this margin (issue 11, item 1). */
export const RECOVERY_MARGIN_SECONDS = 30;

const FULL: Omit<SuiteOptions, 'faults' | 'seed' | 'keep'> = {
  mode: 'full',
  tasksPerFault: 2000,
  ratePerSecond: 40,
  faultAfterSeconds: 20,
  outageSeconds: 10,
  taskTimeoutSeconds: 10,
  waitSeconds: 900,
  parallel: 1,
};

// Side by side, so that the whole quick run (waits included) fits in about 90 s.
const QUICK: Omit<SuiteOptions, 'faults' | 'seed' | 'keep'> = {
  mode: 'quick',
  tasksPerFault: 300,
  ratePerSecond: 25,
  faultAfterSeconds: 4,
  outageSeconds: 5,
  taskTimeoutSeconds: 10,
  waitSeconds: 10 + RECOVERY_MARGIN_SECONDS + 20,
  parallel: FAULT_NAMES.length,
};

export const USAGE = `npm run faults -- [--quick] [--only kill,sigterm,force-stop,postgres,redis]
  [--tasks N] [--rate N] [--wait SECONDS] [--parallel N] [--seed N] [--keep]`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number`);
  return parsed;
}

export function parseOptions(argv: string[]): SuiteOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      tasks: { type: 'string' },
      rate: { type: 'string' },
      wait: { type: 'string' },
      parallel: { type: 'string' },
      seed: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  const preset = values.quick ? QUICK : FULL;
  const faults = values.only
    ? values.only.split(',').map((name) => {
        const trimmed = name.trim();
        if (!(FAULT_NAMES as readonly string[]).includes(trimmed)) {
          throw new Error(`unknown fault "${trimmed}"; choose from ${FAULT_NAMES.join(', ')}`);
        }
        return trimmed as FaultName;
      })
    : [...FAULT_NAMES];
  return {
    ...preset,
    faults,
    tasksPerFault: Math.round(positive('tasks', values.tasks, preset.tasksPerFault)),
    ratePerSecond: positive('rate', values.rate, preset.ratePerSecond),
    waitSeconds: positive('wait', values.wait, preset.waitSeconds),
    parallel: Math.round(positive('parallel', values.parallel, preset.parallel)),
    seed: Math.round(positive('seed', values.seed, 11)),
    keep: values.keep ?? false,
  };
}
