import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTaskDefaults } from '../../../shared/runtime.ts';
import { type ApiFixture, call, expectProblem, setUpApi } from '../../helpers/api.ts';

let api: ApiFixture;

beforeAll(async () => {
  api = await setUpApi();
});

afterAll(async () => {
  await api.testDb.drop();
});

describe('GET /openapi.json', () => {
  it('is generated from the request schemas, with the task defaults the handlers use', async () => {
    const res = await call('GET', '/openapi.json');

    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const submit = res.body.paths['/v1/tasks'].post;
    const body = submit.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['type', 'payload']);
    expect(body.properties.maxAttempts).toMatchObject({
      default: getTaskDefaults().maxAttempts,
      maximum: 20,
    });
    expect(body.properties.type.enum).toEqual(['echo', 'reverse', 'sleep', 'fail', 'webhook']);
    expect(submit.parameters.map((p: { name: string }) => p.name)).toEqual([
      'X-Correlation-Id',
      'Idempotency-Key',
      'X-Client-Id',
    ]);
    expect(Object.keys(submit.responses)).toEqual(['202', '400', '401', '413', '415', '422', 'default']);
    const list = res.body.paths['/v1/tasks'].get.parameters.filter((p: { in: string }) => p.in === 'query');
    expect(list.map((p: { name: string }) => p.name)).toEqual([
      'status',
      'type',
      'priority',
      'clientId',
      'limit',
      'cursor',
    ]);
    expect(JSON.stringify(res.body)).not.toContain('#/$defs/');
  });
});

describe('GET /docs', () => {
  it('serves the Swagger UI page with a CSP that allows only its own scripts', async () => {
    const res = await call('GET', '/docs');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body).toContain('<script src="/docs/swagger-ui-bundle.js"');
    expect(res.body).not.toMatch(/https?:\/\//);
  });

  it('serves the package’s files, gzipped when accepted, and nothing else', async () => {
    const plain = await call('GET', '/docs/swagger-ui-bundle.js');
    const gzipped = await call('GET', '/docs/swagger-ui-bundle.js', {
      headers: { 'accept-encoding': 'gzip, br' },
    });
    const init = await call('GET', '/docs/taskforge-init.js');

    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    const unzipped = gunzipSync(Buffer.from(String(gzipped.raw.body), 'base64')).toString('utf8');
    expect(unzipped).toBe(plain.body);
    expect(unzipped.length).toBeGreaterThan(1_000_000);
    expect(String(gzipped.raw.body).length).toBeLessThan(unzipped.length / 2);
    expect(init.body).toContain("url: '/openapi.json'");
    expectProblem(await call('GET', '/docs/package.json'), 404, 'asset');
    expectProblem(await call('GET', '/docs/swagger-ui.js.map'), 404, 'asset');
  });
});
