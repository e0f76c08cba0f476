/**
 * The served OpenAPI document passes an independent linter: Redocly CLI's recommended rules,
 * with no error and no warning. `npm run lint:openapi` runs this file alone.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, useApi } from '../helpers/api.ts';

const run = promisify(execFile);
// The handlers read the runtime (database, tenants) that the fixture configures.
useApi();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taskforge-openapi-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the OpenAPI document, linted by Redocly CLI (recommended rules)', () => {
  it('has no errors and no warnings', async () => {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify((await call('GET', '/openapi.json')).body, null, 2));

    const { stdout, stderr } = await run(
      join(process.cwd(), 'node_modules/.bin/redocly'),
      ['lint', file, '--format', 'json', '--extends', 'recommended'],
      {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((err: { stdout?: string; stderr?: string }) => ({
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? '',
    }));
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
    };

    const problems = report.problems.map((p) => `${p.ruleId}: ${p.message} (${p.location[0]?.pointer})`);
    expect(problems, stderr).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });
});
