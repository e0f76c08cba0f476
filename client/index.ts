/**
 * `taskforge/client`: a typed client of the Taskforge HTTP API. Every route's paths, parameters,
 * bodies and answers come from the types generated from the served OpenAPI document
 * (`openapi-types.ts`, `npm run client:generate`); the calls go through openapi-fetch. On top:
 * an `Idempotency-Key` on every POST that takes one unless the caller gave one, retries on
 * 429/503 honouring `Retry-After` (`retrying-fetch.ts`), and `waitFor`.
 *
 * @example
 * const tf = createClient({ baseUrl: 'http://127.0.0.1:3000', apiKey });
 * const task = unwrap(await tf.POST('/v1/tasks', { body: { type: 'reverse', payload: { text: 'hi' } } }));
 * const done = await tf.waitFor(task.id, { timeout: 30_000 });
 */
import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';
import { type Problem, TaskforgeApiError } from './errors.ts';
import { type components, IDEMPOTENT_OPERATIONS, type paths, TASK_TYPES } from './openapi-types.ts';
import { type RetryOptions, retryingFetch } from './retrying-fetch.ts';
import { isTerminal, TERMINAL_STATUSES, type WaitOptions, waitForTask } from './wait-for.ts';

export { WaitTimeoutError } from './errors.ts';
export type { components, operations, paths } from './openapi-types.ts';
export type { RetryEvent, RetryOptions } from './retrying-fetch.ts';
export type { WaitOptions } from './wait-for.ts';
export type { Problem };
/** The task types the API's document names (`type` of a submission). */
/** Operations that take an `Idempotency-Key` header, as `METHOD /path`. */
export { IDEMPOTENT_OPERATIONS, isTerminal, TASK_TYPES, TaskforgeApiError, TERMINAL_STATUSES };

type Schemas = components['schemas'];
export type Task = Schemas['Task'];
export type TaskStatus = Task['status'];
export type TaskSummary = Schemas['TaskPage']['items'][number];
export type TaskEvent = Schemas['TaskEventPage']['items'][number];
export type TaskExplanation = Schemas['TaskExplanation'];
/** A submission: `type` selects the payload's type. */
export type TaskSubmission = Schemas['TaskSubmission'];
export type TaskType = TaskSubmission['type'];

export interface ClientOptions {
  /** The API's base URL, e.g. `http://127.0.0.1:3000` or the stack's `ApiUrl`. */
  baseUrl: string;
  /** The tenant's key, sent as `X-API-Key` (tenant routes). */
  apiKey?: string;
  /** An operator token, sent as `Authorization: Bearer` (admin routes, metrics, whole-queue redrive). */
  adminToken?: string;
  /** Headers sent with every request, e.g. `X-Client-Id`. */
  headers?: Record<string, string>;
  /** Retry policy; `false`: never retry. */
  retry?: RetryOptions | false;
  /** Makes the automatic Idempotency-Keys (default: a random UUID). */
  idempotencyKey?: () => string;
  /** The fetch underneath (default: the global one). */
  fetch?: (request: Request) => Promise<Response>;
}

export interface TaskforgeClient extends Client<paths> {
  /** Polls the task until COMPLETED, FAILED or CANCELLED; rejects with WaitTimeoutError at `timeout`. */
  waitFor(id: string, options?: WaitOptions): Promise<Task>;
}

const idempotent = new Set(IDEMPOTENT_OPERATIONS);

/** Adds an Idempotency-Key to the operations that take one, unless the caller set it. */
function idempotencyKeys(make: () => string): Middleware {
  return {
    onRequest({ request, schemaPath }) {
      if (idempotent.has(`${request.method} ${schemaPath}`) && !request.headers.has('idempotency-key')) {
        request.headers.set('Idempotency-Key', make());
      }
      return request;
    },
  };
}

export function createClient(options: ClientOptions): TaskforgeClient {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers['X-API-Key'] = options.apiKey;
  if (options.adminToken) headers.Authorization = `Bearer ${options.adminToken}`;
  const inner = options.fetch ?? ((request: Request) => fetch(request));
  const client = createFetchClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers,
    fetch: options.retry === false ? inner : retryingFetch(options.retry, inner),
  });
  client.use(idempotencyKeys(options.idempotencyKey ?? (() => crypto.randomUUID())));

  const read = async (id: string, signal: AbortSignal | undefined) =>
    unwrap(await client.GET('/v1/tasks/{id}', { params: { path: { id } }, ...(signal ? { signal } : {}) }));
  return Object.assign(client, {
    waitFor: (id: string, waitOptions?: WaitOptions) => waitForTask(read, id, waitOptions),
  });
}

/**
 * The data of a successful call, or a TaskforgeApiError carrying the problem details.
 * @example const page = unwrap(await tf.GET('/v1/tasks', { params: { query: { status: 'FAILED' } } }));
 */
export function unwrap<D, E>(result: { data?: D; error?: E; response: Response }): D {
  if (!result.response.ok) throw new TaskforgeApiError(result.response, result.error);
  return result.data as D;
}
