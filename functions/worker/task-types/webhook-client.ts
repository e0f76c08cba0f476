/**
 * The HTTP client of the webhook task type: one JSON POST, no redirects, a response read up to a
 * cap, a timeout, and the SSRF guard applied to the address actually connected to (through the
 * socket's `lookup` hook, and directly for IP-literal URLs, which skip DNS).
 */
import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { PermanentTaskError } from '../../../shared/errors.ts';
import { classifyAddress } from './ssrf-guard.ts';

/** Largest response body kept; the rest is not read. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** A destination the guard refused: retrying cannot change where the URL points. */
export class ForbiddenDestinationError extends PermanentTaskError {
  constructor(host: string, address: string, kind: string) {
    super(`webhook destination ${host} (${address}) is a ${kind} address; only public addresses are allowed`);
    this.name = 'ForbiddenDestinationError';
  }
}

/** The webhook did not answer within its timeout; retryable. */
export class WebhookTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`webhook did not respond within ${timeoutMs / 1000}s`);
    this.name = 'WebhookTimeoutError';
  }
}

export interface WebhookRequest {
  url: string;
  /** Sent as JSON; `undefined` sends an empty body. */
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** The task's signal: its abort reason (e.g. TaskTimeoutError) is what the call rejects with. */
  signal?: AbortSignal;
  allowPrivateNetworks: boolean;
  maxResponseBytes?: number;
}

export interface WebhookResponse {
  status: number;
  contentType: string | undefined;
  /** The body as text, at most `maxResponseBytes` of it. */
  body: string;
  truncated: boolean;
  location: string | undefined;
}

/** Headers the client owns: framing and routing must match what it actually sends. */
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'expect',
  'upgrade',
]);

function checkAddress(host: string, address: string, allowPrivate: boolean): void {
  const kind = classifyAddress(address);
  if (kind !== 'public' && !allowPrivate) throw new ForbiddenDestinationError(host, address, kind);
}

/** A `lookup` for the socket that resolves every address and refuses the name if any is not public. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { family: options.family, hints: options.hints, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      try {
        if (addresses.length === 0) throw new Error(`${hostname} has no addresses`);
        for (const { address } of addresses) checkAddress(hostname, address, allowPrivate);
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, '');
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

function buildHeaders(custom: Record<string, string> | undefined, payload: string | undefined) {
  const headers: Record<string, string> = {
    'user-agent': 'taskforge-webhook/1',
    accept: 'application/json, */*',
  };
  for (const [name, value] of Object.entries(custom ?? {})) {
    if (!RESERVED_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  if (payload !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  } else headers['content-length'] = '0';
  return headers;
}

/**
 * POSTs `request.body` as JSON and reads the response. Rejects with `ForbiddenDestinationError`
 * (permanent) when the destination is refused, `WebhookTimeoutError` on timeout, the task signal's
 * reason when the task is aborted, and the network error otherwise (retryable).
 *
 * @example
 * const res = await postJson({ url, body: { hello: 1 }, timeoutMs: 10_000, allowPrivateNetworks: false });
 */
export async function postJson(request: WebhookRequest): Promise<WebhookResponse> {
  const url = new URL(request.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new PermanentTaskError(`webhook URL must be http or https, got ${url.protocol}`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  // IP literals never go through `lookup`, so they are checked here.
  if (isIP(host)) checkAddress(host, host, request.allowPrivateNetworks);

  const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
  const headers = buildHeaders(request.headers, payload);
  const maxBytes = request.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const transport = url.protocol === 'https:' ? https : http;

  try {
    return await new Promise<WebhookResponse>((resolve, reject) => {
      let req: http.ClientRequest;
      try {
        req = transport.request(url, {
          method: 'POST',
          headers,
          signal,
          lookup: guardedLookup(request.allowPrivateNetworks),
          // A fresh connection per call: a pooled socket would skip the lookup (and its check).
          agent: false,
        });
      } catch (err) {
        // Invalid header names or values are the payload's fault: retrying cannot fix them.
        reject(
          new PermanentTaskError(`webhook request is invalid: ${(err as Error).message}`, { cause: err }),
        );
        return;
      }
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        const finish = () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            body: Buffer.concat(chunks).toString('utf8'),
            truncated,
            location: res.headers.location,
          });
        res.on('data', (chunk: Buffer) => {
          if (truncated) return;
          const room = maxBytes - size;
          if (chunk.length > room) {
            chunks.push(chunk.subarray(0, room));
            size = maxBytes;
            truncated = true;
            // Enough read: stop downloading the rest.
            finish();
            res.destroy();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', finish);
        res.on('error', reject);
      });
      req.end(payload);
    });
  } catch (err) {
    if (request.signal?.aborted) throw request.signal.reason;
    if (timeout.aborted) throw new WebhookTimeoutError(request.timeoutMs);
    throw err;
  }
}
