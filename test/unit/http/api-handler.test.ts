import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { lambdaContext, toApiGatewayEvent } from '../../../infra/local/api-gateway-event.ts';
import { canonicalJson, requestFingerprint } from '../../../shared/edge/request-fingerprint.ts';
import { ConflictError } from '../../../shared/errors.ts';
import { publicHandler } from '../../../shared/http/api-handler.ts';
import { TtlCache } from '../../../shared/http/api-key-auth.ts';
import { decodeCursor, encodeCursor } from '../../../shared/http/cursor.ts';
import type { ApiHandler } from '../../../shared/http/request.ts';
import { json } from '../../../shared/http/responses.ts';
import { parseInput } from '../../../shared/http/validation.ts';

function invoke(handler: ApiHandler, options: { headers?: Record<string, string>; body?: string } = {}) {
  const event = toApiGatewayEvent({
    method: 'POST',
    rawPath: '/things',
    rawQueryString: '',
    headers: options.headers ?? {},
    body: options.body,
    sourceIp: '127.0.0.1',
    routeKey: 'POST /things',
  });
  const context: Context = lambdaContext('test', 5000);
  return handler(event, context);
}

const echoBody = publicHandler(
  async ({ body, correlationId }) =>
    json(200, { body: parseInput(z.object({ n: z.number() }), body), correlationId }),
  { body: true },
);

describe('the API middleware chain (no database)', () => {
  it('parses a JSON body and echoes the correlation id', async () => {
    const res = await invoke(echoBody, {
      headers: { 'Content-Type': 'application/json', 'X-Correlation-Id': 'abc-123' },
      body: '{"n":1}',
    });

    expect(res.statusCode).toBe(200);
    expect(res.headers?.['X-Correlation-Id']).toBe('abc-123');
    expect(JSON.parse(res.body!)).toEqual({ body: { n: 1 }, correlationId: 'abc-123' });
  });

  it.each([
    ['malformed JSON', { 'Content-Type': 'application/json' }, '{"n":', 400, 'malformed-json', 'body'],
    [
      'a wrong content type',
      { 'Content-Type': 'application/xml' },
      '<n/>',
      415,
      'unsupported-media-type',
      'header:Content-Type',
    ],
    ['no content type', {}, '{"n":1}', 415, 'unsupported-media-type', 'header:Content-Type'],
    [
      'a body over 1 MiB',
      { 'Content-Type': 'application/json' },
      `"${'x'.repeat(1024 * 1024)}"`,
      413,
      'payload-too-large',
      'body',
    ],
    ['a schema violation', { 'Content-Type': 'application/json' }, '{"n":"1"}', 400, 'validation-error', 'n'],
  ])('answers %s with problem+json', async (_name, headers, body, status, slug, field) => {
    const res = await invoke(echoBody, { headers, body });
    const problem = JSON.parse(res.body!);

    expect(res.statusCode).toBe(status);
    expect(res.headers?.['Content-Type']).toBe('application/problem+json');
    expect(problem).toMatchObject({
      type: `urn:taskforge:problem:${slug}`,
      status,
      field,
      instance: '/things',
    });
    expect(res.headers?.['X-Correlation-Id']).toBe(problem.correlationId);
  });

  it('maps thrown AppErrors, with their extensions', async () => {
    const handler = publicHandler(async () => {
      throw new ConflictError('task-not-completed', 'Task is RUNNING', { taskStatus: 'RUNNING' });
    });

    const res = await invoke(handler);

    expect(res.statusCode).toBe(409);
    expect(JSON.parse(res.body!)).toMatchObject({
      status: 409,
      taskStatus: 'RUNNING',
      detail: 'Task is RUNNING',
    });
  });

  it('answers an unexpected error with a generic 500 that leaks nothing', async () => {
    const handler = publicHandler(async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2');
    });

    const res = await invoke(handler);

    expect(res.statusCode).toBe(500);
    expect(res.headers?.['Content-Type']).toBe('application/problem+json');
    expect(res.body).not.toMatch(/ECONNREFUSED|hunter2|10\.0\.0\.5/);
    expect(JSON.parse(res.body!).type).toBe('urn:taskforge:problem:internal-error');
  });

  it('ignores the body on routes that do not read one', async () => {
    const handler = publicHandler(async ({ body }) => json(200, { sawBody: body !== undefined }));

    const res = await invoke(handler, { headers: { 'Content-Type': 'text/plain' }, body: 'hello' });

    expect(JSON.parse(res.body!)).toEqual({ sawBody: false });
  });

  it('serves concurrent requests with their own correlation ids', async () => {
    const handler = publicHandler(async ({ correlationId }) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      return json(200, { correlationId });
    });

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => invoke(handler, { headers: { 'X-Correlation-Id': `c-${i}` } })),
    );

    results.forEach((res, i) => {
      expect(JSON.parse(res.body!).correlationId).toBe(`c-${i}`);
      expect(res.headers?.['X-Correlation-Id']).toBe(`c-${i}`);
    });
  });
});

describe('TtlCache', () => {
  it('expires entries after the TTL', () => {
    const cache = new TtlCache<string>(1000, 10);
    cache.set('a', 'A', 0);

    expect(cache.get('a', 999)).toBe('A');
    expect(cache.get('a', 1000)).toBeUndefined();
  });

  it('evicts the oldest entry when full', () => {
    const cache = new TtlCache<number>(60_000, 2);
    cache.set('a', 1, 0);
    cache.set('b', 2, 0);
    cache.set('c', 3, 0);

    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)).toBe(2);
    expect(cache.get('c', 1)).toBe(3);
  });

  it('stores nothing with a TTL of 0', () => {
    const cache = new TtlCache<number>(0, 2);
    cache.set('a', 1);

    expect(cache.get('a')).toBeUndefined();
  });
});

describe('cursors', () => {
  it('round-trips a key and rejects anything else', () => {
    const id = '0190a0a0-0000-7000-8000-000000000000';
    const isId = (s: string) => s === id;

    expect(decodeCursor(encodeCursor(id), isId)).toBe(id);
    expect(encodeCursor(id)).toMatch(/^[A-Za-z0-9_-]+$/);
    for (const bad of ['', '!!!', encodeCursor('other'), 'a'.repeat(500)]) {
      expect(() => decodeCursor(bad, isId)).toThrowError(
        expect.objectContaining({ status: 400, field: 'cursor' }),
      );
    }
  });
});

describe('requestFingerprint', () => {
  it('ignores key order but not values, method or route', () => {
    const a = requestFingerprint('POST', '/v1/tasks', {
      type: 'echo',
      payload: { x: 1, y: [1, { b: 2, a: 1 }] },
    });
    const b = requestFingerprint('post', '/v1/tasks', {
      payload: { y: [1, { a: 1, b: 2 }], x: 1 },
      type: 'echo',
    });

    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint('POST', '/v1/tasks', { type: 'echo', payload: { x: 2 } })).not.toBe(
      requestFingerprint('POST', '/v1/tasks', { type: 'echo', payload: { x: 1 } }),
    );
    expect(requestFingerprint('POST', '/v1/other', {})).not.toBe(requestFingerprint('POST', '/v1/tasks', {}));
  });

  it('keeps array order significant', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ b: 1, a: [null, 'x'] })).toBe('{"a":[null,"x"],"b":1}');
  });
});
