/**
 * The admin API against the local runtime, over HTTP, as an operator meets it after `npm run
 * local`: with the printed operator token, create a tenant and a key, submit with that key and
 * see the task COMPLETED, the dev tenant cannot see it, the revoked key gets 401 at once; and the
 * README's operator examples (`/metrics`, whole-queue redrive) work with the same token.
 */
import { describe, expect, it } from 'vitest';
import { e2eClient } from './e2e-client.ts';
import { useLocalRuntime } from './e2e-fixtures.ts';

const { runtime, api } = useLocalRuntime({ queuePrefix: `e2e-admin-${Date.now().toString(36)}` });

function operator(token = runtime.adminToken) {
  return (method: string, path: string, body?: unknown) =>
    api.request<Record<string, unknown> & { id: string }>(method, path, body, {
      authorization: `Bearer ${token}`,
      // The admin API refuses tenant keys: send none.
      'x-api-key': '',
    });
}

describe('the admin API with the local operator token', () => {
  it('creates a tenant and a key; the key runs a task the dev tenant cannot see; revoked, it gets 401', async () => {
    const admin = operator();
    const tenant = await admin('POST', '/v1/admin/tenants', { name: 'customer-1', rateLimitBurst: 50 });
    expect(tenant.status).toBe(201);
    const created = await admin('POST', `/v1/admin/tenants/${tenant.body.id}/keys`, { name: 'first' });
    expect(created.status).toBe(201);
    const customer = e2eClient(runtime.url, String(created.body.key));

    const task = await customer.submit({ type: 'reverse', payload: { text: 'admin' } });
    const done = await customer.waitForStatus(task.id, 'COMPLETED', 30_000);

    expect(done.result).toEqual({ reversed: 'nimda' });
    expect((await api.request('GET', `/v1/tasks/${task.id}`)).status).toBe(404);
    const devTasks = await api.request<{ items: { id: string }[] }>('GET', '/v1/tasks?limit=100');
    expect(devTasks.body.items.map((t) => t.id)).not.toContain(task.id);

    const revoked = await admin('DELETE', `/v1/admin/tenants/${tenant.body.id}/keys/${created.body.id}`);
    expect(revoked.status).toBe(204);
    const refused = await customer.request('GET', `/v1/tasks/${task.id}`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
  });

  it('lists the local token among the operator tokens, and refuses the dev API key', async () => {
    const tokens = await operator()('GET', '/v1/admin/tokens');

    expect(tokens.status).toBe(200);
    const listed = (tokens.body as unknown as { tokens: { name: string; prefix: string; scope: string }[] })
      .tokens;
    expect(listed).toContainEqual(
      expect.objectContaining({ name: 'local', scope: 'admin', prefix: runtime.adminToken.slice(0, 8) }),
    );
    expect((await api.request('GET', '/v1/admin/tokens')).status).toBe(401);
  });

  it('reads /metrics and redrives a whole dead-letter queue, as the README shows', async () => {
    const metrics = await fetch(`${runtime.url}/metrics`, {
      headers: { authorization: `Bearer ${runtime.adminToken}` },
    });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('taskforge_tasks_submitted_total');

    const redrive = await api.request<{ mode: string; queue: string }>(
      'POST',
      '/v1/dead-letters/redrive',
      { queue: 'high', ratePerSecond: 50 },
      { authorization: `Bearer ${runtime.adminToken}` },
    );
    expect(redrive.status, JSON.stringify(redrive.body)).toBe(202);
    expect(redrive.body).toMatchObject({ mode: 'queue', queue: 'high' });
  });
});
