import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localAdminToken } from '../../../../infra/local/local-admin-token.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taskforge-admin-token-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the local operator token', () => {
  it('is generated once, saved readable by its owner only, and the same on the next start', async () => {
    const file = join(dir, '.cache', 'local-admin-token');

    const first = await localAdminToken(undefined, file);
    const second = await localAdminToken(undefined, file);

    expect(first.token).toMatch(/^tfo_[A-Za-z0-9_-]{43}$/);
    expect(first.source).toContain('generated');
    expect(second).toEqual({ token: first.token, source: file });
    expect((await readFile(file, 'utf8')).trim()).toBe(first.token);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('is ADMIN_TOKEN when that is set, without touching the file', async () => {
    const file = join(dir, 'local-admin-token');

    expect(await localAdminToken('from-the-environment', file)).toEqual({
      token: 'from-the-environment',
      source: 'ADMIN_TOKEN',
    });
    await expect(stat(file)).rejects.toThrow();
  });
});
