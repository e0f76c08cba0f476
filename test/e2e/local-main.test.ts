/**
 * `infra/local/main.ts` as `npm run local` runs it (node itself, `--import tsx`): a taken PORT
 * fails at once with one line, before anything else starts; a DATABASE_URL naming a database
 * that does not exist is an error naming it unless LOCAL_CREATE_DATABASE=true; without Redis it
 * says so once and once more when Redis appears; SIGTERM while tasks run stops gracefully,
 * finishing them and leaving nothing RUNNING.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { adminUrl, databaseUrl } from '../helpers/database-urls.ts';
import { useTestDatabase } from '../helpers/fixtures.ts';
import { freePort, type RedisServer, startRedisServer } from '../helpers/redis.ts';
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

/** Polls the run's stdout for its ready line; the URL of the API. */
async function readyUrl(run: Run): Promise<string> {
  return eventually(
    async () => {
      if (run.child.exitCode !== null) throw new Error(`npm run local exited: ${run.stderr()}`);
      return /"url":"(http:\/\/[^"]+)"/.exec(run.stdout())?.[1];
    },
    { timeoutMs: 60_000, intervalMs: 100, what: 'the ready line' },
  );
}

describe('npm run local with a DATABASE_URL whose database does not exist', () => {
  const names: string[] = [];
  let run: Run | undefined;

  afterAll(async () => {
    if (run && run.child.exitCode === null) run.child.kill('SIGKILL');
    const client = new pg.Client({ connectionString: adminUrl() });
    await client.connect();
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });

  it('exits non-zero with one line naming the database and the flag that creates it, creating nothing', async () => {
    const name = `taskforge_t_missing_${Date.now().toString(36)}`;
    names.push(name);

    run = startMain({ PORT: '0', DATABASE_URL: databaseUrl(name) });
    const { code } = await run.exited;

    expect(code).toBe(1);
    const lines = run.stderr().trim().split('\n');
    expect(lines, run.stderr()).toHaveLength(1);
    expect(lines[0]).toContain(`database "${name}" does not exist`);
    expect(lines[0]).toContain('LOCAL_CREATE_DATABASE=true');
    expect(await databaseExists(name)).toBe(false);
  });

  it('creates it with LOCAL_CREATE_DATABASE=true', async () => {
    const name = `taskforge_t_create_${Date.now().toString(36)}`;
    names.push(name);

    run = startMain({ PORT: '0', DATABASE_URL: databaseUrl(name), LOCAL_CREATE_DATABASE: 'true' });
    await readyUrl(run);
    run.child.kill('SIGTERM');
    await run.exited;

    expect(await databaseExists(name)).toBe(true);
  });
});

describe('npm run local without Redis', () => {
  const database = useTestDatabase();
  let run: Run | undefined;
  let redis: RedisServer | undefined;

  afterAll(async () => {
    if (run && run.child.exitCode === null) run.child.kill('SIGKILL');
    await redis?.kill();
  });

  // Warnings go to stderr, information to stdout.
  const messages = () =>
    `${run!.stdout()}\n${run!.stderr()}`
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { message: string }).message);

  it('says once that edge protection is off, serves every request, and once that it is back when Redis appears', async () => {
    // Prepare: a port where Redis will appear later
    const port = await freePort();
    const apiKey = `tf_e2e_${Math.random().toString(36).slice(2)}_${'r'.repeat(24)}`;
    run = startMain({
      PORT: '0',
      DATABASE_URL: database.url,
      LOCAL_API_KEY: apiKey,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      QUEUE_PREFIX: `e2e-noredis-${Date.now().toString(36)}`,
    });
    const url = await readyUrl(run);
    const submit = (key: string) =>
      fetch(`${url}/v1/tasks`, {
        method: 'POST',
        headers: { 'x-api-key': apiKey, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ type: 'echo', payload: { key } }),
      });

    // Act: requests without Redis, then Redis comes up
    const without = await Promise.all(['a', 'b', 'c', 'a'].map(submit));
    redis = await startRedisServer(port);
    await eventually(
      async () => (messages().some((m) => m.startsWith('edge protection back on')) ? true : undefined),
      {
        timeoutMs: 20_000,
        intervalMs: 100,
        what: 'the line saying Redis is back',
      },
    );
    const withRedis = await submit('d');

    // Assess
    expect(without.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    // The database backstop: the repeated key returned the first task, not a second one.
    const [first, , , repeat] = await Promise.all(without.map((r) => r.json() as Promise<{ id: string }>));
    expect(repeat!.id).toBe(first!.id);
    expect(withRedis.status).toBe(202);
    const edgeLines = messages().filter((m) => /Redis|edge protection|edge check/.test(m));
    // One line each (warnings go to stderr, so the two streams say nothing about their order).
    expect(edgeLines, edgeLines.join('\n')).toHaveLength(2);
    const unreachable = /^Redis is not reachable at redis:\/\/127\.0\.0\.1:\d+ .*edge protection is off/;
    expect(edgeLines.filter((m) => unreachable.test(m))).toHaveLength(1);
    expect(edgeLines).toContain('edge protection back on: Redis is reachable again');
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
