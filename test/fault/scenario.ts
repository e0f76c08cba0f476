/**
 * One fault, end to end: its own Redis, database (on the shared server, or a throwaway cluster
 * for the PostgreSQL fault), SQS data directory, port and webhook receiver; the runtime as a
 * child process; the load; the fault once tasks are RUNNING; then a bounded wait until every
 * task is terminal, measuring recovery on the way; then the checks. Everything it started is
 * stopped and removed at the end (kept with --keep).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateApiKey } from '../../shared/tenants/tenant-store.ts';
import { adminUrl, databaseUrl } from '../helpers/database-urls.ts';
import { freePort } from '../helpers/redis.ts';
import { evaluate, type FaultCounts, type FaultEvaluation, type Recovery } from './checks.ts';
import { FaultClient } from './client.ts';
import { DatabaseProbe } from './database-probe.ts';
import type { FaultDefinition, FaultEnvironment, FaultWindow } from './faults.ts';
import { runLoad } from './load.ts';
import type { FaultName, SuiteOptions } from './options.ts';
import { RuntimeProcess } from './runtime-process.ts';
import { ThrowawayPostgres } from './throwaway-postgres.ts';
import { ThrowawayRedis } from './throwaway-redis.ts';
import { WebhookReceiver } from './webhook-receiver.ts';

export interface FaultResult extends Omit<FaultEvaluation, 'counts'> {
  /** Null when the fault could not be run at all. */
  counts: FaultCounts | null;
  fault: FaultName;
  description: string;
  passed: boolean;
  logFile: string;
  /** Set when the fault could not be run at all (setup failed). */
  error?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Undone in reverse order; also run by the suite's Ctrl-C handler. */
export class Cleanups {
  private readonly steps: { name: string; run: () => Promise<void> }[] = [];

  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  async runAll(log: (message: string) => void): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.run();
      } catch (err) {
        log(`cleanup of ${step.name} failed: ${(err as Error).message}`);
      }
    }
  }
}

async function onAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Waits until every task is terminal and every task open at the fault has moved again, or the
 * deadline; measures recovery on the way. Database errors (PostgreSQL restarting) are retried.
 */
async function waitForRecovery(
  probe: DatabaseProbe,
  window: FaultWindow,
  deadline: number,
): Promise<Recovery> {
  const progressed = new Map<string, number>();
  let pending = window.open.ids;
  for (;;) {
    try {
      if (pending.length > 0) {
        const progress = await probe.progressSince(pending, window.endedAt);
        for (const [id, at] of progress) if (at !== null) progressed.set(id, at);
        // A task missing from the database cannot move; the lost check reports it.
        pending = pending.filter((id) => progress.get(id) === null);
      }
      if (pending.length === 0 && (await probe.counts()).open === 0) break;
    } catch {
      // The database is not answering (yet): ask again.
    }
    if (Date.now() > deadline) break;
    await sleep(500);
  }
  const last = Math.max(window.endedAt, ...progressed.values());
  return {
    seconds: pending.length === 0 ? Math.round((last - window.endedAt) / 100) / 10 : null,
    notRecovered: pending.length,
    waitedSeconds: Math.round((Math.min(Date.now(), deadline) - window.endedAt) / 100) / 10,
  };
}

export async function runFault(
  definition: FaultDefinition,
  options: SuiteOptions,
  context: { runId: string; logDir: string; cleanups: Cleanups },
): Promise<FaultResult> {
  const { cleanups } = context;
  const name = definition.name;
  const log = (message: string) => console.log(`[${name}] ${message}`);
  const logFile = join(context.logDir, `${name}.log`);
  const bounds = definition.bounds(options);
  try {
    const receiver = await WebhookReceiver.start();
    cleanups.add('webhook receiver', () => receiver.close());
    const redis = await ThrowawayRedis.create();
    cleanups.add('redis', () => redis.stop());

    let url: string;
    let postgres: ThrowawayPostgres | undefined;
    if (definition.ownPostgres) {
      const server = await ThrowawayPostgres.create(await freePort());
      postgres = server;
      cleanups.add('postgres cluster', () => server.destroy(options.keep));
      url = server.url('taskforge');
      log(`throwaway PostgreSQL on port ${server.port} (${server.dir})`);
    } else {
      const database = `taskforge_fault_${context.runId}_${name.replace('-', '_')}`;
      url = databaseUrl(database);
      if (!options.keep) {
        cleanups.add('database', () => onAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
      }
    }
    const sqsDir = await mkdtemp(join(tmpdir(), `taskforge-fault-sqs-${name}-`));
    if (!options.keep) cleanups.add('SQS data', () => rm(sqsDir, { recursive: true, force: true }));

    const apiKey = generateApiKey();
    const runtime = new RuntimeProcess({
      port: await freePort(),
      logFile,
      env: {
        LOCAL_API_KEY: apiKey,
        DATABASE_URL: url,
        // Each fault's database is new: the runtime creates it, as it does for a checkout's own.
        LOCAL_CREATE_DATABASE: 'true',
        REDIS_URL: redis.url,
        LOCAL_SQS_PERSIST: 'true',
        LOCAL_SQS_DATA_DIR: sqsDir,
        // The webhook tasks call the suite's receiver on 127.0.0.1.
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        POWERTOOLS_LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'INFO',
      },
    });
    cleanups.add('runtime', () => runtime.close());
    await runtime.start();
    const probe = new DatabaseProbe(url);
    cleanups.add('probe', () => probe.close());
    log(
      `runtime up at ${runtime.url}; submitting ${options.tasksPerFault} tasks at ${options.ratePerSecond}/s`,
    );

    const client = new FaultClient({
      baseUrl: runtime.url,
      apiKey,
      // Longer than any outage plus a restart: a request is given up only when the API is gone.
      giveUpMs: (options.outageSeconds + 60) * 1000,
    });
    const loadDone = runLoad(client, receiver, {
      tasks: options.tasksPerFault,
      ratePerSecond: options.ratePerSecond,
      taskTimeoutSeconds: options.taskTimeoutSeconds,
      seed: options.seed,
      label: `${context.runId}-${name}`,
    });
    // Awaited below; this only keeps a setup failure in between from becoming an unhandled rejection.
    loadDone.catch(() => undefined);

    // The fault comes once the load has run a while and some task is RUNNING.
    await sleep(options.faultAfterSeconds * 1000);
    const runningBy = Date.now() + 10_000;
    while ((await probe.countRunning()) === 0 && Date.now() < runningBy) await sleep(50);
    const env: FaultEnvironment = { runtime, probe, redis, postgres, options, log };
    const window = await definition.inject(env);
    const load = await loadDone;
    log(`load done: ${load.accepted.size} accepted in ${load.requests} requests; waiting for every task`);

    const deadline = Math.max(window.endedAt + options.waitSeconds * 1000, load.endedAt + 30_000);
    const recovery = await waitForRecovery(probe, window, deadline);
    const tasks = await probe.finalTasks();
    const evaluation = evaluate({
      window,
      load,
      tasks,
      responses: client.responses,
      webhookCalls: receiver.calls,
      recovery,
      bounds,
    });
    const passed = evaluation.checks.every((check) => check.ok);
    log(
      `${passed ? 'passed' : 'FAILED'}: recovery ${recovery.seconds ?? `> ${recovery.waitedSeconds}`} s, ` +
        `${evaluation.counts.stuck} stuck, ${evaluation.counts.lost} lost`,
    );
    return { fault: name, description: definition.description, passed, logFile, ...evaluation };
  } catch (err) {
    log(`could not run: ${(err as Error).stack ?? err}`);
    return {
      fault: name,
      description: definition.description,
      passed: false,
      logFile,
      error: (err as Error).message,
      counts: null,
      measures: {},
      checks: [{ name: 'fault ran', ok: false, detail: (err as Error).message }],
      samples: {},
      failedReasons: {},
    };
  } finally {
    await cleanups.runAll(log);
  }
}
