/**
 * The local API Gateway stand-in over real HTTP, with a route table of probe handlers: the event
 * it builds, how it writes results, and what it answers itself (404, 405, 413, 500, 503).
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalHttpServer, type LocalRoute, startHttpServer } from '../../infra/local/http-server.ts';
import { logger } from '../../shared/observability.ts';

let server: LocalHttpServer;
let lastEvent: APIGatewayProxyEventV2 | undefined;
let lastContext: Context | undefined;

const routes: LocalRoute[] = [
  {
    method: 'POST',
    path: '/v1/things/{id}',
    name: 'echo-event',
    async handler(event, context) {
      lastEvent = event;
      lastContext = context;
      return { statusCode: 201, headers: { 'X-Probe': 'yes' }, body: JSON.stringify({ ok: true }) };
    },
  },
  { method: 'GET', path: '/v1/things/{id}', name: 'plain', handler: async () => ({ plain: 'object' }) },
  {
    method: 'GET',
    path: '/v1/things/special',
    name: 'special',
    handler: async () => ({ statusCode: 200, body: 'special' }),
  },
  {
    method: 'GET',
    path: '/binary',
    name: 'binary',
    handler: async () => ({
      statusCode: 200,
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from([0, 1, 2, 255]).toString('base64'),
      isBase64Encoded: true,
      cookies: ['a=1; Path=/', 'b=2; HttpOnly'],
    }),
  },
  {
    method: 'GET',
    path: '/boom',
    name: 'boom',
    handler: async () => {
      throw new Error('secret internals');
    },
  },
  {
    method: 'GET',
    path: '/slow',
    name: 'slow',
    handler: () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200 }), 2000)),
  },
];

beforeAll(async () => {
  server = await startHttpServer({
    routes,
    port: 0,
    host: '127.0.0.1',
    // The 500 and 503 cases log errors on purpose; keep the test output clean.
    logger: logger.createChild({ logLevel: 'SILENT' }),
    maxRequestBytes: 1024 * 1024,
    timeoutMs: 500,
    region: 'eu-west-1',
  });
});

afterAll(async () => {
  await server?.close();
});

describe('local HTTP gateway', () => {
  it('hands the route an API Gateway v2 event and a counting-down Lambda context', async () => {
    const response = await fetch(`${server.url}/v1/things/a%20b?x=1&x=2&y=z`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Custom': 'v', cookie: 'c1=1; c2=2' },
      body: '{"hello":"world"}',
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('x-probe')).toBe('yes');
    expect(response.headers.get('apigw-requestid')).toBe(lastEvent?.requestContext.requestId);
    expect(lastEvent).toMatchObject({
      version: '2.0',
      routeKey: 'POST /v1/things/{id}',
      rawPath: '/v1/things/a%20b',
      rawQueryString: 'x=1&x=2&y=z',
      queryStringParameters: { x: '1,2', y: 'z' },
      pathParameters: { id: 'a b' },
      body: '{"hello":"world"}',
      isBase64Encoded: false,
      cookies: ['c1=1', 'c2=2'],
      requestContext: { http: { method: 'POST', sourceIp: '127.0.0.1' }, routeKey: 'POST /v1/things/{id}' },
    });
    expect(lastEvent?.headers['x-custom']).toBe('v');
    expect(lastContext?.functionName).toBe('taskforge-api-echo-event');
    expect(lastContext?.getRemainingTimeInMillis()).toBeLessThanOrEqual(500);
  });

  it('prefers the most specific route and writes non-structured results as 200 JSON', async () => {
    const special = await fetch(`${server.url}/v1/things/special`);
    const plain = await fetch(`${server.url}/v1/things/other`);

    expect(await special.text()).toBe('special');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('application/json');
    expect(await plain.json()).toEqual({ plain: 'object' });
  });

  it('decodes base64 bodies and sends cookies as Set-Cookie headers', async () => {
    const response = await fetch(`${server.url}/binary`);

    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
  });

  it('answers 404 problem+json for an unknown path, through the $default route, with a correlation id', async () => {
    const response = await fetch(`${server.url}/v2/nothing`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = (await response.json()) as { correlationId: string };
    expect(body).toMatchObject({
      type: 'urn:taskforge:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: expect.stringContaining('/v2/nothing'),
      correlationId: expect.any(String),
    });
    expect(response.headers.get('x-correlation-id')).toBe(body.correlationId);
  });

  it('answers 405 with Allow for a known path and another method, echoing the correlation id', async () => {
    const response = await fetch(`${server.url}/v1/things/x`, {
      method: 'DELETE',
      headers: { 'x-correlation-id': 'gateway-405' },
    });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, GET');
    expect(response.headers.get('x-correlation-id')).toBe('gateway-405');
    expect(await response.json()).toMatchObject({
      status: 405,
      type: 'urn:taskforge:problem:method-not-allowed',
      correlationId: 'gateway-405',
    });
  });

  it('answers 413 for a body over the limit, without calling the route', async () => {
    lastEvent = undefined;

    const response = await fetch(`${server.url}/v1/things/big`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(1024 * 1024 + 1),
    });

    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      status: 413,
      type: 'urn:taskforge:problem:payload-too-large',
      correlationId: expect.any(String),
    });
    expect(response.headers.get('x-correlation-id')).toEqual(expect.any(String));
    expect(lastEvent).toBeUndefined();
  });

  it('turns a throwing handler into a 500 that does not leak its message', async () => {
    const response = await fetch(`${server.url}/boom`);

    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ status: 500, type: 'urn:taskforge:problem:internal-error' });
    expect(body).not.toContain('secret internals');
  });

  it('answers 503 when the handler outlives its timeout', async () => {
    const response = await fetch(`${server.url}/slow`);

    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 503 });
  });
});

describe('local HTTP gateway shutdown', () => {
  it('answers the requests in flight, then refuses new connections', async () => {
    const own = await startHttpServer({
      routes: [
        {
          method: 'GET',
          path: '/work',
          name: 'work',
          handler: () =>
            new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: 'done' }), 300)),
        },
      ],
      port: 0,
      host: '127.0.0.1',
      logger,
      maxRequestBytes: 1024,
      timeoutMs: 5000,
      region: 'us-east-1',
    });
    // A keep-alive connection that has already served a request must not hold close() open.
    expect((await fetch(`${own.url}/nothing`)).status).toBe(404);
    const inFlight = fetch(`${own.url}/work`);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const closing = own.close();

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('done');
    await closing;
    await expect(fetch(`${own.url}/work`)).rejects.toThrow();
  });
});
