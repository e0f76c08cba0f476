/**
 * The local stand-in for API Gateway (HTTP API): a node:http server that matches each request
 * against the same route table the CDK stack deploys, turns it into a payload format 2.0 event,
 * invokes the route's Lambda handler and writes back its structured result. A request no route
 * takes goes to the `$default` route's function, as in AWS (404, or 405 with Allow). What API
 * Gateway itself answers (body over 10 MiB, integration failure or timeout) is answered here as
 * RFC 9457 problem+json with a correlation id, the API's own error format.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { notFoundHandler } from '../../functions/api/not-found.ts';
import { CORRELATION_ID_PATTERN } from '../../shared/http/request.ts';
import type { AppLogger } from '../../shared/observability.ts';
import { lambdaContext, matchRoute, toApiGatewayEvent } from './api-gateway-event.ts';

/** The part of a route definition the server needs. */
export interface LocalRoute {
  method: string;
  /** API Gateway route path, e.g. `/v1/tasks/{id}`. */
  path: string;
  name: string;
  handler(event: APIGatewayProxyEventV2, context: Context): Promise<unknown>;
}

export interface HttpServerOptions {
  routes: readonly LocalRoute[];
  port: number;
  host: string;
  logger: AppLogger;
  /** Largest accepted request body in bytes. */
  maxRequestBytes: number;
  /** Invocation timeout of the API functions. */
  timeoutMs: number;
  region: string;
  /** The `$default` route's handler, for requests no route takes; by default the API's not-found function over `routes`. */
  fallback?: LocalRoute['handler'];
}

export interface LocalHttpServer {
  url: string;
  port: number;
  /** Stops accepting connections and resolves once in-flight requests are answered. */
  close(): Promise<void>;
}

interface Problem {
  status: number;
  slug: string;
  title: string;
  detail: string;
  headers?: Record<string, string>;
}

class BodyTooLargeError extends Error {}

/** The request's X-Correlation-Id when it is one the API would echo, else a new one. */
function correlationIdOf(req: IncomingMessage): string {
  const given = req.headers['x-correlation-id'];
  return typeof given === 'string' && CORRELATION_ID_PATTERN.test(given) ? given : randomUUID();
}

function sendProblem(res: ServerResponse, problem: Problem, correlationId: string, instance?: string): void {
  const body = JSON.stringify({
    type: `urn:taskforge:problem:${problem.slug}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(instance ? { instance } : {}),
    correlationId,
  });
  res.writeHead(problem.status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
    'x-correlation-id': correlationId,
    ...problem.headers,
  });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering; the rest is drained and discarded so the 413 can still be written.
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Request headers as API Gateway passes them: one string per name, repeats joined with ','. */
function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function isStructuredResult(value: unknown): value is APIGatewayProxyStructuredResultV2 {
  return typeof value === 'object' && value !== null && 'statusCode' in value;
}

/**
 * Writes a handler's result the way API Gateway does for payload format 2.0: a structured
 * result as given (headers, cookies, base64 bodies), anything else as a 200 JSON body.
 */
function writeResult(res: ServerResponse, result: unknown, requestId: string): void {
  if (!isStructuredResult(result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'apigw-requestid': requestId,
    });
    res.end(body);
    return;
  }
  const body =
    result.body === undefined
      ? Buffer.alloc(0)
      : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  const headers: Record<string, string | string[]> = { 'apigw-requestid': requestId };
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  headers['content-length'] = String(body.length);
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(body);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InvocationTimeoutError(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

class InvocationTimeoutError extends Error {
  constructor(ms: number) {
    super(`invocation timed out after ${ms} ms`);
    this.name = 'InvocationTimeoutError';
  }
}

/**
 * Starts the server and resolves once it listens.
 *
 * @example
 * const server = await startHttpServer({ routes, port: 0, host: '127.0.0.1', logger,
 *   maxRequestBytes: 10 * 1024 * 1024, timeoutMs: 29_000, region: 'us-east-1' });
 * await fetch(`${server.url}/healthz`);
 */
export async function startHttpServer(options: HttpServerOptions): Promise<LocalHttpServer> {
  const { routes, logger } = options;
  const fallback = options.fallback ?? notFoundHandler(routes);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const rawQueryString = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1);

    const match = matchRoute(routes, method, rawPath);
    const route = match?.route ?? { name: 'not-found', handler: fallback };
    const declaredLength = Number(req.headers['content-length'] ?? 0);
    let body: Buffer;
    try {
      if (declaredLength > options.maxRequestBytes) throw new BodyTooLargeError();
      body = await readBody(req, options.maxRequestBytes);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      req.resume();
      sendProblem(
        res,
        {
          status: 413,
          slug: 'payload-too-large',
          title: 'Payload too large',
          detail: `The request body exceeds ${options.maxRequestBytes} bytes`,
          headers: { connection: 'close' },
        },
        correlationIdOf(req),
        rawPath,
      );
      return;
    }

    const event = toApiGatewayEvent({
      method,
      rawPath,
      rawQueryString,
      headers: flattenHeaders(req),
      body: body.length > 0 || ['POST', 'PUT', 'PATCH'].includes(method) ? body.toString('utf8') : undefined,
      sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      routeKey: match?.routeKey ?? '$default',
      ...(match ? { pathParameters: match.pathParameters } : {}),
    });
    const requestId = event.requestContext.requestId;
    const context = lambdaContext(`taskforge-api-${route.name}`, options.timeoutMs, {
      region: options.region,
    });
    try {
      const result = await withTimeout(route.handler(event, context), options.timeoutMs);
      writeResult(res, result, requestId);
    } catch (err) {
      const timedOut = err instanceof InvocationTimeoutError;
      logger.error(timedOut ? 'API invocation timed out' : 'API handler threw', {
        route: event.routeKey,
        requestId,
        error: err as Error,
      });
      sendProblem(
        res,
        timedOut
          ? {
              status: 503,
              slug: 'service-unavailable',
              title: 'Service unavailable',
              detail: 'The request did not complete in time',
            }
          : {
              status: 500,
              slug: 'internal-error',
              title: 'Internal server error',
              detail: `An unexpected error occurred (request ${requestId})`,
            },
        correlationIdOf(req),
        rawPath,
      );
    }
  }

  let closing = false;
  const server: Server = createServer((req, res) => {
    // Once closing, every response ends its connection, so close() need not wait for keep-alive
    // connections to time out.
    const writeHead = res.writeHead.bind(res);
    res.writeHead = ((...args: Parameters<typeof res.writeHead>) => {
      if (closing) res.setHeader('connection', 'close');
      return writeHead(...args);
    }) as typeof res.writeHead;
    handle(req, res).catch((err: unknown) => {
      logger.error('local HTTP server failed on a request', { error: err as Error });
      if (!res.headersSent) {
        sendProblem(
          res,
          {
            status: 500,
            slug: 'internal-error',
            title: 'Internal server error',
            detail: 'An unexpected error occurred',
          },
          correlationIdOf(req),
        );
      } else {
        res.destroy();
      }
    });
  });
  // Node's defaults would cut a slow client off mid-upload of a large batch; API Gateway waits 30 s.
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;

  return {
    url: `http://${hostForUrl.includes(':') ? `[${hostForUrl}]` : hostForUrl}:${address.port}`,
    port: address.port,
    close() {
      closing = true;
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Idle keep-alive connections would hold close() open; busy ones finish their request first.
        server.closeIdleConnections();
      });
    },
  };
}
