import { describe, expect, it } from 'vitest';
import { clearAuthCache } from '../../../shared/http/api-key-auth.ts';
import { call, expectProblem, useApi } from '../../helpers/api.ts';

const api = useApi();

describe('API middleware chain', () => {
  it('echoes a valid X-Correlation-Id and stores it on the task', async () => {
    const res = await call('POST', '/v1/tasks', {
      apiKey: api.tenantA.apiKey,
      headers: { 'X-Correlation-Id': 'order-42 / step 3' },
      body: { type: 'echo', payload: {} },
    });

    expect(res.headers['x-correlation-id']).toBe('order-42 / step 3');
    expect(res.body.correlationId).toBe('order-42 / step 3');
  });

  it('rejects a correlation id with control characters, answering with a generated one', async () => {
    const res = await call('GET', '/v1/tasks', {
      apiKey: api.tenantA.apiKey,
      headers: { 'X-Correlation-Id': 'bad\u0007id' },
    });

    expectProblem(res, 400, 'header:X-Correlation-Id');
    expect(res.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts application/json with a UTF-8 charset', async () => {
    const res = await call('POST', '/v1/tasks', {
      apiKey: api.tenantA.apiKey,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: '{"type":"echo","payload":"é"}',
    });

    expect(res.status).toBe(202);
    expect(res.body.payload).toBe('é');
  });

  it('stops accepting a revoked key once the cache is cleared', async () => {
    expect((await call('GET', '/v1/tasks', { apiKey: api.tenantB.apiKey })).status).toBe(200);
    await api.db.query('UPDATE api_keys SET revoked_at = now() WHERE tenant_id = :id::uuid', {
      id: api.tenantB.id,
    });

    // Within AUTH_CACHE_TTL_SECONDS the cached lookup still answers.
    expect((await call('GET', '/v1/tasks', { apiKey: api.tenantB.apiKey })).status).toBe(200);
    clearAuthCache();
    expectProblem(await call('GET', '/v1/tasks', { apiKey: api.tenantB.apiKey }), 401, 'header:X-API-Key');
  });
});
