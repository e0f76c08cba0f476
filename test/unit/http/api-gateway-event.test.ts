import { describe, expect, it } from 'vitest';
import {
  allowedMethods,
  lambdaContext,
  matchRoute,
  toApiGatewayEvent,
} from '../../../infra/local/api-gateway-event.ts';

describe('toApiGatewayEvent', () => {
  it('builds a payload format 2.0 event', () => {
    const now = new Date('2026-03-12T19:03:58.123Z');

    const event = toApiGatewayEvent(
      {
        method: 'get',
        rawPath: '/v1/tasks/abc',
        rawQueryString: 'status=PENDING&type=a&type=b&q=a%20b',
        headers: { 'X-API-Key': 'k', Host: 'localhost:3000', 'User-Agent': 'curl/8', Cookie: 'a=1; b=2' },
        body: undefined,
        sourceIp: '10.0.0.1',
        routeKey: 'GET /v1/tasks/{id}',
        pathParameters: { id: 'abc' },
      },
      now,
    );

    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /v1/tasks/{id}',
      rawPath: '/v1/tasks/abc',
      rawQueryString: 'status=PENDING&type=a&type=b&q=a%20b',
      cookies: ['a=1', 'b=2'],
      headers: { 'x-api-key': 'k', host: 'localhost:3000', 'user-agent': 'curl/8' },
      queryStringParameters: { status: 'PENDING', type: 'a,b', q: 'a b' },
      pathParameters: { id: 'abc' },
      isBase64Encoded: false,
      requestContext: {
        domainName: 'localhost:3000',
        http: {
          method: 'GET',
          path: '/v1/tasks/abc',
          protocol: 'HTTP/1.1',
          sourceIp: '10.0.0.1',
          userAgent: 'curl/8',
        },
        routeKey: 'GET /v1/tasks/{id}',
        stage: '$default',
        time: '12/Mar/2026:19:03:58 +0000',
        timeEpoch: now.getTime(),
      },
    });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.body).toBeUndefined();
    expect(event.requestContext.requestId).toMatch(/^[A-Za-z0-9+/=]+$/);
  });

  it('omits empty parts and keeps the body verbatim', () => {
    const event = toApiGatewayEvent({
      method: 'POST',
      rawPath: '/v1/tasks',
      rawQueryString: '',
      headers: {},
      body: '{"a":1}',
      sourceIp: '127.0.0.1',
      routeKey: 'POST /v1/tasks',
    });

    expect(event.queryStringParameters).toBeUndefined();
    expect(event.pathParameters).toBeUndefined();
    expect(event.cookies).toBeUndefined();
    expect(event.body).toBe('{"a":1}');
  });
});

describe('lambdaContext', () => {
  it('counts the remaining time down from the timeout', async () => {
    const context = lambdaContext('api-get-task', 1000);

    const first = context.getRemainingTimeInMillis();
    await new Promise((resolve) => setTimeout(resolve, 30));

    expect(first).toBeLessThanOrEqual(1000);
    expect(first).toBeGreaterThan(900);
    expect(context.getRemainingTimeInMillis()).toBeLessThan(first);
    expect(context.functionName).toBe('api-get-task');
    expect(context.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:api-get-task');
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never reports negative time', () => {
    expect(lambdaContext('f', 0).getRemainingTimeInMillis()).toBe(0);
  });
});

describe('matchRoute', () => {
  const routes = [
    { method: 'GET', path: '/v1/tasks', name: 'list' },
    { method: 'POST', path: '/v1/tasks/batch', name: 'batch' },
    { method: 'POST', path: '/v1/tasks/{id}', name: 'post-one' },
    { method: 'GET', path: '/v1/tasks/{id}', name: 'get' },
    { method: 'GET', path: '/v1/tasks/{id}/events', name: 'events' },
    { method: 'GET', path: '/files/{path+}', name: 'files' },
  ];

  it('matches path parameters and returns the route key', () => {
    const match = matchRoute(routes, 'get', '/v1/tasks/abc%20d/events');

    expect(match?.route.name).toBe('events');
    expect(match?.pathParameters).toEqual({ id: 'abc d' });
    expect(match?.routeKey).toBe('GET /v1/tasks/{id}/events');
  });

  it('prefers literal segments over parameters, whatever the table order', () => {
    expect(matchRoute(routes, 'POST', '/v1/tasks/batch')?.route.name).toBe('batch');
    expect(matchRoute([...routes].reverse(), 'POST', '/v1/tasks/batch')?.route.name).toBe('batch');
    expect(matchRoute(routes, 'POST', '/v1/tasks/123')?.route.name).toBe('post-one');
  });

  it('matches greedy parameters and tolerates a trailing slash', () => {
    expect(matchRoute(routes, 'GET', '/files/a/b/c.txt')?.pathParameters).toEqual({ path: 'a/b/c.txt' });
    expect(matchRoute(routes, 'GET', '/v1/tasks/')?.route.name).toBe('list');
  });

  it('returns undefined for no match, and allowedMethods tells 404 from 405', () => {
    expect(matchRoute(routes, 'GET', '/v2/tasks')).toBeUndefined();
    expect(matchRoute(routes, 'DELETE', '/v1/tasks/abc')).toBeUndefined();
    expect(allowedMethods(routes, '/v1/tasks/abc').sort()).toEqual(['GET', 'POST']);
    expect(allowedMethods(routes, '/nowhere')).toEqual([]);
  });
});
