/**
 * Tenants and their API keys through the admin API, over the real handler chain: create a tenant
 * and a key, use the key, isolation from other tenants, revoke (401 at once here, and in other
 * processes once the epoch moves), rotate with a grace period, expiry, delete with and without
 * active tasks, idempotent creation, audit lines and metrics.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bumpAuthEpoch } from '../../../shared/edge/auth-epoch.ts';
import { getRedis } from '../../../shared/edge/edge-redis.ts';
import { clearAuthCache } from '../../../shared/http/api-key-auth.ts';
import { logger, MetricName, metrics } from '../../../shared/observability.ts';
import { hashApiKey } from '../../../shared/tenants/tenant-store.ts';
import { eventually } from '../../e2e/e2e-client.ts';
import { call, expectProblem } from '../../helpers/api.ts';
import { useAdminApi } from './admin-fixtures.ts';

const api = useAdminApi();

afterEach(() => {
  vi.restoreAllMocks();
});

async function newTenant(name = 'acme', limits: Record<string, unknown> = {}) {
  const res = await api.admin('POST', '/v1/admin/tenants', { body: { name, ...limits } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string };
}

async function newKey(tenantId: string, body?: Record<string, unknown>) {
  const res = await api.admin('POST', `/v1/admin/tenants/${tenantId}/keys`, body ? { body } : {});
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; key: string; prefix: string; expiresAt: string | null };
}

const listTasks = (key: string) => call('GET', '/v1/tasks', { apiKey: key });
const submit = (key: string) =>
  call('POST', '/v1/tasks', { apiKey: key, body: { type: 'echo', payload: { n: 1 } } });

describe('a tenant and its first key', () => {
  it('is created with its limits, listed, read and changed; null resets a limit', async () => {
    const created = await api.admin('POST', '/v1/admin/tenants', {
      body: { name: 'Globex', rateLimitPerSecond: 2.5, rateLimitBurst: 10 },
    });

    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/v1/admin/tenants/${created.body.id}`);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Globex',
      rateLimitPerSecond: 2.5,
      rateLimitBurst: 10,
      createdAt: expect.any(String),
      activeKeys: 0,
    });
    const read = await api.admin('GET', `/v1/admin/tenants/${created.body.id}`);
    expect(read.body).toEqual(created.body);

    const patched = await api.admin('PATCH', `/v1/admin/tenants/${created.body.id}`, {
      body: { name: 'Globex Corp', rateLimitBurst: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Globex Corp',
      rateLimitPerSecond: 2.5,
      rateLimitBurst: null,
    });
    const unchanged = await api.admin('PATCH', `/v1/admin/tenants/${created.body.id}`, { body: {} });
    expect(unchanged.body).toEqual(patched.body);
  });

  it('lists tenants oldest first, page by page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await api.admin('GET', `/v1/admin/tenants${query}`);
      expect(page.status).toBe(200);
      expect(page.body.tenants.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.tenants.map((t: { id: string }) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(seen.slice(0, 2)).toEqual([api.tenantA.id, api.tenantB.id]);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('issues a key shown once that works on /v1/tasks, listed without the key or its hash', async () => {
    const tenant = await newTenant();
    const key = await newKey(tenant.id, { name: 'ci' });

    expect(key.key).toMatch(/^tf_[A-Za-z0-9_-]{43}$/);
    expect(key.prefix).toBe(key.key.slice(0, 8));
    const submitted = await submit(key.key);
    expect(submitted.status).toBe(202);
    const listed = await api.admin('GET', `/v1/admin/tenants/${tenant.id}/keys`);
    expect(listed.body.keys).toEqual([
      {
        id: key.id,
        tenantId: tenant.id,
        prefix: key.prefix,
        name: 'ci',
        createdAt: expect.any(String),
        expiresAt: null,
        revokedAt: null,
        status: 'active',
      },
    ]);
    const raw = JSON.stringify(listed.body);
    expect(raw).not.toContain(key.key);
    expect(raw).not.toContain(hashApiKey(key.key));
    expect((await api.admin('GET', `/v1/admin/tenants/${tenant.id}`)).body.activeKeys).toBe(1);
  });

  it('keeps tenants apart: another tenant’s task is a 404 and absent from its listings', async () => {
    const tenant = await newTenant('isolated');
    const key = await newKey(tenant.id);
    const theirs = (await submit(key.key)).body.id as string;
    const ours = (await submit(api.tenantA.apiKey)).body.id as string;

    expectProblem(await call('GET', `/v1/tasks/${theirs}`, { apiKey: api.tenantA.apiKey }), 404);
    expectProblem(await call('GET', `/v1/tasks/${ours}`, { apiKey: key.key }), 404);
    expectProblem(await call('POST', `/v1/tasks/${theirs}/cancel`, { apiKey: api.tenantA.apiKey }), 404);
    const mine = (await listTasks(api.tenantA.apiKey)).body.items.map((t: { id: string }) => t.id);
    expect(mine).toContain(ours);
    expect(mine).not.toContain(theirs);
    expect((await listTasks(key.key)).body.items.map((t: { id: string }) => t.id)).toEqual([theirs]);
  });

  it('creates one tenant for a repeated Idempotency-Key, answering the repeat from the record', async () => {
    const headers = { 'idempotency-key': `tenant-${Math.random()}` };
    const first = await api.admin('POST', '/v1/admin/tenants', { headers, body: { name: 'once' } });
    const again = await api.admin('POST', '/v1/admin/tenants', { headers, body: { name: 'once' } });

    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const { rows } = await api.db.query("SELECT count(*)::int AS n FROM tenants WHERE name = 'once'");
    expect(rows[0]!.n).toBe(1);
  });

  it('replays a new key to the token that created it, from a record that does not hold it in clear', async () => {
    const tenant = await newTenant();
    const idempotencyKey = `key-${Math.random()}`;
    const headers = { 'idempotency-key': idempotencyKey };
    const first = await api.admin('POST', `/v1/admin/tenants/${tenant.id}/keys`, {
      headers,
      body: { name: 'k' },
    });
    const again = await api.admin('POST', `/v1/admin/tenants/${tenant.id}/keys`, {
      headers,
      body: { name: 'k' },
    });

    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.key).toBe(first.body.key);
    const stored = await getRedis()!.keys(`*${encodeURIComponent(idempotencyKey)}*`);
    expect(stored.length).toBe(1);
    expect(await getRedis()!.get(stored[0]!)).not.toContain(first.body.key);
  });
});

describe('revoking a key', () => {
  it('answers 401 on the very next request of this process', async () => {
    const tenant = await newTenant();
    const key = await newKey(tenant.id);
    expect((await listTasks(key.key)).status).toBe(200);

    const revoked = await api.admin('DELETE', `/v1/admin/tenants/${tenant.id}/keys/${key.id}`);

    expect(revoked.status).toBe(204);
    expectProblem(await listTasks(key.key), 401, 'header:X-API-Key');
    const listed = await api.admin('GET', `/v1/admin/tenants/${tenant.id}/keys`);
    expect(listed.body.keys[0]).toMatchObject({
      id: key.id,
      status: 'revoked',
      revokedAt: expect.any(String),
    });
    // Again: nothing changes, still 204.
    expect((await api.admin('DELETE', `/v1/admin/tenants/${tenant.id}/keys/${key.id}`)).status).toBe(204);
  });

  it('reaches a process that cached the key once the revocation epoch moves', async () => {
    const tenant = await newTenant();
    const key = await newKey(tenant.id);
    expect((await listTasks(key.key)).status).toBe(200);
    // Another process revokes: the row changes and the epoch moves; this process's cache is not cleared.
    await api.db.query('UPDATE api_keys SET revoked_at = now() WHERE id = :id::uuid', { id: key.id });
    expect((await listTasks(key.key)).status).toBe(200);
    await bumpAuthEpoch(getRedis()!);

    // Within one epoch check (0.5 s); the bound only absorbs a slow machine.
    await eventually(async () => ((await listTasks(key.key)).status === 401 ? true : undefined), {
      timeoutMs: 5000,
      what: 'the revoked key to be refused',
    });
  });

  it('is 404 for a key of another tenant, and changes nothing', async () => {
    const tenant = await newTenant();
    const key = await newKey(tenant.id);

    expectProblem(
      await api.admin('DELETE', `/v1/admin/tenants/${api.tenantA.id}/keys/${key.id}`),
      404,
      'keyId',
    );
    expect((await listTasks(key.key)).status).toBe(200);
  });
});

describe('rotating a key', () => {
  it('issues a new key at once and keeps the old one working until the grace period ends', async () => {
    const tenant = await newTenant();
    const old = await newKey(tenant.id, { name: 'deploy' });
    expect((await listTasks(old.key)).status).toBe(200);

    const rotated = await api.admin('POST', `/v1/admin/tenants/${tenant.id}/keys/${old.id}/rotate`, {
      body: { graceSeconds: 5 },
    });

    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({ name: 'deploy', status: 'active', expiresAt: null });
    expect(rotated.body.key).not.toBe(old.key);
    expect((await listTasks(rotated.body.key)).status).toBe(200);
    expect((await listTasks(old.key)).status).toBe(200);
    const keys = (await api.admin('GET', `/v1/admin/tenants/${tenant.id}/keys`)).body.keys;
    const oldListed = keys.find((k: { id: string }) => k.id === old.id);
    expect(oldListed.status).toBe('active');
    const graceEnd = Date.parse(oldListed.expiresAt);
    expect(graceEnd - Date.parse(rotated.body.createdAt)).toBeGreaterThan(4000);
    expect(graceEnd - Date.parse(rotated.body.createdAt)).toBeLessThan(6000);

    await eventually(async () => ((await listTasks(old.key)).status === 401 ? true : undefined), {
      timeoutMs: 15_000,
      intervalMs: 200,
      what: 'the rotated key to stop after its grace',
    });
    // It stopped at the end of the grace period, not before.
    expect(Date.now()).toBeGreaterThanOrEqual(graceEnd - 1000);
    expect((await listTasks(rotated.body.key)).status).toBe(200);
  });

  it('with no grace stops the old key at once; a revoked key cannot be rotated', async () => {
    const tenant = await newTenant();
    const old = await newKey(tenant.id);
    const rotated = await api.admin('POST', `/v1/admin/tenants/${tenant.id}/keys/${old.id}/rotate`, {
      body: { graceSeconds: 0, name: 'next' },
    });

    expect(rotated.body.name).toBe('next');
    expectProblem(await listTasks(old.key), 401);
    await api.admin('DELETE', `/v1/admin/tenants/${tenant.id}/keys/${rotated.body.id}`);
    const again = await api.admin('POST', `/v1/admin/tenants/${tenant.id}/keys/${rotated.body.id}/rotate`);
    expectProblem(again, 409);
    expect(again.body).toMatchObject({
      type: 'urn:taskforge:problem:api-key-not-active',
      keyStatus: 'revoked',
    });
  });
});

describe('an expiring key', () => {
  it('works until its expiresAt, then is refused even from the cache, and is listed as expired', async () => {
    const tenant = await newTenant();
    // Generous: the key is issued and used once before it expires, on a machine that may be loaded.
    const expiresAt = new Date(Date.now() + 4000).toISOString();
    const key = await newKey(tenant.id, { expiresAt });
    expect(key.expiresAt).toBe(expiresAt);
    expect((await listTasks(key.key)).status).toBe(200);

    await eventually(async () => ((await listTasks(key.key)).status === 401 ? true : undefined), {
      timeoutMs: 15_000,
      intervalMs: 200,
      what: 'the key to expire',
    });

    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(expiresAt) - 1000);
    clearAuthCache();
    expectProblem(await listTasks(key.key), 401);
    const listed = await api.admin('GET', `/v1/admin/tenants/${tenant.id}/keys`);
    expect(listed.body.keys[0].status).toBe('expired');
    expect((await api.admin('GET', `/v1/admin/tenants/${tenant.id}`)).body.activeKeys).toBe(0);
  });
});

describe('deleting a tenant', () => {
  it('is refused while it has unfinished tasks, and with force deletes it with its keys and tasks', async () => {
    const tenant = await newTenant();
    const key = await newKey(tenant.id);
    const task = (await submit(key.key)).body.id as string;

    const refused = await api.admin('DELETE', `/v1/admin/tenants/${tenant.id}`);

    expectProblem(refused, 409);
    expect(refused.body).toMatchObject({
      type: 'urn:taskforge:problem:tenant-has-active-tasks',
      activeTasks: 1,
    });
    expect((await listTasks(key.key)).status).toBe(200);
    expect((await api.admin('DELETE', `/v1/admin/tenants/${tenant.id}?force=false`)).status).toBe(409);

    expect((await api.admin('DELETE', `/v1/admin/tenants/${tenant.id}?force=true`)).status).toBe(204);

    expectProblem(await api.admin('GET', `/v1/admin/tenants/${tenant.id}`), 404, 'tenantId');
    expectProblem(await listTasks(key.key), 401);
    const { rows } = await api.db.query(
      `SELECT (SELECT count(*) FROM tasks WHERE id = :id::uuid)::int AS tasks,
              (SELECT count(*) FROM task_events WHERE task_id = :id::uuid)::int AS events,
              (SELECT count(*) FROM outbox WHERE task_id = :id::uuid)::int AS outbox`,
      { id: task },
    );
    expect(rows[0]).toEqual({ tasks: 0, events: 0, outbox: 0 });
    expectProblem(await api.admin('DELETE', `/v1/admin/tenants/${tenant.id}`), 404);
  });

  it('needs no force when every task is finished', async () => {
    const tenant = await newTenant();
    const key = await newKey(tenant.id);
    const task = (await submit(key.key)).body.id as string;
    await call('POST', `/v1/tasks/${task}/cancel`, { apiKey: key.key });

    expect((await api.admin('DELETE', `/v1/admin/tenants/${tenant.id}`)).status).toBe(204);
  });
});

describe('the audit trail', () => {
  it('logs who did what to which target, and counts each action', async () => {
    const lines = vi.spyOn(logger, 'info');
    const counted = vi.spyOn(metrics, 'addMetric');

    const tenant = await newTenant('audited');
    const key = await newKey(tenant.id);
    await api.admin('DELETE', `/v1/admin/tenants/${tenant.id}/keys/${key.id}`);

    const audits = lines.mock.calls
      .filter(([message]) => message === 'admin audit')
      .map(([, ...extra]) => Object.assign({}, ...(extra as object[])) as Record<string, unknown>);
    expect(audits.map((line) => (line.audit as { action: string }).action)).toEqual([
      'tenant.create',
      'api-key.create',
      'api-key.revoke',
    ]);
    for (const line of audits) {
      expect(line.audit).toMatchObject({ operatorTokenId: api.adminTokenId, at: expect.any(String) });
      expect(line.correlationId).toEqual(expect.any(String));
    }
    expect(audits[2]!.audit).toMatchObject({ targetId: key.id, tenantId: tenant.id });
    expect(JSON.stringify(audits)).not.toContain(key.key);
    const names = counted.mock.calls.map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        MetricName.AdminTenantsCreated,
        MetricName.AdminApiKeysCreated,
        MetricName.AdminApiKeysRevoked,
      ]),
    );
  });
});
