/**
 * A small HTTP client for the end-to-end tests: plain `fetch` against the local runtime, plus
 * polling with deadlines (never fixed sleeps).
 */
import type { TaskEventJson, TaskJson } from '../../shared/tasks/task-schemas.ts';

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface E2eClient {
  request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpResponse<T>>;
  submit(task: Record<string, unknown>): Promise<TaskJson>;
  submitBatch(tasks: Record<string, unknown>[]): Promise<TaskJson[]>;
  get(id: string): Promise<TaskJson>;
  events(id: string): Promise<TaskEventJson[]>;
  /** Polls the task until `done` holds for it, or fails after `timeoutMs` showing its last state. */
  waitFor(id: string, done: (task: TaskJson) => boolean, timeoutMs?: number): Promise<TaskJson>;
  waitForStatus(id: string, status: TaskJson['status'], timeoutMs?: number): Promise<TaskJson>;
}

function expectStatus(response: HttpResponse, expected: number, what: string): void {
  if (response.status !== expected) {
    throw new Error(
      `${what}: expected HTTP ${expected}, got ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
}

/** Polls `probe` every `intervalMs` until it returns a value other than undefined, or throws at the deadline. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}

export function e2eClient(baseUrl: string, apiKey: string): E2eClient {
  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse<T>> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        'x-api-key': apiKey,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  const client: E2eClient = {
    request,
    async submit(task) {
      const response = await request<TaskJson>('POST', '/v1/tasks', task);
      expectStatus(response, 202, 'POST /v1/tasks');
      return response.body;
    },
    async submitBatch(tasks) {
      const response = await request<{ tasks: TaskJson[] }>('POST', '/v1/tasks/batch', { tasks });
      expectStatus(response, 202, 'POST /v1/tasks/batch');
      return response.body.tasks;
    },
    async get(id) {
      const response = await request<TaskJson>('GET', `/v1/tasks/${id}`);
      expectStatus(response, 200, `GET /v1/tasks/${id}`);
      return response.body;
    },
    async events(id) {
      const events: TaskEventJson[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
        const response: HttpResponse<{ items: TaskEventJson[]; nextCursor: string | null }> = await request(
          'GET',
          `/v1/tasks/${id}/events${query}`,
        );
        expectStatus(response, 200, `GET /v1/tasks/${id}/events`);
        events.push(...response.body.items);
        cursor = response.body.nextCursor;
      } while (cursor);
      return events.sort((a, b) => a.id - b.id);
    },
    async waitFor(id, done, timeoutMs = 10_000) {
      let last: TaskJson | undefined;
      try {
        return await eventually(
          async () => {
            last = await client.get(id);
            return done(last) ? last : undefined;
          },
          { timeoutMs, what: `task ${id}` },
        );
      } catch (err) {
        throw new Error(`${(err as Error).message}; last seen: ${JSON.stringify(last)}`);
      }
    },
    async waitForStatus(id, status, timeoutMs) {
      // A task that ends in another terminal state will not change again: stop waiting at once.
      const task = await client.waitFor(
        id,
        (t) => t.status === status || ['COMPLETED', 'FAILED', 'CANCELLED'].includes(t.status),
        timeoutMs,
      );
      if (task.status !== status) {
        throw new Error(`task ${id} ended ${task.status}, expected ${status}: ${JSON.stringify(task)}`);
      }
      return task;
    },
  };
  return client;
}
