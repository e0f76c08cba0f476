/**
 * The `taskforge` CLI as a user runs it: a child process (`node cli/taskforge.mjs`, what
 * `npx taskforge` starts) against the local runtime, configured through its environment
 * variables. Exit codes: 0 ok, 1 task FAILED, 2 usage, 3 HTTP error.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useLocalRuntime } from './e2e-fixtures.ts';

const CLI = fileURLToPath(new URL('../../cli/taskforge.mjs', import.meta.url));
const { runtime } = useLocalRuntime({ queuePrefix: `e2e-cli-${Date.now().toString(36)}` });

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  /** TASKFORGE_API_KEY; default the runtime's dev key, null: none. */
  apiKey?: string | null;
  /** TASKFORGE_ADMIN_TOKEN; default none. */
  token?: string;
  input?: string;
}

/** Runs the CLI to its exit; never a synchronous spawn, which would stall the runtime in this process. */
function taskforge(args: string[], options: RunOptions = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TASKFORGE_URL: runtime.url };
  delete env.TASKFORGE_API_KEY;
  delete env.TASKFORGE_ADMIN_TOKEN;
  const apiKey = options.apiKey === undefined ? runtime.apiKey : options.apiKey;
  if (apiKey !== null) env.TASKFORGE_API_KEY = apiKey;
  if (options.token) env.TASKFORGE_ADMIN_TOKEN = options.token;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Runs the CLI with `--json`, expects `code` and returns the parsed stdout. */
async function json<T = Record<string, unknown>>(
  args: string[],
  options: RunOptions = {},
  code = 0,
): Promise<T> {
  const run = await taskforge(['--json', ...args], options);
  expect(run.code, run.stderr).toBe(code);
  return JSON.parse(run.stdout) as T;
}

interface TaskOut {
  id: string;
  status: string;
  result: unknown;
  payload: unknown;
  runAt?: string;
}

describe('taskforge CLI', () => {
  it('submit --wait exits 0 with the COMPLETED task, 1 when it FAILED', async () => {
    const [done, human, failed] = await Promise.all([
      json<TaskOut>(['submit', 'echo', '{"hello":"cli"}', '--priority', 'high', '--wait']),
      taskforge(['submit', 'reverse', '{"text":"abc"}', '--wait']),
      taskforge(['--json', 'submit', 'fail', '{"permanent":true}', '--max-attempts', '1', '--wait']),
    ]);

    expect(done).toMatchObject({ status: 'COMPLETED', result: { hello: 'cli' } });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/status\s+COMPLETED/);
    expect(human.stdout).toContain('{"reversed":"cba"}');
    expect(failed.code, failed.stderr).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ status: 'FAILED', error: { permanent: true } });
  });

  it('reads the payload from stdin, and watch prints the attempt log until the task is terminal', async () => {
    const submitted = await json<TaskOut>(['submit', 'fail', '-'], {
      input: JSON.stringify({ failTimes: 1 }),
    });
    expect(submitted.payload).toEqual({ failTimes: 1 });

    const watched = await taskforge(['watch', submitted.id, '--interval', '100']);

    expect(watched.code, watched.stderr).toBe(0);
    const log = watched.stdout.split('\n');
    for (const event of ['submitted', 'started', 'failed', 'retry_scheduled', 'succeeded']) {
      expect(log.some((line) => line.includes(` ${event} `))).toBe(true);
    }
    expect(watched.stdout).toMatch(/status\s+COMPLETED/);
    expect(watched.stdout).toContain('{"succeededOnAttempt":2}');
    expect(watched.stdout).toMatch(/^why: completed: Completed at .* after 2 attempt\(s\)\.$/m);
    expect(watched.stdout).toMatch(/why\s+completed: Completed at/);

    const events = await json<{ type: string; attempt: number }[]>(['events', submitted.id]);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['submitted', 'failed', 'succeeded']));
    const table = await taskforge(['events', submitted.id]);
    expect(table.stdout).toMatch(/^ID\s+TIME\s+EVENT\s+ATTEMPT\s+DETAIL/);
  });

  it('get, tasks list (--json parses, --all follows the cursor), cancel, retry and delete', async () => {
    const later = await json<TaskOut>(['submit', 'echo', '{"n":1}', '--delay', '3600']);
    const got = await json<TaskOut>(['get', later.id]);
    expect(got).toMatchObject({ id: later.id, status: 'PENDING', payload: { n: 1 } });
    expect(got).toMatchObject({ explanation: { reason: 'scheduled', until: got.runAt } });
    const gotHuman = await taskforge(['get', later.id]);
    expect(gotHuman.stdout).toMatch(/why\s+scheduled: Scheduled to run at \S+ \(in 60 min\)\./);

    const page = await json<{ items: TaskOut[]; nextCursor: string | null }>([
      'tasks',
      'list',
      '--status',
      'PENDING',
    ]);
    expect(page.items.map((t) => t.id)).toContain(later.id);
    const all = await json<{ items: TaskOut[]; nextCursor: null }>([
      'tasks',
      'list',
      '--limit',
      '1',
      '--all',
    ]);
    const firstPage = await json<{ items: TaskOut[] }>(['tasks', 'list', '--limit', '100']);
    expect(all.items.map((t) => t.id)).toEqual(firstPage.items.map((t) => t.id));
    expect(all.nextCursor).toBeNull();
    const human = await taskforge(['tasks', 'list', '--type', 'echo']);
    expect(human.stdout).toMatch(/^ID\s+TYPE\s+STATUS\s+PRIORITY\s+ATTEMPTS\s+CREATED\n/);
    expect(human.stdout).toContain(later.id);

    expect(await json(['cancel', later.id, '--reason', 'from the cli'])).toMatchObject({
      status: 'CANCELLED',
    });
    // A retry runs it from scratch, now.
    expect(await json(['retry', later.id])).toMatchObject({ status: 'PENDING' });
    expect((await taskforge(['watch', later.id])).code).toBe(0);
    const deleted = await taskforge(['delete', later.id]);
    expect(deleted.code, deleted.stderr).toBe(0);
    const gone = await taskforge(['get', later.id]);
    expect(gone.code).toBe(3);
    expect(gone.stderr).toContain('(HTTP 404)');
  });

  it('exits 2 with the usage for input it cannot use, sending nothing', async () => {
    const before = await json<{ items: unknown[] }>(['tasks', 'list', '--limit', '100']);

    const runs = await Promise.all([
      taskforge(['submit', 'echo', '{oops']),
      taskforge(['submit', 'echo', '{}', '--priority', 'urgent']),
      taskforge(['submit', 'echo', '{}', '--delay', 'soon']),
      taskforge(['submit']),
      taskforge(['submit', 'echo', '--frobnicate']),
      taskforge(['frobnicate']),
      taskforge(['tasks']),
      taskforge(['submit', 'echo'], { apiKey: null }),
      taskforge(['admin', 'tenants', 'list']),
    ]);

    for (const run of runs) expect(run.code, run.stderr).toBe(2);
    const [badJson, badPriority, badDelay, missing, unknownOption, unknownCommand, group, noKey, noToken] =
      runs;
    expect(badJson!.stderr).toContain('the payload is not valid JSON');
    expect(badJson!.stderr).toContain('Usage: taskforge submit [options] <type> [payload]');
    expect(badPriority!.stderr).toContain('Allowed choices are high, medium, low');
    expect(badDelay!.stderr).toContain("option '--delay <seconds>' argument 'soon' is invalid");
    expect(missing!.stderr).toContain("missing required argument 'type'");
    expect(unknownOption!.stderr).toContain("unknown option '--frobnicate'");
    expect(unknownCommand!.stderr).toContain("unknown command 'frobnicate'");
    expect(group!.stderr).toContain('Usage: taskforge tasks');
    expect(noKey!.stderr).toContain('pass --api-key or set TASKFORGE_API_KEY');
    expect(noToken!.stderr).toContain('pass --token or set TASKFORGE_ADMIN_TOKEN');
    const after = await json<{ items: unknown[] }>(['tasks', 'list', '--limit', '100']);
    expect(after.items).toHaveLength(before.items.length);
  });

  it("exits 3 on an HTTP error, printing the problem's title, detail and field", async () => {
    const [invalid, missing, unauthorised, invalidJson] = await Promise.all([
      taskforge(['submit', 'reverse', '{"text":42}']),
      taskforge(['get', '01900000-0000-7000-8000-000000000000']),
      taskforge(['stats'], { apiKey: 'tf_not-a-key' }),
      taskforge(['--json', 'submit', 'reverse', '{}']),
    ]);

    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toContain('error: Request validation failed (HTTP 400)');
    expect(invalid.stderr).toMatch(/payload\.text: .*expected string/);
    expect(invalid.stderr).toContain('field: payload.text');
    expect(invalid.stderr).toMatch(/correlation id: \S+/);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('(HTTP 404)');
    expect(unauthorised.code).toBe(3);
    expect(unauthorised.stderr).toContain('(HTTP 401)');
    expect(unauthorised.stderr).toContain('field: header:X-API-Key');
    expect(invalidJson.code).toBe(3);
    expect(JSON.parse(invalidJson.stderr)).toMatchObject({ status: 400, field: 'payload.text' });
  });

  it('dead-letters list and redrive, and stats', async () => {
    const failed = await json<TaskOut>(
      ['submit', 'fail', '{"permanent":true,"message":"cli dead letter"}', '--wait'],
      {},
      1,
    );
    const letters = await json<{ groups: { fingerprint: string; signature: string }[] }>([
      'dead-letters',
      'list',
      '--type',
      'fail',
    ]);
    const group = letters.groups.find((g) => g.signature.includes('cli dead letter'));
    expect(group).toBeDefined();
    const one = await json<{ tasks: { id: string }[] }>([
      'dead-letters',
      'list',
      '--fingerprint',
      group!.fingerprint,
    ]);
    expect(one.tasks.map((t) => t.id)).toContain(failed.id);

    const redriven = await json<{ mode: string; redriven: number }>([
      'dead-letters',
      'redrive',
      '--fingerprint',
      group!.fingerprint,
      '--limit',
      '1000',
    ]);
    expect(redriven).toMatchObject({ mode: 'tasks' });
    expect(redriven.redriven).toBeGreaterThanOrEqual(1);
    const wholeQueue = await taskforge(['dead-letters', 'redrive', '--queue', 'low']);
    expect(wholeQueue.code).toBe(3);
    expect(wholeQueue.stderr).toContain('(HTTP 403)');

    const stats = await json<{ tasks: { total: number } }>(['stats', '--window', '3600']);
    expect(stats.tasks.total).toBeGreaterThan(0);
    const human = await taskforge(['stats']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^tasks\s+\d+/);
  });

  it('admin: a new tenant and key, its tasks invisible to the first tenant, the revoked key refused', async () => {
    // The operator token the local runtime issues, as `npm run local` prints it.
    const admin = { token: runtime.adminToken };
    const tenant = await json<{ id: string; name: string }>(
      ['admin', 'tenants', 'create', 'cli-tenant', '--rate', '500'],
      admin,
    );
    expect(tenant.name).toBe('cli-tenant');
    const key = await json<{ id: string; key: string; tenantId: string }>(
      ['admin', 'keys', 'create', tenant.id, '--name', 'cli'],
      admin,
    );
    expect(key.tenantId).toBe(tenant.id);

    const task = await json<TaskOut>(['submit', 'echo', '{"tenant":"new"}', '--wait'], { apiKey: key.key });
    expect(task.status).toBe('COMPLETED');
    const firstTenant = await taskforge(['get', task.id]);
    expect(firstTenant.code).toBe(3);
    expect(firstTenant.stderr).toContain('(HTTP 404)');
    const firstList = await json<{ items: TaskOut[] }>(['tasks', 'list', '--limit', '100']);
    expect(firstList.items.map((t) => t.id)).not.toContain(task.id);

    const listed = await json<{ keys: Record<string, unknown>[] }>(
      ['admin', 'keys', 'list', tenant.id],
      admin,
    );
    expect(listed.keys).toEqual([expect.objectContaining({ id: key.id, status: 'active' })]);
    expect(JSON.stringify(listed)).not.toContain(key.key);
    const revoked = await taskforge(['admin', 'keys', 'revoke', tenant.id, key.id], admin);
    expect(revoked.code, revoked.stderr).toBe(0);
    const refused = await taskforge(['get', task.id], { apiKey: key.key });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('(HTTP 401)');
  });

  it('admin: tenants list, get, update and delete; keys rotate; tokens create, list and revoke', async () => {
    const admin = { token: runtime.adminToken };
    const tenant = await json<{ id: string }>(['admin', 'tenants', 'create', 'cli-other'], admin);
    const listed = await json<{ tenants: { id: string }[] }>(['admin', 'tenants', 'list', '--all'], admin);
    expect(listed.tenants.map((t) => t.id)).toContain(tenant.id);
    const updated = await json(
      ['admin', 'tenants', 'update', tenant.id, '--name', 'renamed', '--burst', '7'],
      admin,
    );
    expect(updated).toMatchObject({ name: 'renamed', rateLimitBurst: 7, rateLimitPerSecond: null });
    expect(await json(['admin', 'tenants', 'get', tenant.id], admin)).toMatchObject({ name: 'renamed' });

    const key = await json<{ id: string; key: string }>(['admin', 'keys', 'create', tenant.id], admin);
    const rotated = await json<{ id: string; key: string }>(
      ['admin', 'keys', 'rotate', tenant.id, key.id, '--grace', '0'],
      admin,
    );
    expect(rotated.key).not.toBe(key.key);
    expect((await taskforge(['submit', 'echo', '{}', '--delay', '3600'], { apiKey: rotated.key })).code).toBe(
      0,
    );
    expect((await taskforge(['tasks', 'list'], { apiKey: key.key })).code).toBe(3);

    const busy = await taskforge(['admin', 'tenants', 'delete', tenant.id], admin);
    expect(busy.code).toBe(3);
    expect(busy.stderr).toContain('(HTTP 409)');
    expect((await taskforge(['admin', 'tenants', 'delete', tenant.id, '--force'], admin)).code).toBe(0);

    const metrics = await json<{ id: string; token: string; scope: string }>(
      ['admin', 'tokens', 'create', 'cli-metrics', '--scope', 'metrics'],
      admin,
    );
    expect(metrics.scope).toBe('metrics');
    const tokens = await json<{ tokens: { id: string }[] }>(['admin', 'tokens', 'list'], admin);
    expect(tokens.tokens.map((t) => t.id)).toContain(metrics.id);
    const forbidden = await taskforge(['admin', 'tokens', 'list'], { token: metrics.token });
    expect(forbidden.code).toBe(3);
    expect(forbidden.stderr).toContain('(HTTP 403)');
    expect((await taskforge(['admin', 'tokens', 'revoke', metrics.id], admin)).code).toBe(0);
    const unknown = await taskforge(['admin', 'tokens', 'list'], { token: metrics.token });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('(HTTP 401)');
  });

  it('schedules: create, list, get, pause, resume, trigger and delete; a bad cron exits 3 naming the field', async () => {
    const created = await json<{ id: string; state: string; nextRuns: string[] }>([
      'schedules',
      'create',
      'cli-nightly',
      '--cron',
      '0 3 * * *',
      '--timezone',
      'Europe/Berlin',
      '--type',
      'echo',
      '--payload',
      '{"n":1}',
    ]);
    expect(created).toMatchObject({ state: 'active' });
    expect(created.nextRuns).toHaveLength(5);
    const list = await json<{ items: { id: string }[] }>(['schedules', 'list']);
    expect(list.items.map((s) => s.id)).toContain(created.id);
    expect(await json(['schedules', 'pause', created.id])).toMatchObject({ state: 'paused' });
    expect(await json(['schedules', 'resume', created.id])).toMatchObject({ state: 'active' });
    const run = await json<{ taskId: string }>(['schedules', 'trigger', created.id]);
    expect(await json(['schedules', 'get', created.id])).toMatchObject({ lastRun: { taskId: run.taskId } });
    expect((await taskforge(['schedules', 'delete', created.id])).code).toBe(0);

    const bad = await taskforge(['schedules', 'create', 'cli-bad', '--cron', '61 * * * *', '--type', 'echo']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('cron');
  });

  it('--help lists every command', async () => {
    const help = await taskforge(['--help']);
    expect(help.code).toBe(0);
    for (const command of [
      'submit <type> [payload]',
      'get <id>',
      'events <id>',
      'watch <id>',
      'tasks list',
      'cancel <id>',
      'retry <id>',
      'delete <id>',
      'dead-letters list',
      'dead-letters redrive',
      'stats',
      'schedules create <name>',
      'schedules list',
      'schedules trigger <id>',
      'admin tenants list',
      'admin tenants get <tenant-id>',
      'admin tenants create <name>',
      'admin tenants update <tenant-id>',
      'admin tenants delete <tenant-id>',
      'admin keys list <tenant-id>',
      'admin keys create <tenant-id>',
      'admin keys revoke <tenant-id> <key-id>',
      'admin keys rotate <tenant-id> <key-id>',
      'admin tokens list',
      'admin tokens create <name>',
      'admin tokens revoke <token-id>',
    ]) {
      expect(help.stdout).toContain(`  ${command} `);
    }
  });
});
