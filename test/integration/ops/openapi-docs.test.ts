import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { getTaskDefaults } from '../../../shared/process-deps.ts';
import { call, expectProblem, useApi } from '../../helpers/api.ts';

// The handlers read the runtime (database, tenants) that the fixture configures.
useApi();

describe('GET /openapi.json', () => {
  it('is generated from the request schemas, with the task defaults the handlers use', async () => {
    const res = await call('GET', '/openapi.json');

    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const schemas = res.body.components.schemas;
    const submit = res.body.paths['/v1/tasks'].post;
    expect(submit.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/TaskSubmission',
    });
    // One variant per task type, told apart by `type`, each with that type's payload schema.
    expect(schemas.TaskSubmission.discriminator.propertyName).toBe('type');
    expect(Object.keys(schemas.TaskSubmission.discriminator.mapping)).toEqual([
      'echo',
      'reverse',
      'sleep',
      'fail',
      'webhook',
    ]);
    const reverse = schemas.ReverseTaskSubmission;
    expect(reverse.required).toEqual(['type', 'payload']);
    expect(reverse.properties.type.const).toBe('reverse');
    expect(reverse.properties.payload.properties.text).toMatchObject({ type: 'string', maxLength: 100_000 });
    expect(reverse.properties.maxAttempts).toMatchObject({
      default: getTaskDefaults().maxAttempts,
      maximum: 20,
    });
    expect(reverse.not).toMatchObject({ required: ['runAt', 'delaySeconds'] });
    expect(reverse.properties.runAt['x-relative-window']).toEqual({
      minSecondsFromNow: -60,
      maxSecondsFromNow: 365 * 86_400,
    });
    expect(schemas.WebhookTaskSubmission.properties.payload.properties.url.pattern).toBe(
      '^(?:[hH][tT][tT][pP][sS]?):',
    );
    expect(submit.parameters.map((p: { $ref: string }) => p.$ref)).toEqual([
      '#/components/parameters/XCorrelationId',
      '#/components/parameters/IdempotencyKey',
      '#/components/parameters/XClientId',
    ]);
    expect(Object.keys(submit.responses)).toEqual([
      '202',
      '400',
      '401',
      '409',
      '413',
      '415',
      '422',
      '429',
      '503',
      'default',
    ]);
    const list = res.body.paths['/v1/tasks'].get.parameters.filter((p: { in: string }) => p.in === 'query');
    expect(list.map((p: { name: string }) => p.name)).toEqual([
      'status',
      'type',
      'priority',
      'clientId',
      'scheduleId',
      'limit',
      'cursor',
    ]);
    expect(list.find((p: { name: string }) => p.name === 'cursor').schema.format).toBe('uuid');
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
