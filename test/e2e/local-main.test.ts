/**
 * `infra/local/main.ts` as `npm run local` runs it (node itself, `--import tsx`): a taken PORT
 * fails at once with one line, before anything else starts; SIGTERM while tasks run stops
 * gracefully, finishing them and leaving nothing RUNNING.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { adminUrl, databaseUrl } from '../helpers/database-urls.ts';
import { useTestDatabase } from '../helpers/fixtures.ts';
import { eventually } from './e2e-client.ts';

interface Run {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startMain(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'INFO', LOCAL_SQS_PERSIST: 'false', ...env },
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
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function holdPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

describe('npm run local with PORT taken', () => {
  it('exits non-zero at once with one line naming the port and how to choose another, starting nothing', async () => {
    const { server, port } = await holdPort();
    const name = `taskforge_t_port_${Date.now().toString(36)}`;
    try {
      const started = Date.now();
      const run = startMain({ PORT: String(port), DATABASE_URL: databaseUrl(name) });
      const { code } = await run.exited;
      const elapsedMs = Date.now() - started;

      expect(code).toBe(1);
      const lines = run.stderr().trim().split('\n');
      expect(lines, run.stderr()).toHaveLength(1);
      expect(lines[0]).toContain(`port ${port}`);
      expect(lines[0]).toMatch(/PORT=\d+ npm run local/);
      expect(run.stderr()).not.toMatch(/\n\s+at /);
      // The database is created at the start of the runtime: it was never reached.
      expect(await databaseExists(name)).toBe(false);
      // Generous: node and tsx start in well under a second, on a loaded machine a few seconds.
      expect(elapsedMs).toBeLessThan(15_000);
    } finally {
      server.close();
    }
  });
});

describe('npm run local stopped while tasks run', () => {
  const database = useTestDatabase();
  let run: Run | undefined;

  afterAll(() => {
    if (run && run.child.exitCode === null) run.child.kill('SIGKILL');
  });

  async function statusCounts(): Promise<Record<string, number>> {
    const { rows } = await database.db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM tasks GROUP BY status',
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  it('finishes in-flight tasks on SIGTERM, exits 0 and leaves nothing RUNNING', async () => {
    // Prepare: the runtime, busy with 2-second tasks
    const apiKey = `tf_e2e_${Math.random().toString(36).slice(2)}_${'x'.repeat(24)}`;
    const adminToken = `tfo_e2e_${Math.random().toString(36).slice(2)}_${'x'.repeat(24)}`;
    run = startMain({
      PORT: '0',
      DATABASE_URL: database.url,
      LOCAL_API_KEY: apiKey,
      ADMIN_TOKEN: adminToken,
      QUEUE_PREFIX: `e2e-main-${Date.now().toString(36)}`,
    });
    const url = await eventually(async () => /"url":"(http:\/\/[^"]+)"/.exec(run!.stdout())?.[1], {
      timeoutMs: 60_000,
      intervalMs: 100,
      what: `the ready line (stderr: ${run.stderr()})`,
    });
    // The ready line names the operator token alongside the dev key.
    expect(run.stdout()).toContain(`"adminToken":"${adminToken}"`);
    const tasks = Array.from({ length: 20 }, () => ({ type: 'sleep', payload: { seconds: 2 } }));
    const submitted = await fetch(`${url}/v1/tasks/batch`, {
      method: 'POST',
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ tasks }),
    });
    expect(submitted.status).toBe(202);
    const runningBefore = await eventually(
      async () => {
        const running = (await statusCounts()).RUNNING ?? 0;
        return running > 0 ? running : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 50, what: 'tasks to start' },
    );

    // Act
    run.child.kill('SIGTERM');
    const { code, signal } = await run.exited;

    // Assess
    expect({ code, signal }, run.stderr()).toEqual({ code: 0, signal: null });
    const out = run.stdout();
    expect(out).toContain('stopping: finishing in-flight requests and tasks');
    expect(out.indexOf('"message":"stopped"')).toBeGreaterThan(out.indexOf('stopping:'));
    const after = await statusCounts();
    expect(after.RUNNING ?? 0).toBe(0);
    expect(after.COMPLETED ?? 0).toBeGreaterThanOrEqual(runningBefore);
  });
});
