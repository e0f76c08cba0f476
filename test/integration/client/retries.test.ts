/**
 * The client's retries against a stub HTTP server: 429 and 503 are retried after `Retry-After`
 * with the same Idempotency-Key, connection errors only for idempotent requests, and a write
 * without a key is never repeated after a 503.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type RetryEvent, unwrap } from 'taskforge/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

interface Seen {
  method: string;
  url: string;
  idempotencyKey: string | undefined;
  at: number;
}

type Reply = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let replies: Reply[] = [];

const TASK = {
  id: '01900000-0000-7000-8000-000000000001',
  type: 'echo',
  status: 'PENDING',
  priority: 'medium',
  payload: {},
  result: null,
  error: null,
  attempts: 0,
  maxAttempts: 4,
  interruptions: 0,
  maxInterruptions: 3,
  timeoutSeconds: 60,
  backoff: { baseSeconds: 2, capSeconds: 900 },
  runAt: '2030-01-01T00:00:00.000Z',
  createdAt: '2030-01-01T00:00:00.000Z',
  queuedAt: null,
  startedAt: null,
  finishedAt: null,
  updatedAt: '2030-01-01T00:00:00.000Z',
  idempotencyKey: null,
  clientId: null,
  correlationId: 'c',
};

const problem =
  (status: number, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
    res.end(
      JSON.stringify({ type: 'urn:taskforge:problem:x', title: `status ${status}`, status, detail: 'd' }),
    );
  };
const json =
  (status: number, body: unknown): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
/** Drops the connection without an answer. */
const hangUp: Reply = (req) => req.socket.destroy();

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const key = req.headers['idempotency-key'];
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        idempotencyKey: key as string,
        at: Date.now(),
      });
      const reply = replies.shift() ?? problem(500);
      reply(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  replies = [];
});

function client(retries: RetryEvent[] = []) {
  return createClient({
    baseUrl,
    apiKey: 'k',
    retry: { baseDelayMs: 10, onRetry: (retry) => retries.push(retry) },
  });
}

describe('client retries', () => {
  it('retries a 429 after Retry-After, with the same Idempotency-Key', async () => {
    replies = [problem(429, { 'retry-after': '1' }), json(202, TASK)];
    const retries: RetryEvent[] = [];

    const task = unwrap(await client(retries).POST('/v1/tasks', { body: { type: 'echo', payload: {} } }));

    expect(task.id).toBe(TASK.id);
    expect(seen).toHaveLength(2);
    expect(seen[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]!.idempotencyKey).toBe(seen[0]!.idempotencyKey);
    expect(retries).toEqual([expect.objectContaining({ retry: 1, delayMs: 1000, reason: { status: 429 } })]);
    // It waited (at least) what the server asked.
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('retries a 503 of a read, and gives up with the last answer after its retries', async () => {
    replies = [problem(503, { 'retry-after': '0' }), json(200, TASK)];
    const read = await client().GET('/v1/tasks/{id}', { params: { path: { id: TASK.id } } });
    expect(unwrap(read).id).toBe(TASK.id);
    expect(seen).toHaveLength(2);

    seen = [];
    replies = [0, 1, 2, 3, 4].map(() => problem(503, { 'retry-after': '0' }));
    const failed = await client().GET('/v1/tasks/{id}', { params: { path: { id: TASK.id } } });
    expect(failed.response.status).toBe(503);
    expect(failed.error).toMatchObject({ title: 'status 503' });
    expect(seen).toHaveLength(4);
  });

  it('does not repeat a write without an Idempotency-Key after a 503 or a lost connection', async () => {
    replies = [problem(503, { 'retry-after': '0' })];
    const refused = await client().POST('/v1/dead-letters/redrive', { body: {} });
    expect(refused.response.status).toBe(503);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.idempotencyKey).toBeUndefined();

    seen = [];
    replies = [hangUp, json(202, {})];
    await expect(client().POST('/v1/dead-letters/redrive', { body: {} })).rejects.toThrow(TypeError);
    expect(seen).toHaveLength(1);
  });

  it('retries idempotent requests after a lost connection', async () => {
    replies = [hangUp, json(200, TASK)];
    const retries: RetryEvent[] = [];
    const read = await client(retries).GET('/v1/tasks/{id}', { params: { path: { id: TASK.id } } });
    expect(unwrap(read).id).toBe(TASK.id);
    expect(retries[0]?.reason).toHaveProperty('error');

    seen = [];
    replies = [hangUp, json(200, TASK)];
    const cancelled = await client().POST('/v1/tasks/{id}/cancel', { params: { path: { id: TASK.id } } });
    expect(unwrap(cancelled).id).toBe(TASK.id);
    expect(seen.map((s) => s.idempotencyKey)).toEqual([seen[0]!.idempotencyKey, seen[0]!.idempotencyKey]);
  });

  it('returns at once when Retry-After is longer than it may wait, or retries are off', async () => {
    replies = [problem(429, { 'retry-after': '3600' })];
    const limited = await client().GET('/v1/tasks');
    expect(limited.response.status).toBe(429);
    expect(seen).toHaveLength(1);

    seen = [];
    replies = [problem(429, { 'retry-after': '0' })];
    const noRetry = createClient({ baseUrl, apiKey: 'k', retry: false });
    expect((await noRetry.GET('/v1/tasks')).response.status).toBe(429);
    expect(seen).toHaveLength(1);
  });
});
