/**
 * Operator tokens and who may call the admin API: the auth matrix over every admin route (no
 * token, a tenant key, a metrics token, a revoked, expired or unknown token: refused before
 * anything else; an admin token: through), the token lifecycle (create, list without secrets,
 * revoke, self-revocation, the last admin token), and hostile input that changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { configureProcessDeps } from '../../../shared/process-deps.ts';
import { hashApiKey } from '../../../shared/tenants/tenant-store.ts';
import { call, expectProblem } from '../../helpers/api.ts';
import { startTestQueues } from '../../helpers/sqs-emulator.ts';
import { bearer, useAdminApi } from './admin-fixtures.ts';

const api = useAdminApi();
const MISSING = '01900000-0000-7000-8000-000000000000';
// Failed authentications drain a bucket per address: each refused request here comes from an
// address of its own, so the refusals do not add up to a 429.
let addresses = 0;
const fresh = () => `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses++ & 255}`;

/** One request per admin route, valid apart from its credentials. */
function adminRequests(): { method: string; target: string; body?: unknown }[] {
  const tenant = api.tenantB.id;
  return [
    { method: 'POST', target: '/v1/admin/tenants', body: { name: 'matrix' } },
    { method: 'GET', target: '/v1/admin/tenants' },
    { method: 'GET', target: `/v1/admin/tenants/${tenant}` },
    { method: 'PATCH', target: `/v1/admin/tenants/${tenant}`, body: { name: 'tenant-b' } },
    { method: 'DELETE', target: `/v1/admin/tenants/${MISSING}` },
    { method: 'POST', target: `/v1/admin/tenants/${tenant}/keys`, body: {} },
    { method: 'GET', target: `/v1/admin/tenants/${tenant}/keys` },
    { method: 'DELETE', target: `/v1/admin/tenants/${tenant}/keys/${MISSING}` },
    { method: 'POST', target: `/v1/admin/tenants/${tenant}/keys/${MISSING}/rotate` },
    { method: 'POST', target: '/v1/admin/tokens', body: { name: 'matrix', scope: 'metrics' } },
    { method: 'GET', target: '/v1/admin/tokens' },
    { method: 'DELETE', target: `/v1/admin/tokens/${MISSING}` },
  ];
}

async function counts() {
  const { rows } = await api.db.query<{ tenants: number; keys: number; tokens: number; revoked: number }>(
    `SELECT (SELECT count(*)::int FROM tenants) AS tenants, (SELECT count(*)::int FROM api_keys) AS keys,
            (SELECT count(*)::int FROM operator_tokens) AS tokens,
            (SELECT count(*)::int FROM operator_tokens WHERE revoked_at IS NOT NULL) AS revoked`,
  );
  return rows[0]!;
}

async function newToken(scope: 'admin' | 'metrics', name = `${scope} token`) {
  const res = await api.admin('POST', '/v1/admin/tokens', { body: { name, scope } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; token: string; prefix: string };
}

describe('who may call the admin API', () => {
  it('refuses every admin route without an operator token, or with a tenant key, with 401 and changes nothing', async () => {
    const before = await counts();
    for (const { method, target, body } of adminRequests()) {
      const none = await call(method, target, { body, sourceIp: fresh() });
      expectProblem(none, 401, 'header:Authorization');
      expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
      const tenantKey = await call(method, target, { body, apiKey: api.tenantA.apiKey, sourceIp: fresh() });
      expectProblem(tenantKey, 401, 'header:Authorization');
      expect(tenantKey.body.detail).toContain('not a tenant API key');
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a metrics token with 403, and an unknown, revoked or expired token with 401', async () => {
    const metricsToken = await newToken('metrics');
    const revoked = await newToken('admin', 'to revoke');
    const expired = await newToken('admin', 'to expire');
    await api.admin('DELETE', `/v1/admin/tokens/${revoked.id}`);
    await api.db.query(
      "UPDATE operator_tokens SET expires_at = now() - interval '1 second' WHERE id = :id::uuid",
      {
        id: expired.id,
      },
    );
    const before = await counts();

    for (const { method, target, body } of adminRequests()) {
      const wrongScope = await call(method, target, {
        body,
        headers: bearer(metricsToken.token),
        sourceIp: fresh(),
      });
      expectProblem(wrongScope, 403, 'header:Authorization');
      expect(wrongScope.body.type).toBe('urn:taskforge:problem:insufficient-scope');
      for (const token of ['tfo_unknown-token-of-the-right-shape-000000000', revoked.token, expired.token])
        expectProblem(
          await call(method, target, { body, headers: bearer(token), sourceIp: fresh() }),
          401,
          'header:Authorization',
        );
    }
    expect(await counts()).toEqual(before);
  });

  it('lets an admin token through on every admin route', async () => {
    for (const { method, target, body } of adminRequests()) {
      const res = await api.admin(method, target, { body });
      expect([200, 201, 204, 404], `${method} ${target}: ${JSON.stringify(res.body)}`).toContain(res.status);
    }
  });

  it('accepts ADMIN_TOKEN from the environment, audited without a token id', async () => {
    process.env.ADMIN_TOKEN = 'environment-admin-token-0123456789abcdef';
    configureProcessDeps({ opsConfig: undefined });
    try {
      const res = await call('GET', '/v1/admin/tokens', { headers: bearer(process.env.ADMIN_TOKEN) });
      expect(res.status).toBe(200);
    } finally {
      delete process.env.ADMIN_TOKEN;
      configureProcessDeps({ opsConfig: undefined });
    }
  });

  it('counts failed tokens against the address, like failed API keys (429 once the bucket is empty)', async () => {
    const sourceIp = '203.0.113.77';
    let last = 0;
    for (let i = 0; i < 40 && last !== 429; i++)
      last = (await call('GET', '/v1/admin/tokens', { sourceIp, headers: bearer(`tfo_guess-${i}`) })).status;

    expect(last).toBe(429);
    // The bucket is the address's: the right token from there waits too; from elsewhere it works.
    expect(
      (await call('GET', '/v1/admin/tokens', { sourceIp, headers: bearer(api.adminToken) })).status,
    ).toBe(429);
    expect((await api.admin('GET', '/v1/admin/tokens')).status).toBe(200);
  });
});

describe('operator tokens', () => {
  it('are shown once, listed without the token or its hash, and work at once', async () => {
    const created = await api.admin('POST', '/v1/admin/tokens', {
      body: {
        name: 'ops on call',
        scope: 'admin',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'ops on call',
      scope: 'admin',
      status: 'active',
      revokedAt: null,
    });
    expect(created.body.token).toMatch(/^tfo_[A-Za-z0-9_-]{43}$/);
    expect(created.body.prefix).toBe(created.body.token.slice(0, 8));
    const listed = await api.admin('GET', '/v1/admin/tokens', { token: created.body.token });
    expect(listed.status).toBe(200);
    const { token: _secret, ...shown } = created.body;
    expect(listed.body.tokens).toContainEqual(shown);
    const raw = JSON.stringify(listed.body);
    expect(raw).not.toContain(created.body.token);
    expect(raw).not.toContain(hashApiKey(created.body.token));
  });

  it('grant what their scope allows: a metrics token reads /metrics', async () => {
    const metricsToken = await newToken('metrics');
    const queues = await startTestQueues();
    configureProcessDeps({ sqs: queues.client, queues: queues.queues });
    try {
      const res = await call('GET', '/metrics', { headers: bearer(metricsToken.token) });

      expect(res.status).toBe(200);
      expect(res.body).toContain('taskforge_tasks');
    } finally {
      await queues.stop();
    }
  });

  it('are refused from the next request on once revoked, even when revoking themselves', async () => {
    const other = await newToken('admin', 'other');
    const self = await newToken('admin', 'self');

    expect((await api.admin('DELETE', `/v1/admin/tokens/${other.id}`)).status).toBe(204);
    expectProblem(await api.admin('GET', '/v1/admin/tokens', { token: other.token, sourceIp: fresh() }), 401);

    expect((await api.admin('DELETE', `/v1/admin/tokens/${self.id}`, { token: self.token })).status).toBe(
      204,
    );
    expectProblem(await api.admin('GET', '/v1/admin/tokens', { token: self.token, sourceIp: fresh() }), 401);
    const listed = (await api.admin('GET', '/v1/admin/tokens')).body.tokens;
    expect(listed.find((t: { id: string }) => t.id === self.id).status).toBe('revoked');
  });

  it('never lets the last usable admin token go', async () => {
    const listed = (await api.admin('GET', '/v1/admin/tokens')).body.tokens as {
      id: string;
      scope: string;
      status: string;
    }[];
    for (const token of listed)
      if (token.scope === 'admin' && token.status === 'active' && token.id !== api.adminTokenId)
        expect((await api.admin('DELETE', `/v1/admin/tokens/${token.id}`)).status).toBe(204);
    const before = await counts();

    const refused = await api.admin('DELETE', `/v1/admin/tokens/${api.adminTokenId}`);

    expectProblem(refused, 409);
    expect(refused.body.type).toBe('urn:taskforge:problem:last-admin-token');
    expect(await counts()).toEqual(before);
    expect((await api.admin('GET', '/v1/admin/tokens')).status).toBe(200);
    // With a second admin token the first may go.
    const spare = await newToken('admin', 'spare');
    expect(
      (await api.admin('DELETE', `/v1/admin/tokens/${api.adminTokenId}`, { token: spare.token })).status,
    ).toBe(204);
    // The fixture's token serves the tests that follow.
    await api.db.query('UPDATE operator_tokens SET revoked_at = NULL WHERE id = :id::uuid', {
      id: api.adminTokenId,
    });
  });

  it('refuse revoking the last two admin tokens at once: one of them stays', async () => {
    const listed = (
      await api.admin('GET', '/v1/admin/tokens', { token: (await newToken('admin', 'a')).token })
    ).body.tokens as { id: string; scope: string; status: string }[];
    const admins = listed.filter((t) => t.scope === 'admin' && t.status === 'active');
    const keep = await newToken('admin', 'b');
    // Leave exactly two: `keep` and one other.
    for (const token of admins.slice(1))
      await api.admin('DELETE', `/v1/admin/tokens/${token.id}`, { token: keep.token });
    const pair = [admins[0]!.id, keep.id];

    const results = await Promise.all(
      pair.map((id) => api.admin('DELETE', `/v1/admin/tokens/${id}`, { token: keep.token })),
    );

    expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
    const { rows } = await api.db.query(
      `SELECT count(*)::int AS n FROM operator_tokens
        WHERE scope = 'admin' AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
    );
    expect(rows[0]!.n).toBe(1);
    await api.db.query('UPDATE operator_tokens SET revoked_at = NULL WHERE id = :id::uuid', {
      id: api.adminTokenId,
    });
  });
});

describe('hostile input to the admin API', () => {
  const cases: { name: string; method: string; target: () => string; body?: unknown; field: string }[] = [
    {
      name: 'an empty tenant name',
      method: 'POST',
      target: () => '/v1/admin/tenants',
      body: { name: '' },
      field: 'name',
    },
    {
      name: 'a name of 129 characters',
      method: 'POST',
      target: () => '/v1/admin/tenants',
      body: { name: 'x'.repeat(129) },
      field: 'name',
    },
    {
      name: 'a name with NUL',
      method: 'POST',
      target: () => '/v1/admin/tenants',
      body: { name: 'a\u0000b' },
      field: 'name',
    },
    {
      name: 'a rate of 0',
      method: 'POST',
      target: () => '/v1/admin/tenants',
      body: { name: 'x', rateLimitPerSecond: 0 },
      field: 'rateLimitPerSecond',
    },
    {
      name: 'a fractional burst',
      method: 'POST',
      target: () => '/v1/admin/tenants',
      body: { name: 'x', rateLimitBurst: 1.5 },
      field: 'rateLimitBurst',
    },
    {
      name: 'a burst over a million',
      method: 'POST',
      target: () => '/v1/admin/tenants',
      body: { name: 'x', rateLimitBurst: 1_000_001 },
      field: 'rateLimitBurst',
    },
    {
      name: 'an unknown field',
      method: 'POST',
      target: () => '/v1/admin/tenants',
      body: { name: 'x', admin: true },
      field: 'admin',
    },
    {
      name: 'a number for a name',
      method: 'PATCH',
      target: () => `/v1/admin/tenants/${api.tenantB.id}`,
      body: { name: 5 },
      field: 'name',
    },
    {
      name: 'no body to PATCH',
      method: 'PATCH',
      target: () => `/v1/admin/tenants/${api.tenantB.id}`,
      field: 'body',
    },
    {
      name: 'a tenant id that is no UUID',
      method: 'GET',
      target: () => '/v1/admin/tenants/tenant-b',
      field: 'tenantId',
    },
    {
      name: 'a cursor that is no id',
      method: 'GET',
      target: () => '/v1/admin/tenants?cursor=abc',
      field: 'cursor',
    },
    { name: 'a limit of 0', method: 'GET', target: () => '/v1/admin/tenants?limit=0', field: 'limit' },
    {
      name: 'an unknown query parameter',
      method: 'GET',
      target: () => '/v1/admin/tenants?name=x',
      field: 'name',
    },
    {
      name: 'force=yes',
      method: 'DELETE',
      target: () => `/v1/admin/tenants/${api.tenantB.id}?force=yes`,
      field: 'force',
    },
    {
      name: 'an expiry in the past',
      method: 'POST',
      target: () => `/v1/admin/tenants/${api.tenantB.id}/keys`,
      body: { expiresAt: '2020-01-01T00:00:00Z' },
      field: 'expiresAt',
    },
    {
      name: 'an expiry eleven years ahead',
      method: 'POST',
      target: () => `/v1/admin/tenants/${api.tenantB.id}/keys`,
      body: { expiresAt: new Date(Date.now() + 11 * 365 * 86_400_000).toISOString() },
      field: 'expiresAt',
    },
    {
      name: 'an expiry without a zone',
      method: 'POST',
      target: () => `/v1/admin/tenants/${api.tenantB.id}/keys`,
      body: { expiresAt: '2030-01-01T00:00:00' },
      field: 'expiresAt',
    },
    {
      name: 'a negative grace',
      method: 'POST',
      target: () => `/v1/admin/tenants/${api.tenantB.id}/keys/${MISSING}/rotate`,
      body: { graceSeconds: -1 },
      field: 'graceSeconds',
    },
    {
      name: 'a grace over a week',
      method: 'POST',
      target: () => `/v1/admin/tenants/${api.tenantB.id}/keys/${MISSING}/rotate`,
      body: { graceSeconds: 604_801 },
      field: 'graceSeconds',
    },
    {
      name: 'a key id that is no UUID',
      method: 'DELETE',
      target: () => `/v1/admin/tenants/${api.tenantB.id}/keys/nope`,
      field: 'keyId',
    },
    {
      name: 'an unknown scope',
      method: 'POST',
      target: () => '/v1/admin/tokens',
      body: { name: 'x', scope: 'root' },
      field: 'scope',
    },
    {
      name: 'a token without a name',
      method: 'POST',
      target: () => '/v1/admin/tokens',
      body: { scope: 'admin' },
      field: 'name',
    },
    {
      name: 'a token id that is no UUID',
      method: 'DELETE',
      target: () => '/v1/admin/tokens/1',
      field: 'tokenId',
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s: 400 naming the field, nothing changed',
    async (_, c) => {
      const before = await counts();

      const res = await api.admin(c.method, c.target(), c.body === undefined ? {} : { body: c.body });

      expectProblem(res, 400, c.field);
      expect(await counts()).toEqual(before);
    },
  );

  it('refuses a body that is not JSON (415) or too large (413), changing nothing', async () => {
    const before = await counts();

    expectProblem(
      await api.admin('POST', '/v1/admin/tenants', {
        body: 'name=x',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
    );
    expectProblem(
      await api.admin('POST', '/v1/admin/tenants', {
        body: JSON.stringify({ name: 'x'.repeat(1_100_000) }),
        headers: { 'content-type': 'application/json' },
      }),
      413,
    );
    expect(await counts()).toEqual(before);
  });

  it('answers 404 naming the id for what does not exist', async () => {
    expectProblem(await api.admin('GET', `/v1/admin/tenants/${MISSING}`), 404, 'tenantId');
    expectProblem(
      await api.admin('PATCH', `/v1/admin/tenants/${MISSING}`, { body: { name: 'x' } }),
      404,
      'tenantId',
    );
    expectProblem(await api.admin('POST', `/v1/admin/tenants/${MISSING}/keys`), 404, 'tenantId');
    expectProblem(await api.admin('GET', `/v1/admin/tenants/${MISSING}/keys`), 404, 'tenantId');
    expectProblem(
      await api.admin('POST', `/v1/admin/tenants/${api.tenantB.id}/keys/${MISSING}/rotate`),
      404,
      'keyId',
    );
    expectProblem(await api.admin('DELETE', `/v1/admin/tokens/${MISSING}`), 404, 'tokenId');
  });
});
