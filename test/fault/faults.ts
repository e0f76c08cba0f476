/**
 * The faults, each injected into a running load: what it does, what it measures and the bounds
 * recovery must meet. Recovery is always measured from the fault's end (the restart of what was
 * stopped) until every task that was not terminal when the fault began has moved again (a new
 * `started` event) or finished.
 */
import type { DatabaseProbe, OpenTasks } from './database-probe.ts';
import { type FaultName, RECOVERY_MARGIN_SECONDS, type SuiteOptions } from './options.ts';
import type { RuntimeProcess } from './runtime-process.ts';
import type { ThrowawayPostgres } from './throwaway-postgres.ts';
import type { ThrowawayRedis } from './throwaway-redis.ts';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export type Measure = number | string | boolean | null;

export interface FaultEnvironment {
  runtime: RuntimeProcess;
  probe: DatabaseProbe;
  redis: ThrowawayRedis;
  /** Only for faults with `ownPostgres`. */
  postgres: ThrowawayPostgres | undefined;
  options: SuiteOptions;
  log(message: string): void;
}

export interface FaultWindow {
  /** Epoch ms the fault began and ended; recovery is measured from the end. */
  startedAt: number;
  endedAt: number;
  /**
   * Tasks not terminal when the fault began or when it ended (the latter adds tasks accepted
   * while a stop was under way); `running` counts those RUNNING when it began.
   */
  open: OpenTasks;
  measures: Record<string, Measure>;
  checks: Check[];
}

export interface RecoveryBounds {
  /** Every task open at the fault has moved again or finished, seconds after the fault's end. */
  tasks: number;
  /** The API accepts a submit again (first 2xx to a request sent after the end). */
  api?: number;
  /** Submits pass the Redis edge checks again (a 2xx with `RateLimit-Limit`). */
  edge?: number;
}

export interface FaultDefinition {
  name: FaultName;
  description: string;
  /** Runs on a throwaway PostgreSQL cluster, which the fault stops. */
  ownPostgres: boolean;
  bounds(options: SuiteOptions): RecoveryBounds;
  inject(env: FaultEnvironment): Promise<FaultWindow>;
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** `before` plus the tasks open in `after` that were not open before. */
function union(before: OpenTasks, after: OpenTasks): OpenTasks {
  return { ids: [...new Set([...before.ids, ...after.ids])], running: before.running };
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A worker that vanished: its tasks run again within their timeout plus the lease margin. */
const crashBound = (options: SuiteOptions) => options.taskTimeoutSeconds + RECOVERY_MARGIN_SECONDS;

async function restart(env: FaultEnvironment): Promise<{ endedAt: number; restartSeconds: number }> {
  const { spawnedAt, readyAt } = await env.runtime.start();
  env.log(`restarted, answering after ${seconds(readyAt - spawnedAt)} s`);
  return { endedAt: spawnedAt, restartSeconds: seconds(readyAt - spawnedAt) };
}

const kill: FaultDefinition = {
  name: 'kill',
  description: 'kill -9 the runtime while tasks run, restart it at once',
  ownPostgres: false,
  bounds: (options) => ({ tasks: crashBound(options) }),
  async inject(env) {
    const startedAt = Date.now();
    await env.runtime.kill();
    // Nothing writes to the database now: this is exactly what was in flight at the kill.
    const open = await env.probe.openTasks();
    env.log(`killed with ${open.running} tasks RUNNING, ${open.ids.length} not terminal`);
    const { endedAt, restartSeconds } = await restart(env);
    return {
      startedAt,
      endedAt,
      open,
      measures: { runningAtFault: open.running, restartSeconds },
      checks: [],
    };
  },
};

const sigterm: FaultDefinition = {
  name: 'sigterm',
  description: 'SIGTERM the runtime while tasks run (graceful stop), restart it',
  ownPostgres: false,
  bounds: (options) => ({ tasks: crashBound(options) }),
  async inject(env) {
    const openBefore = await env.probe.openTasks();
    const stopBound = env.options.taskTimeoutSeconds + 10;
    const startedAt = Date.now();
    env.runtime.signal('SIGTERM');
    const exit = await env.runtime.waitForExit(stopBound * 1000);
    if (!exit) await env.runtime.kill();
    const stopSeconds = exit ? seconds(exit.at - startedAt) : null;
    const runningAfterStop = await env.probe.countRunning();
    const open = union(openBefore, await env.probe.openTasks());
    env.log(
      `SIGTERM: exit ${exit ? `code ${exit.code} after ${stopSeconds} s` : 'none'}, ${runningAfterStop} RUNNING left`,
    );
    const checks: Check[] = [
      {
        // main.ts exits 0 only once the runtime's graceful stop has completed.
        name: 'graceful stop (exit code 0) within the task timeout + 10 s',
        ok: exit !== null && exit.code === 0,
        detail: exit
          ? `exit code ${exit.code}${exit.signal ? ` (signal ${exit.signal})` : ''} after ${stopSeconds} s`
          : `still running after ${stopBound} s`,
      },
      {
        name: 'no task left RUNNING by a graceful stop',
        ok: runningAfterStop === 0,
        detail: `${runningAfterStop} RUNNING after the exit`,
      },
    ];
    const { endedAt, restartSeconds } = await restart(env);
    return {
      startedAt,
      endedAt,
      open,
      measures: { runningAtFault: open.running, stopSeconds, runningAfterStop, restartSeconds },
      checks,
    };
  },
};

/** The local runtime only treats a second signal as "force" when it comes more than 1 s later. */
const SECOND_SIGNAL_AFTER_MS = 1200;

const forceStop: FaultDefinition = {
  name: 'force-stop',
  description: 'SIGTERM, then SIGTERM again (a second Ctrl-C) while tasks run; restart',
  ownPostgres: false,
  // Abandoned tasks are released, so they run again as soon as the runtime is back.
  bounds: () => ({ tasks: 15 }),
  async inject(env) {
    const openBefore = await env.probe.openTasks();
    const startedAt = Date.now();
    env.runtime.signal('SIGTERM');
    await sleep(SECOND_SIGNAL_AFTER_MS);
    const forced = env.runtime.running;
    const secondAt = Date.now();
    env.runtime.signal('SIGTERM');
    const exit = await env.runtime.waitForExit(5000);
    if (!exit) await env.runtime.kill();
    const runningAfterStop = await env.probe.countRunning();
    const open = union(openBefore, await env.probe.openTasks());
    env.log(
      `forced stop: ${forced ? 'second signal sent' : 'exited before it'}, ${runningAfterStop} RUNNING left`,
    );
    const checks: Check[] = [
      {
        name: 'a second signal stops within 5 s',
        ok: exit !== null,
        detail: exit
          ? `exit code ${exit.code} ${seconds(exit.at - (forced ? secondAt : startedAt))} s after the ${forced ? 'second' : 'first'} signal`
          : 'still running 5 s after the second signal (killed)',
      },
      {
        name: 'a forced stop releases its tasks (none left RUNNING)',
        ok: runningAfterStop === 0,
        detail: `${runningAfterStop} RUNNING after the exit`,
      },
    ];
    const { endedAt, restartSeconds } = await restart(env);
    return {
      startedAt,
      endedAt,
      open,
      measures: { runningAtFault: open.running, forced, runningAfterStop, restartSeconds },
      checks,
    };
  },
};

const postgres: FaultDefinition = {
  name: 'postgres',
  description: 'stop PostgreSQL (fast shutdown) for a few seconds, start it again',
  ownPostgres: true,
  bounds: (options) => ({ tasks: crashBound(options), api: 10 }),
  async inject(env) {
    const server = env.postgres;
    if (!server) throw new Error('the postgres fault needs its own cluster');
    const openBefore = await env.probe.openTasks();
    const startedAt = Date.now();
    await server.stop();
    env.log(`PostgreSQL stopped with ${openBefore.running} tasks RUNNING`);
    await sleep(env.options.outageSeconds * 1000);
    await server.start();
    const endedAt = Date.now();
    const open = union(openBefore, await env.probe.openTasks());
    env.log(`PostgreSQL started after ${seconds(endedAt - startedAt)} s`);
    return {
      startedAt,
      endedAt,
      open,
      measures: { runningAtFault: open.running, outageSeconds: seconds(endedAt - startedAt) },
      checks: [],
    };
  },
};

const redis: FaultDefinition = {
  name: 'redis',
  description: 'crash Redis for a few seconds, start it again on the same port',
  ownPostgres: false,
  bounds: (options) => ({ tasks: crashBound(options), edge: 10 }),
  async inject(env) {
    const openBefore = await env.probe.openTasks();
    const startedAt = Date.now();
    await env.redis.stop();
    env.log('Redis stopped');
    await sleep(env.options.outageSeconds * 1000);
    await env.redis.start();
    const endedAt = Date.now();
    const open = union(openBefore, await env.probe.openTasks());
    // /healthz reports Redis again once the runtime's client has reconnected.
    let healthzSeconds: number | null = null;
    while (Date.now() - endedAt < 30_000) {
      try {
        const response = await fetch(`${env.runtime.url}/healthz`, { signal: AbortSignal.timeout(2000) });
        const body = (await response.json()) as { checks?: { redis?: string } };
        if (body.checks?.redis === 'ok') {
          healthzSeconds = seconds(Date.now() - endedAt);
          break;
        }
      } catch {
        // Not answering yet: try again.
      }
      await sleep(200);
    }
    env.log(
      `Redis started after ${seconds(endedAt - startedAt)} s; /healthz ok after ${healthzSeconds ?? '-'} s`,
    );
    return {
      startedAt,
      endedAt,
      open,
      measures: {
        runningAtFault: open.running,
        outageSeconds: seconds(endedAt - startedAt),
        healthzRecoverySeconds: healthzSeconds,
      },
      checks: [
        {
          name: '/healthz reports Redis ok again within 10 s',
          ok: healthzSeconds !== null && healthzSeconds <= 10,
          detail: healthzSeconds === null ? 'not within 30 s' : `${healthzSeconds} s`,
        },
      ],
    };
  },
};

export const FAULTS: Record<FaultName, FaultDefinition> = {
  kill,
  sigterm,
  'force-stop': forceStop,
  postgres,
  redis,
};
