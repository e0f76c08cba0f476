/**
 * The admin API's scenarios of the OpenAPI coverage test (`openapi-coverage.test.ts`): one per
 * documented `METHOD path status`, through the real handler chain with the operator's
 * ADMIN_TOKEN (from the environment, as the coverage test sets it).
 */
import { expect } from 'vitest';
import { getRedis } from '../../shared/edge/edge-redis.ts';
import { beginIdempotentRequest } from '../../shared/edge/idempotency.ts';
import { requestFingerprint } from '../../shared/edge/request-fingerprint.ts';
import { type ApiResponse, type CallOptions, call } from '../helpers/api.ts';

export interface AdminScenarioContext {
  adminToken: string;
  metricsToken: string;
  /** Runs `work` with a database that reports itself unavailable. */
  databaseUnavailable(work: () => Promise<ApiResponse>): Promise<ApiResponse>;
  /** Makes a task of `apiKey`'s tenant that is not finished. */
  pendingTask(apiKey: string): Promise<string>;
}

const MISSING = '01900000-0000-7000-8000-000000000000';
const textBody = { body: 'hello', headers: { 'content-type': 'text/plain' } };
const tooLarge = () => ({
  body: JSON.stringify({ name: 'x'.repeat(1_100_000) }),
  headers: { 'content-type': 'application/json' },
});

/** Every admin route with a request that passes its own checks (for the statuses all of them share). */
const SAMPLES: Record<string, { target: string; body?: unknown }> = {
  'POST /v1/admin/tenants': { target: '/v1/admin/tenants', body: { name: 'sample' } },
  'GET /v1/admin/tenants': { target: '/v1/admin/tenants' },
  'GET /v1/admin/tenants/{tenantId}': { target: `/v1/admin/tenants/${MISSING}` },
  'PATCH /v1/admin/tenants/{tenantId}': { target: `/v1/admin/tenants/${MISSING}`, body: {} },
  'DELETE /v1/admin/tenants/{tenantId}': { target: `/v1/admin/tenants/${MISSING}` },
  'POST /v1/admin/tenants/{tenantId}/keys': { target: `/v1/admin/tenants/${MISSING}/keys` },
  'GET /v1/admin/tenants/{tenantId}/keys': { target: `/v1/admin/tenants/${MISSING}/keys` },
  'DELETE /v1/admin/tenants/{tenantId}/keys/{keyId}': {
    target: `/v1/admin/tenants/${MISSING}/keys/${MISSING}`,
  },
  'POST /v1/admin/tenants/{tenantId}/keys/{keyId}/rotate': {
    target: `/v1/admin/tenants/${MISSING}/keys/${MISSING}/rotate`,
  },
  'POST /v1/admin/tokens': { target: '/v1/admin/tokens', body: { name: 'sample', scope: 'metrics' } },
  'GET /v1/admin/tokens': { target: '/v1/admin/tokens' },
  'DELETE /v1/admin/tokens/{tokenId}': { target: `/v1/admin/tokens/${MISSING}` },
};

let throttledAddresses = 0;

export function adminScenarios(ctx: AdminScenarioContext): Record<string, () => Promise<ApiResponse>> {
  const auth = { authorization: `Bearer ${ctx.adminToken}` };
  const admin = (method: string, target: string, options: CallOptions = {}) =>
    call(method, target, { ...options, headers: { ...auth, ...options.headers } });

  async function tenant(): Promise<string> {
    const res = await admin('POST', '/v1/admin/tenants', { body: { name: 'contract' } });
    expect(res.status).toBe(201);
    return res.body.id;
  }
  async function key(tenantId: string): Promise<{ id: string; key: string }> {
    const res = await admin('POST', `/v1/admin/tenants/${tenantId}/keys`);
    expect(res.status).toBe(201);
    return res.body;
  }
  /** Failed tokens from one address until its bucket is empty, then the request itself from there. */
  async function throttled(method: string, target: string, options: CallOptions) {
    const sourceIp = `198.51.100.${++throttledAddresses}`;
    for (let i = 0; i < 100; i++) {
      const res = await call(method, target, {
        ...options,
        sourceIp,
        headers: { authorization: 'Bearer wrong' },
      });
      if (res.status === 429) break;
    }
    return admin(method, target, { ...options, sourceIp });
  }
  async function inFlight(target: string, body: unknown) {
    const idempotencyKey = `admin-in-flight-${Math.random()}`;
    // The env token's records are scoped by its name (it has no token id).
    const fingerprint = requestFingerprint('POST', target, body);
    await beginIdempotentRequest(getRedis()!, 'operator:ADMIN_TOKEN', idempotencyKey, fingerprint, 30);
    return admin('POST', target, { body, headers: { 'idempotency-key': idempotencyKey } });
  }
  async function keyReused(target: string, first: unknown, second: unknown) {
    const headers = { 'idempotency-key': `admin-reused-${Math.random()}` };
    expect((await admin('POST', target, { headers, body: first })).status).toBe(201);
    return admin('POST', target, { headers, body: second });
  }

  const shared = Object.fromEntries(
    Object.entries(SAMPLES).flatMap(([route, { target, body }]) => {
      const method = route.split(' ')[0]!;
      const options = body === undefined ? {} : { body };
      return [
        // From an address of its own: the refusals of this file add up past the per-address bucket.
        [
          `${route} 401`,
          () => call(method, target, { ...options, sourceIp: `198.51.101.${++throttledAddresses}` }),
        ],
        [
          `${route} 403`,
          () =>
            call(method, target, { ...options, headers: { authorization: `Bearer ${ctx.metricsToken}` } }),
        ],
        [`${route} 429`, () => throttled(method, target, options)],
        [`${route} 503`, () => ctx.databaseUnavailable(() => admin(method, target, options))],
      ];
    }),
  );

  return {
    ...shared,
    'POST /v1/admin/tenants 201': () =>
      admin('POST', '/v1/admin/tenants', { body: { name: 'a', rateLimitBurst: 5 } }),
    'POST /v1/admin/tenants 400': () => admin('POST', '/v1/admin/tenants', { body: { name: '' } }),
    'POST /v1/admin/tenants 409': () => inFlight('/v1/admin/tenants', { name: 'in flight' }),
    'POST /v1/admin/tenants 413': () => admin('POST', '/v1/admin/tenants', tooLarge()),
    'POST /v1/admin/tenants 415': () => admin('POST', '/v1/admin/tenants', textBody),
    'POST /v1/admin/tenants 422': () => keyReused('/v1/admin/tenants', { name: 'one' }, { name: 'two' }),
    'GET /v1/admin/tenants 200': () => admin('GET', '/v1/admin/tenants?limit=2'),
    'GET /v1/admin/tenants 400': () => admin('GET', '/v1/admin/tenants?limit=101'),
    'GET /v1/admin/tenants/{tenantId} 200': async () => admin('GET', `/v1/admin/tenants/${await tenant()}`),
    'GET /v1/admin/tenants/{tenantId} 400': () => admin('GET', '/v1/admin/tenants/nope'),
    'GET /v1/admin/tenants/{tenantId} 404': () => admin('GET', `/v1/admin/tenants/${MISSING}`),
    'PATCH /v1/admin/tenants/{tenantId} 200': async () =>
      admin('PATCH', `/v1/admin/tenants/${await tenant()}`, { body: { rateLimitPerSecond: 5 } }),
    'PATCH /v1/admin/tenants/{tenantId} 400': async () =>
      admin('PATCH', `/v1/admin/tenants/${await tenant()}`, { body: { rateLimitPerSecond: -1 } }),
    'PATCH /v1/admin/tenants/{tenantId} 404': () =>
      admin('PATCH', `/v1/admin/tenants/${MISSING}`, { body: { name: 'x' } }),
    'PATCH /v1/admin/tenants/{tenantId} 413': () =>
      admin('PATCH', `/v1/admin/tenants/${MISSING}`, tooLarge()),
    'PATCH /v1/admin/tenants/{tenantId} 415': () => admin('PATCH', `/v1/admin/tenants/${MISSING}`, textBody),
    'DELETE /v1/admin/tenants/{tenantId} 204': async () =>
      admin('DELETE', `/v1/admin/tenants/${await tenant()}`),
    'DELETE /v1/admin/tenants/{tenantId} 400': () => admin('DELETE', `/v1/admin/tenants/${MISSING}?force=1`),
    'DELETE /v1/admin/tenants/{tenantId} 404': () => admin('DELETE', `/v1/admin/tenants/${MISSING}`),
    'DELETE /v1/admin/tenants/{tenantId} 409': async () => {
      const tenantId = await tenant();
      await ctx.pendingTask((await key(tenantId)).key);
      return admin('DELETE', `/v1/admin/tenants/${tenantId}`);
    },
    'POST /v1/admin/tenants/{tenantId}/keys 201': async () =>
      admin('POST', `/v1/admin/tenants/${await tenant()}/keys`, {
        body: { name: 'ci', expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
      }),
    'POST /v1/admin/tenants/{tenantId}/keys 400': async () =>
      admin('POST', `/v1/admin/tenants/${await tenant()}/keys`, { body: { expiresAt: 'tomorrow' } }),
    'POST /v1/admin/tenants/{tenantId}/keys 404': () => admin('POST', `/v1/admin/tenants/${MISSING}/keys`),
    'POST /v1/admin/tenants/{tenantId}/keys 409': async () =>
      inFlight(`/v1/admin/tenants/${await tenant()}/keys`, { name: 'in flight' }),
    'POST /v1/admin/tenants/{tenantId}/keys 413': () =>
      admin('POST', `/v1/admin/tenants/${MISSING}/keys`, tooLarge()),
    'POST /v1/admin/tenants/{tenantId}/keys 415': () =>
      admin('POST', `/v1/admin/tenants/${MISSING}/keys`, textBody),
    'POST /v1/admin/tenants/{tenantId}/keys 422': async () =>
      keyReused(`/v1/admin/tenants/${await tenant()}/keys`, { name: 'one' }, { name: 'two' }),
    'GET /v1/admin/tenants/{tenantId}/keys 200': async () => {
      const tenantId = await tenant();
      await key(tenantId);
      return admin('GET', `/v1/admin/tenants/${tenantId}/keys`);
    },
    'GET /v1/admin/tenants/{tenantId}/keys 400': () => admin('GET', '/v1/admin/tenants/1/keys'),
    'GET /v1/admin/tenants/{tenantId}/keys 404': () => admin('GET', `/v1/admin/tenants/${MISSING}/keys`),
    'DELETE /v1/admin/tenants/{tenantId}/keys/{keyId} 204': async () => {
      const tenantId = await tenant();
      return admin('DELETE', `/v1/admin/tenants/${tenantId}/keys/${(await key(tenantId)).id}`);
    },
    'DELETE /v1/admin/tenants/{tenantId}/keys/{keyId} 400': () =>
      admin('DELETE', `/v1/admin/tenants/${MISSING}/keys/1`),
    'DELETE /v1/admin/tenants/{tenantId}/keys/{keyId} 404': () =>
      admin('DELETE', `/v1/admin/tenants/${MISSING}/keys/${MISSING}`),
    'POST /v1/admin/tenants/{tenantId}/keys/{keyId}/rotate 201': async () => {
      const tenantId = await tenant();
      const target = `/v1/admin/tenants/${tenantId}/keys/${(await key(tenantId)).id}/rotate`;
      return admin('POST', target, { body: { graceSeconds: 60 } });
    },
    'POST /v1/admin/tenants/{tenantId}/keys/{keyId}/rotate 400': () =>
      admin('POST', `/v1/admin/tenants/${MISSING}/keys/${MISSING}/rotate`, { body: { graceSeconds: 1.5 } }),
    'POST /v1/admin/tenants/{tenantId}/keys/{keyId}/rotate 404': () =>
      admin('POST', `/v1/admin/tenants/${MISSING}/keys/${MISSING}/rotate`),
    'POST /v1/admin/tenants/{tenantId}/keys/{keyId}/rotate 409': async () => {
      const tenantId = await tenant();
      const { id } = await key(tenantId);
      await admin('DELETE', `/v1/admin/tenants/${tenantId}/keys/${id}`);
      return admin('POST', `/v1/admin/tenants/${tenantId}/keys/${id}/rotate`);
    },
    'POST /v1/admin/tenants/{tenantId}/keys/{keyId}/rotate 413': () =>
      admin('POST', `/v1/admin/tenants/${MISSING}/keys/${MISSING}/rotate`, tooLarge()),
    'POST /v1/admin/tenants/{tenantId}/keys/{keyId}/rotate 415': () =>
      admin('POST', `/v1/admin/tenants/${MISSING}/keys/${MISSING}/rotate`, textBody),
    'POST /v1/admin/tenants/{tenantId}/keys/{keyId}/rotate 422': async () => {
      const tenantId = await tenant();
      const target = `/v1/admin/tenants/${tenantId}/keys/${(await key(tenantId)).id}/rotate`;
      return keyReused(target, { graceSeconds: 60 }, { graceSeconds: 30 });
    },
    'POST /v1/admin/tokens 201': () =>
      admin('POST', '/v1/admin/tokens', { body: { name: 'a', scope: 'admin' } }),
    'POST /v1/admin/tokens 400': () =>
      admin('POST', '/v1/admin/tokens', { body: { name: 'a', scope: 'all' } }),
    'POST /v1/admin/tokens 409': () => inFlight('/v1/admin/tokens', { name: 'in flight', scope: 'metrics' }),
    'POST /v1/admin/tokens 413': () => admin('POST', '/v1/admin/tokens', tooLarge()),
    'POST /v1/admin/tokens 415': () => admin('POST', '/v1/admin/tokens', textBody),
    'POST /v1/admin/tokens 422': () =>
      keyReused('/v1/admin/tokens', { name: 'one', scope: 'metrics' }, { name: 'two', scope: 'metrics' }),
    'GET /v1/admin/tokens 200': () => admin('GET', '/v1/admin/tokens'),
    'GET /v1/admin/tokens 400': () =>
      admin('GET', '/v1/admin/tokens', { headers: { 'x-correlation-id': 'x'.repeat(200) } }),
    'DELETE /v1/admin/tokens/{tokenId} 204': async () => {
      const created = await admin('POST', '/v1/admin/tokens', { body: { name: 'gone', scope: 'metrics' } });
      return admin('DELETE', `/v1/admin/tokens/${created.body.id}`);
    },
    'DELETE /v1/admin/tokens/{tokenId} 400': () => admin('DELETE', '/v1/admin/tokens/nope'),
    'DELETE /v1/admin/tokens/{tokenId} 404': () => admin('DELETE', `/v1/admin/tokens/${MISSING}`),
    'DELETE /v1/admin/tokens/{tokenId} 409': async () => {
      // Only stored tokens count: revoke every other usable admin token, then try the last one.
      const created = await admin('POST', '/v1/admin/tokens', { body: { name: 'last', scope: 'admin' } });
      const listed = (await admin('GET', '/v1/admin/tokens')).body.tokens as {
        id: string;
        scope: string;
        status: string;
      }[];
      for (const token of listed)
        if (token.scope === 'admin' && token.status === 'active' && token.id !== created.body.id)
          await admin('DELETE', `/v1/admin/tokens/${token.id}`);
      return admin('DELETE', `/v1/admin/tokens/${created.body.id}`);
    },
  };
}
