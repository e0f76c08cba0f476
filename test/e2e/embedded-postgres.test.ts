/**
 * `npm run local` with no DATABASE_URL and nothing on 127.0.0.1:5432 (forced with
 * LOCAL_EMBEDDED_POSTGRES=true when a server does answer there): it starts an embedded PostgreSQL
 * of the checkout's own, says so in one line, completes a task, keeps it across a restart and a
 * kill -9 (whose server it stops on the next start), and leaves no server running after Ctrl-C.
 * CI also runs this file in a network namespace of its own, where nothing answers on 5432.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutDatabaseName } from '../../infra/local/checkout.ts';
import { answersOn } from '../../infra/local/local-database.ts';
import { e2eClient, eventually } from './e2e-client.ts';

interface Run {
  child: ChildProcess;
  /** The JSON lines printed so far. */
  lines(): Record<string, unknown>[];
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const API_KEY = `tf_embedded_${'e'.repeat(32)}`;
let dir: string;
let env: NodeJS.ProcessEnv;
const runs: Run[] = [];

function startMain(): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const run: Run = {
    child,
    lines: () =>
      out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stderr: () => err,
    exited,
  };
  runs.push(run);
  return run;
}

async function ready(run: Run): Promise<string> {
  return eventually(
    async () => {
      if (run.child.exitCode !== null) throw new Error(`npm run local exited: ${run.stderr()}`);
      return run.lines().find((line) => line.message === 'Taskforge local runtime ready')?.url as
        | string
        | undefined;
    },
    { timeoutMs: 90_000, intervalMs: 100, what: 'the ready line' },
  );
}

/** The lines that say which database the run uses. */
const databaseLines = (run: Run) => run.lines().filter((line) => line.source !== undefined);

async function postmasterPid(): Promise<number | undefined> {
  const text = await readFile(join(dir, 'pg', 'data', 'postmaster.pid'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : Number(text.split('\n')[0]);
}

/** Whether `pid` runs (a server whose parent is gone may stay a zombie where PID 1 does not reap). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taskforge-embedded-e2e-'));
  // As root the server runs as `postgres`, which must be able to enter the directory.
  await chmod(dir, 0o755);
  env = { ...process.env };
  delete env.DATABASE_URL;
  Object.assign(env, {
    PORT: '0',
    LOCAL_POSTGRES_DIR: join(dir, 'pg'),
    LOCAL_SQS_PERSIST: 'false',
    LOCAL_API_KEY: API_KEY,
    QUEUE_PREFIX: `e2e-embedded-${Date.now().toString(36)}`,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    // The default probe finds nothing on 5432 in CI's network namespace; elsewhere force it.
    ...((await answersOn('127.0.0.1', 5432)) ? { LOCAL_EMBEDDED_POSTGRES: 'true' } : {}),
  });
}, 30_000);

afterAll(async () => {
  for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  const pid = await postmasterPid();
  if (pid !== undefined && alive(pid)) process.kill(pid, 'SIGINT');
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm run local on the embedded PostgreSQL', () => {
  let taskId: string;

  it('starts it, says once which database it uses and how to use another, and completes a task', async () => {
    const run = startMain();
    const url = await ready(run);

    const said = databaseLines(run);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ source: 'embedded', embeddedCreated: true });
    expect(said[0]!.message).toContain(`database ${checkoutDatabaseName()} on an embedded PostgreSQL`);
    expect(said[0]!.message).toContain('set DATABASE_URL=');
    const api = e2eClient(url, API_KEY);
    const task = await api.submit({ type: 'reverse', payload: { text: 'embedded' } });
    taskId = task.id;
    const done = await api.waitForStatus(taskId, 'COMPLETED', 30_000);
    expect(done.result).toEqual({ reversed: 'deddebme' });

    run.child.kill('SIGTERM');
    expect(await run.exited, run.stderr()).toEqual({ code: 0, signal: null });
    // Stopped with the runtime: no server is left behind.
    expect(await postmasterPid()).toBeUndefined();
  }, 120_000);

  it('keeps the task across a restart, on the same cluster', async () => {
    const run = startMain();
    const api = e2eClient(await ready(run), API_KEY);

    expect(databaseLines(run)[0]).toMatchObject({ source: 'embedded', embeddedCreated: false });
    expect(await api.get(taskId)).toMatchObject({ status: 'COMPLETED', result: { reversed: 'deddebme' } });

    // A kill -9 gives the runtime no chance to stop its server.
    run.child.kill('SIGKILL');
    await run.exited;
    const left = await postmasterPid();
    expect(left).toBeDefined();
    expect(alive(left!)).toBe(true);
  }, 120_000);

  it('stops the server a killed run left behind on the next start, and stops its own on SIGTERM', async () => {
    const left = (await postmasterPid())!;
    const run = startMain();
    const api = e2eClient(await ready(run), API_KEY);

    expect(run.lines().map((line) => line.message)).toContain(
      `stopped the embedded PostgreSQL (pid ${left}) that an earlier run left running when it was killed`,
    );
    expect(alive(left)).toBe(false);
    expect(await api.get(taskId)).toMatchObject({ status: 'COMPLETED' });

    const own = (await postmasterPid())!;
    run.child.kill('SIGTERM');
    expect(await run.exited, run.stderr()).toEqual({ code: 0, signal: null });
    expect(alive(own)).toBe(false);
    expect(existsSync(join(dir, 'pg', 'owner.json'))).toBe(false);
  }, 120_000);
});
