/**
 * The response side every operation of the OpenAPI document shares: response headers (as
 * components, or inline where a reference cannot say `required`), the text of each problem
 * status and the headers it carries, and the problem response itself.
 */
import { PROBLEM_CONTENT_TYPE } from '../http/problem.ts';
import type { JsonSchema } from './json-schema.ts';

export const ref = (kind: 'schemas' | 'parameters' | 'headers' | 'responses', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});

const RESPONSE_HEADERS: Record<string, { description: string; schema: JsonSchema }> = {
  'X-Correlation-Id': {
    description:
      'The request’s correlation id (the one sent, or a new UUID); quote it when reporting a problem.',
    schema: { type: 'string' },
  },
  Location: {
    description: 'The URL of the task, schedule (or, on the admin API, tenant) the request created',
    schema: { type: 'string', pattern: '^/v1/(tasks|schedules|admin/tenants)/' },
  },
  'Idempotent-Replayed': {
    description: '`true` when the response replays an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  'RateLimit-Limit': {
    description:
      'Requests of this class (reads or writes) the bucket holds when full (IETF RateLimit fields draft)',
    schema: { type: 'string' },
  },
  'RateLimit-Remaining': { description: 'Requests left in the bucket', schema: { type: 'string' } },
  'RateLimit-Reset': { description: 'Seconds until the bucket is full again', schema: { type: 'string' } },
  'WWW-Authenticate': { description: 'The authentication scheme expected', schema: { type: 'string' } },
  Allow: { description: 'The methods this path serves', schema: { type: 'string' } },
};

/** Response header name -> components.headers key. */
const headerKey = (name: string) => name.replaceAll('-', '');

export const RATE_LIMIT_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

export const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid request: a field, query or path parameter or header is invalid (`field` names it)',
  401: 'Missing or invalid credentials',
  403: 'Not allowed (see detail)',
  404: 'Not found (another tenant’s task is not found either)',
  405: 'The path exists, but not with this method (`Allow` lists those it serves)',
  409: 'Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`)',
  413: 'Body or payload too large',
  415: 'Content-Type is not application/json',
  422: 'Idempotency-Key reused with a different request',
  429: 'Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address',
  503: 'A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After`',
};

/** Headers a problem of this status always or sometimes carries, besides X-Correlation-Id. */
export const PROBLEM_HEADERS: Record<number, { name: string; required: boolean }[]> = {
  401: [{ name: 'WWW-Authenticate', required: false }],
  405: [{ name: 'Allow', required: true }],
  409: [{ name: 'Retry-After', required: false }],
  429: [{ name: 'Retry-After', required: true }],
  503: [{ name: 'Retry-After', required: false }],
};

/** Headers every response that lists them carries; the others are there only sometimes. */
const ALWAYS_PRESENT = new Set(['X-Correlation-Id', 'Location', 'Allow']);
/** Only on responses outside `paths` (405), so written inline rather than as a component. */
const INLINE_ONLY = new Set(['Allow']);

export function responseHeaders(headers: readonly { name: string; required: boolean }[]) {
  return Object.fromEntries(
    [{ name: 'X-Correlation-Id', required: true }, ...headers].map(({ name, required }) => [
      name,
      // A reference cannot add `required` (siblings of $ref other than description are ignored).
      INLINE_ONLY.has(name) || (required && !ALWAYS_PRESENT.has(name))
        ? { ...RESPONSE_HEADERS[name], required: true }
        : ref('headers', headerKey(name)),
    ]),
  );
}

export function headerComponents() {
  return Object.fromEntries(
    Object.entries(RESPONSE_HEADERS)
      .filter(([name]) => !INLINE_ONLY.has(name))
      .map(([name, header]) => [
        headerKey(name),
        ALWAYS_PRESENT.has(name) ? { ...header, required: true } : header,
      ]),
  );
}

export function problemResponse(description: string, headers: { name: string; required: boolean }[]) {
  return {
    description,
    headers: responseHeaders(headers),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('schemas', 'Problem') } },
  };
}
