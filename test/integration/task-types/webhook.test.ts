import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webhook } from '../../../functions/worker/task-types/webhook.ts';
import { MAX_RESPONSE_BYTES } from '../../../functions/worker/task-types/webhook-client.ts';
import { isPermanentTaskError, TaskTimeoutError } from '../../../shared/errors.ts';
import { logger } from '../../../shared/observability.ts';

// A server on 127.0.0.1 only: these tests reach nothing beyond this machine.
type Route = (req: IncomingMessage, body: string, res: ServerResponse) => void;
const routes = new Map<string, Route>();
const hits: { path: string; method: string; body: string; headers: IncomingMessage['headers'] }[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      hits.push({ path: req.url ?? '', method: req.method ?? '', body, headers: req.headers });
      const route = routes.get(req.url ?? '');
      if (route) route(req, body, res);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let savedFlag: string | undefined;
beforeEach(() => {
  savedFlag = process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
  process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = 'true';
  hits.length = 0;
  routes.clear();
});
afterEach(() => {
  if (savedFlag === undefined) delete process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
  else process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = savedFlag;
});

function context(signal = new AbortController().signal) {
  return { taskId: 't1', tenantId: 'x', attempt: 1, maxAttempts: 3, correlationId: 'c1', signal, logger };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the webhook to fail');
}

describe('webhook task type', () => {
  it('POSTs the body as JSON with the given headers and returns the parsed JSON response', async () => {
    routes.set('/hook', (_req, _body, res) => {
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' }).end('{"ok":true}');
    });

    const result = await webhook(
      { url: `${base}/hook`, body: { order: 42 }, headers: { 'X-Signature': 'abc', Host: 'evil' } },
      context(),
    );

    expect(result).toEqual({ status: 201, body: { ok: true }, truncated: false });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ method: 'POST', body: '{"order":42}' });
    expect(hits[0]!.headers['content-type']).toBe('application/json');
    expect(hits[0]!.headers['x-signature']).toBe('abc');
    expect(hits[0]!.headers.host).toBe(new URL(base).host);
  });

  it('returns a text response as text, cut at 64 KiB', async () => {
    routes.set('/big', (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(MAX_RESPONSE_BYTES + 10_000));
    });

    const result = (await webhook({ url: `${base}/big`, body: null }, context())) as {
      body: string;
      truncated: boolean;
    };

    expect(result.body).toHaveLength(MAX_RESPONSE_BYTES);
    expect(result.truncated).toBe(true);
  });

  it.each([500, 503, 429, 408])('fails retryably on %i', async (status) => {
    routes.set('/flaky', (_req, _body, res) => res.writeHead(status).end('try later'));

    const err = await failure(webhook({ url: `${base}/flaky`, body: {} }, context()));

    expect(err.name).toBe('WebhookHttpError');
    expect(isPermanentTaskError(err)).toBe(false);
  });

  it.each([400, 404, 410])('fails permanently on %i', async (status) => {
    routes.set('/bad', (_req, _body, res) => res.writeHead(status).end('no'));

    const err = await failure(webhook({ url: `${base}/bad`, body: {} }, context()));

    expect(isPermanentTaskError(err)).toBe(true);
    expect(err.message).toContain(String(status));
  });

  it('does not follow redirects', async () => {
    routes.set('/moved', (_req, _body, res) => res.writeHead(302, { location: `${base}/target` }).end());
    routes.set('/target', (_req, _body, res) => res.writeHead(200).end());

    const err = await failure(webhook({ url: `${base}/moved`, body: {} }, context()));

    expect(isPermanentTaskError(err)).toBe(true);
    expect(hits.map((h) => h.path)).toEqual(['/moved']);
  });

  it('times out retryably after the payload timeoutSeconds', async () => {
    routes.set('/slow', () => undefined);

    const err = await failure(webhook({ url: `${base}/slow`, body: {}, timeoutSeconds: 1 }, context()));

    expect(err.name).toBe('WebhookTimeoutError');
    expect(isPermanentTaskError(err)).toBe(false);
  });

  it("stops with the task signal's reason when the task is aborted", async () => {
    const controller = new AbortController();
    routes.set('/hang', () => controller.abort(new TaskTimeoutError(5)));

    const err = await failure(webhook({ url: `${base}/hang`, body: {} }, context(controller.signal)));

    expect(err).toBeInstanceOf(TaskTimeoutError);
  });

  it('fails retryably when the connection is refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const err = await failure(webhook({ url: `http://127.0.0.1:${port}/`, body: {} }, context()));

    expect(isPermanentTaskError(err)).toBe(false);
  });

  describe('without WEBHOOK_ALLOW_PRIVATE_NETWORKS', () => {
    beforeEach(() => {
      delete process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
      routes.set('/hook', (_req, _body, res) => res.writeHead(200).end());
    });

    it.each([
      ['an IPv4 loopback literal', () => `${base}/hook`],
      ['an IPv6 loopback literal', () => `http://[::1]:${new URL(base).port}/hook`],
      ['an IPv4-mapped IPv6 literal', () => `http://[::ffff:127.0.0.1]:${new URL(base).port}/hook`],
      ['a name that resolves to loopback', () => `http://localhost:${new URL(base).port}/hook`],
    ])('refuses %s permanently, without connecting', async (_what, url) => {
      const err = await failure(webhook({ url: url(), body: {} }, context()));

      expect(err.name).toBe('ForbiddenDestinationError');
      expect(isPermanentTaskError(err)).toBe(true);
      expect(hits).toEqual([]);
    });
  });
});
