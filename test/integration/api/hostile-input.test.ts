/**
 * Hostile input through the real handler chain: each case once answered 500 (or checked a header
 * before the API key); each must get a 4xx problem naming the field, and change nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as notFound } from '../../../functions/api/not-found.ts';
import { routes } from '../../../functions/api/routes.ts';
import { lambdaContext, matchRoute, toApiGatewayEvent } from '../../../infra/local/api-gateway-event.ts';
import { MAX_JSON_DEPTH } from '../../../shared/http/validation.ts';
import {
  type ApiResponse,
  type CallOptions,
  call,
  countRows,
  expectProblem,
  forceStatus,
  useApi,
} from '../../helpers/api.ts';

const api = useApi();
let key: string;

beforeAll(() => {
  key = api.tenantA.apiKey;
});

const json = (body: string): CallOptions => ({ body, headers: { 'content-type': 'application/json' } });
const nested = (depth: number, leaf = '1') => `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`;

async function submit(body: unknown) {
  const res = await call('POST', '/v1/tasks', { apiKey: key, body });
  expect(res.status).toBe(202);
  return res.body.id as string;
}

/** Calls a route with an event whose parts are set as given (what an HTTP client cannot send). */
async function callWithEvent(
  method: string,
  path: string,
  patch: { query?: Record<string, string>; headers?: Record<string, string> },
): Promise<ApiResponse> {
  const match = matchRoute(routes, method, path)!;
  const event = toApiGatewayEvent({
    method,
    rawPath: path,
    rawQueryString: '',
    headers: { 'x-api-key': key, ...patch.headers },
    body: undefined,
    sourceIp: '127.0.0.1',
    routeKey: match.routeKey,
    pathParameters: match.pathParameters,
  });
  if (patch.query) event.queryStringParameters = patch.query;
  const raw = await match.route.handler(event, lambdaContext('hostile', 10_000));
  const headers = Object.fromEntries(
    Object.entries(raw.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  return { status: raw.statusCode ?? 200, headers, body: raw.body ? JSON.parse(raw.body) : undefined, raw };
}

/** Asserts a 4xx problem on `field` and that no row changed. */
async function expectRejected(request: () => Promise<ApiResponse>, status: number, field: string) {
  const before = await countRows(api.db);
  const res = await request();
  expectProblem(res, status, field);
  expect(await countRows(api.db)).toEqual(before);
  return res;
}

describe('text PostgreSQL cannot store (NUL, unpaired surrogates)', () => {
  it('is a 400 on the query parameter that carries it, on every filter', async () => {
    await expectRejected(() => call('GET', '/v1/tasks?type=%00', { apiKey: key }), 400, 'type');
    await expectRejected(() => call('GET', '/v1/tasks?clientId=a%00b', { apiKey: key }), 400, 'clientId');
    await expectRejected(() => call('GET', '/v1/dead-letters?type=%00', { apiKey: key }), 400, 'type');
    await expectRejected(
      () => call('GET', '/v1/dead-letters?fingerprint=%00', { apiKey: key }),
      400,
      'fingerprint',
    );
    await expectRejected(
      () => callWithEvent('GET', '/v1/tasks', { query: { type: 'a\ud800' } }),
      400,
      'type',
    );
  });

  it('is a 400 on the payload field that carries it, single or batch, value or property name', async () => {
    await expectRejected(
      () =>
        call('POST', '/v1/tasks', { apiKey: key, ...json('{"type":"echo","payload":{"s":"a\\u0000b"}}') }),
      400,
      'payload.s',
    );
    await expectRejected(
      () => call('POST', '/v1/tasks', { apiKey: key, ...json('{"type":"echo","payload":"\\ud800"}') }),
      400,
      'payload',
    );
    await expectRejected(
      () =>
        call('POST', '/v1/tasks', {
          apiKey: key,
          ...json('{"type":"echo","payload":{"list":["ok","\\udc00x"]}}'),
        }),
      400,
      'payload.list[1]',
    );
    const key400 = await expectRejected(
      () => call('POST', '/v1/tasks', { apiKey: key, ...json('{"type":"echo","payload":{"a\\u0000b":1}}') }),
      400,
      'payload',
    );
    expect(key400.body.detail).toContain('property name');
    await expectRejected(
      () =>
        call('POST', '/v1/tasks/batch', {
          apiKey: key,
          ...json('{"tasks":[{"type":"echo","payload":1},{"type":"reverse","payload":{"text":"a\\u0000"}}]}'),
        }),
      400,
      'tasks[1].payload.text',
    );
  });

  it('stores what JSON and PostgreSQL can both hold faithfully: surrogate pairs, other control characters', async () => {
    const payload = { text: 'emoji 😀, tab \t, bell \u0007, DEL \u007f, U+FFFF \uffff' };
    const id = await submit({ type: 'echo', payload });

    expect((await call('GET', `/v1/tasks/${id}`, { apiKey: key })).body.payload).toEqual(payload);
  });

  it('is a 400 on the cancel reason and the redrive type, and the task stays as it was', async () => {
    const id = await submit({ type: 'echo', payload: 1 });

    await expectRejected(
      () => call('POST', `/v1/tasks/${id}/cancel`, { apiKey: key, ...json('{"reason":"stop\\u0000"}') }),
      400,
      'reason',
    );
    await expectRejected(
      () => call('POST', '/v1/dead-letters/redrive', { apiKey: key, ...json('{"type":"echo\\u0000"}') }),
      400,
      'type',
    );
    expect((await call('GET', `/v1/tasks/${id}`, { apiKey: key })).body.status).toBe('PENDING');
  });

  it('is a 400 on the header that carries it', async () => {
    const body = { type: 'echo', payload: 1 };
    for (const header of ['X-Client-Id', 'Idempotency-Key', 'X-Correlation-Id']) {
      await expectRejected(
        () => call('POST', '/v1/tasks', { apiKey: key, body, headers: { [header]: 'a\u0000b' } }),
        400,
        `header:${header}`,
      );
    }
    await expectRejected(
      () => callWithEvent('GET', '/v1/tasks', { headers: { 'x-client-id': '\ud83d' } }),
      400,
      'header:X-Client-Id',
    );
  });
});

describe('deeply nested JSON', () => {
  it(`accepts a payload nested ${MAX_JSON_DEPTH} levels deep and rejects one more, single or batch`, async () => {
    const ok = await call('POST', '/v1/tasks', {
      apiKey: key,
      ...json(`{"type":"echo","payload":${nested(MAX_JSON_DEPTH)}}`),
    });
    expect(ok.status).toBe(202);

    await expectRejected(
      () =>
        call('POST', '/v1/tasks', {
          apiKey: key,
          ...json(`{"type":"echo","payload":${nested(MAX_JSON_DEPTH + 1)}}`),
        }),
      400,
      'payload',
    );
    await expectRejected(
      () =>
        call('POST', '/v1/tasks/batch', {
          apiKey: key,
          ...json(
            `{"tasks":[{"type":"echo","payload":1},{"type":"echo","payload":${nested(MAX_JSON_DEPTH + 1)}}]}`,
          ),
        }),
      400,
      'tasks[1].payload',
    );
  });

  it('answers 400 on the field, without overflowing the stack, however deep', async () => {
    const deep = nested(100_000);
    await expectRejected(
      () => call('POST', '/v1/tasks', { apiKey: key, ...json(`{"type":"echo","payload":${deep}}`) }),
      400,
      'payload',
    );
    // The Idempotency-Key fingerprint canonicalises the body: it must not see it either.
    await expectRejected(
      () =>
        call('POST', '/v1/tasks', {
          apiKey: key,
          body: `{"type":"echo","payload":{"a":${deep}}}`,
          headers: { 'content-type': 'application/json', 'idempotency-key': 'deep' },
        }),
      400,
      'payload',
    );
    await expectRejected(
      () =>
        call('POST', '/v1/tasks/batch', {
          apiKey: key,
          ...json(`{"tasks":[{"type":"echo","payload":${deep}}]}`),
        }),
      400,
      'tasks[0].payload',
    );
    const id = await submit({ type: 'echo', payload: 1 });
    await expectRejected(
      () => call('POST', `/v1/tasks/${id}/cancel`, { apiKey: key, ...json(`{"reason":${deep}}`) }),
      400,
      'reason',
    );
  });
});

describe('a batch task is treated exactly as the same task alone', () => {
  it('stores payload null as the JSON null, as a single submit does', async () => {
    const single = await call('POST', '/v1/tasks', { apiKey: key, body: { type: 'echo', payload: null } });
    const batch = await call('POST', '/v1/tasks/batch', {
      apiKey: key,
      body: { tasks: [{ type: 'echo', payload: null }] },
    });

    expect(single.status).toBe(202);
    expect(batch.status).toBe(202);
    const stored = await call('GET', `/v1/tasks/${batch.body.tasks[0].id}`, { apiKey: key });
    expect(stored.body.payload).toBeNull();
    expect(stored.body.payload).toEqual(
      (await call('GET', `/v1/tasks/${single.body.id}`, { apiKey: key })).body.payload,
    );
  });
});

describe('redrive pacing', () => {
  it('rejects a ratePerSecond that would push tasks out of any timestamp range, and paces a slow one', async () => {
    for (let i = 0; i < 2; i++)
      await forceStatus(api.db, await submit({ type: 'echo', payload: i }), 'FAILED');

    await expectRejected(
      () => call('POST', '/v1/dead-letters/redrive', { apiKey: key, body: { ratePerSecond: 1e-300 } }),
      400,
      'ratePerSecond',
    );
    await expectRejected(
      () => call('POST', '/v1/dead-letters/redrive', { apiKey: key, body: { ratePerSecond: 0.009 } }),
      400,
      'ratePerSecond',
    );
    const slow = await call('POST', '/v1/dead-letters/redrive', {
      apiKey: key,
      body: { ratePerSecond: 0.01 },
    });

    expect(slow.status).toBe(202);
    expect(slow.body.redriven).toBe(2);
    const lastInSeconds = (Date.parse(slow.body.lastAvailableAt) - Date.now()) / 1000;
    expect(lastInSeconds).toBeGreaterThan(50);
    expect(lastInSeconds).toBeLessThanOrEqual(201);
  });
});

describe('requests no route takes ($default route)', () => {
  async function unmatched(method: string, path: string, headers: Record<string, string> = {}) {
    const event = toApiGatewayEvent({
      method,
      rawPath: path,
      rawQueryString: '',
      headers,
      body: undefined,
      sourceIp: '127.0.0.1',
      routeKey: '$default',
    });
    const raw = await notFound(event, lambdaContext('not-found', 5000));
    const responseHeaders = Object.fromEntries(
      Object.entries(raw.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    return { status: raw.statusCode ?? 200, headers: responseHeaders, body: JSON.parse(raw.body ?? ''), raw };
  }

  it('answers 405 with Allow for a known path and another method, in the problem format', async () => {
    const res = await unmatched('DELETE', '/v1/tasks/', { 'x-correlation-id': 'hostile-405' });

    expectProblem(res, 405);
    expect(res.headers.allow).toBe('POST, GET');
    expect(res.body).toMatchObject({
      type: 'urn:taskforge:problem:method-not-allowed',
      correlationId: 'hostile-405',
    });
  });

  it('answers 404 for an unknown path, with a correlation id', async () => {
    const res = await unmatched('GET', '/nope');

    expectProblem(res, 404);
    expect(res.body.detail).toContain('/nope');
  });
});

describe('authentication comes before any other header check', () => {
  it('answers 401 without a valid key, whatever else is wrong with the request', async () => {
    const cases: Array<[string, CallOptions]> = [
      ['X-Correlation-Id', { headers: { 'x-correlation-id': 'x'.repeat(300) } }],
      [
        'Idempotency-Key',
        { headers: { 'idempotency-key': 'k'.repeat(300) }, body: { type: 'echo', payload: 1 } },
      ],
      ['X-Client-Id', { headers: { 'x-client-id': 'c'.repeat(300) }, body: { type: 'echo', payload: 1 } }],
      ['Content-Type', { headers: { 'content-type': 'text/plain' }, body: 'hello' }],
    ];
    for (const [name, options] of cases) {
      const res = await call('POST', '/v1/tasks', { ...options, apiKey: 'not-a-key' });
      expectProblem(res, 401, 'header:X-API-Key');
      expect(name).toBeTruthy();
    }
  });

  it('checks those headers once the key is valid', async () => {
    await expectRejected(
      () => call('GET', '/v1/tasks', { apiKey: key, headers: { 'x-correlation-id': 'x'.repeat(300) } }),
      400,
      'header:X-Correlation-Id',
    );
  });
});
