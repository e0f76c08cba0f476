/**
 * The project's error types. HTTP-facing errors carry a status, a problem type slug and the
 * field that was wrong; the single error middleware turns them into RFC 9457 problem+json.
 * Task errors tell the worker whether to retry. Check with `instanceof` or `err.name`, since
 * bundling can duplicate classes.
 */

export interface FieldError {
  /** JSON path of the offending field, e.g. `payload.url` or `header:X-API-Key`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  /** Short kebab-case problem type, published as `urn:taskforge:problem:<slug>`. */
  readonly slug: string;
  readonly title: string;
  readonly field?: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  readonly extensions?: Record<string, unknown>;

  constructor(
    status: number,
    slug: string,
    title: string,
    detail: string,
    options: {
      field?: string;
      errors?: FieldError[];
      headers?: Record<string, string>;
      extensions?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'AppError';
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.field = options.field ?? options.errors?.[0]?.field;
    this.errors = options.errors;
    this.headers = options.headers;
    this.extensions = options.extensions;
  }
}

export class ValidationError extends AppError {
  constructor(detail: string, errors: FieldError[]) {
    super(400, 'validation-error', 'Request validation failed', detail, { errors });
    this.name = 'ValidationError';
  }
}

export class MalformedJsonError extends AppError {
  constructor(detail: string) {
    super(400, 'malformed-json', 'Malformed JSON body', detail, { field: 'body' });
    this.name = 'MalformedJsonError';
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(field: string, limitBytes: number, actualBytes: number) {
    super(
      413,
      'payload-too-large',
      'Payload too large',
      `${field} is ${actualBytes} bytes; the limit is ${limitBytes}`,
      {
        field,
        extensions: { limitBytes, actualBytes },
      },
    );
    this.name = 'PayloadTooLargeError';
  }
}

/** What a 401 asks for: a tenant's API key, or an operator's bearer token. */
export type Credential = 'api-key' | 'bearer';

const CHALLENGES: Record<Credential, { title: string; field: string; challenge: string }> = {
  'api-key': {
    title: 'Missing or invalid API key',
    field: 'header:X-API-Key',
    challenge: 'ApiKey header="X-API-Key"',
  },
  bearer: {
    title: 'Missing or invalid bearer token',
    field: 'header:Authorization',
    challenge: 'Bearer realm="taskforge"',
  },
};

export class UnauthorizedError extends AppError {
  constructor(detail: string, credential: Credential = 'api-key') {
    const { title, field, challenge } = CHALLENGES[credential];
    super(401, 'unauthorized', title, detail, { field, headers: { 'WWW-Authenticate': challenge } });
    this.name = 'UnauthorizedError';
  }
}

export class NotFoundError extends AppError {
  constructor(detail: string, field?: string) {
    super(404, 'not-found', 'Not found', detail, { field });
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends AppError {
  constructor(slug: string, detail: string, extensions?: Record<string, unknown>) {
    super(409, slug, 'Conflict with the current state', detail, { extensions });
    this.name = 'ConflictError';
  }
}

/** The same Idempotency-Key was sent before with a different request (IETF Idempotency-Key draft: 422). */
export class IdempotencyKeyReusedError extends AppError {
  constructor(detail: string) {
    super(422, 'idempotency-key-reused', 'Idempotency-Key reused with a different request', detail, {
      field: 'header:Idempotency-Key',
    });
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The same Idempotency-Key is still being processed by an earlier request (IETF Idempotency-Key draft: 409). */
export class IdempotencyKeyInFlightError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(
      409,
      'idempotency-key-in-flight',
      'A request with this Idempotency-Key is in progress',
      'An earlier request with this Idempotency-Key has not finished; retry after it completes',
      { field: 'header:Idempotency-Key', headers: { 'Retry-After': String(retryAfterSeconds) } },
    );
    this.name = 'IdempotencyKeyInFlightError';
  }
}

/** Over a token bucket's limit; `headers` carry `Retry-After` and `RateLimit-*`. */
export class RateLimitedError extends AppError {
  constructor(detail: string, headers: Record<string, string>, extensions?: Record<string, unknown>) {
    super(429, 'rate-limited', 'Too many requests', detail, { headers, extensions });
    this.name = 'RateLimitedError';
  }
}

/** A dependency the request needs is unavailable and the configuration says not to go without it. */
export class ServiceUnavailableError extends AppError {
  constructor(detail: string, retryAfterSeconds: number) {
    super(503, 'service-unavailable', 'Service unavailable', detail, {
      headers: { 'Retry-After': String(retryAfterSeconds) },
    });
    this.name = 'ServiceUnavailableError';
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(detail: string) {
    super(415, 'unsupported-media-type', 'Unsupported media type', detail, { field: 'header:Content-Type' });
    this.name = 'UnsupportedMediaTypeError';
  }
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Thrown by a task handler to fail the task at once, with no retry (BullMQ's UnrecoverableError). */
export class PermanentTaskError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentTaskError';
  }
}

/** Thrown when a task exceeds its `timeoutSeconds`; retryable. */
export class TaskTimeoutError extends Error {
  constructor(timeoutSeconds: number) {
    super(`task timed out after ${timeoutSeconds}s`);
    this.name = 'TaskTimeoutError';
  }
}

export function isPermanentTaskError(err: unknown): boolean {
  return err instanceof PermanentTaskError || (err instanceof Error && err.name === 'PermanentTaskError');
}

export function isAppError(err: unknown): err is AppError {
  return (
    err instanceof AppError ||
    (err instanceof Error && err.name !== 'Error' && 'status' in err && 'slug' in err)
  );
}

/** Turns anything thrown into an Error, keeping the original as `cause`. */
export function coerceError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  if (typeof thrown === 'string') return new Error(thrown);
  try {
    return new Error(JSON.stringify(thrown), { cause: thrown });
  } catch {
    return new Error(String(thrown), { cause: thrown });
  }
}
