/**
 * The load a fault is injected into: tasks submitted at a steady rate, as single POSTs and
 * batches, half of the requests with an Idempotency-Key, some of those sent again after they
 * were accepted (as a client that lost the answer would), all of them designed to complete:
 * - `echo`;
 * - `sleep` of 1, 2 or 5 s (so some are RUNNING whenever the fault comes);
 * - `fail` that fails its first 1 or 2 attempts, with exactly one attempt to spare
 *   (`maxAttempts` = failures + 1): a fault that costs an attempt makes it end FAILED;
 * - `webhook` to the suite's receiver, which counts executions.
 * The mix (types, priorities, batch sizes, keys, repeats) comes from a seeded generator, so
 * every run submits the same requests; only the timing differs.
 */
import type { FaultClient } from './client.ts';
import type { WebhookReceiver } from './webhook-receiver.ts';

export interface LoadOptions {
  tasks: number;
  ratePerSecond: number;
  taskTimeoutSeconds: number;
  seed: number;
  /** Prefix of Idempotency-Keys and nonces, unique per fault. */
  label: string;
  /** Requests in flight at most (a client's connection pool); the load waits when it is full. */
  maxInFlight?: number;
}

export interface AcceptedTask {
  id: string;
  type: string;
  nonce: string;
}

export interface LoadResult {
  /** Tasks accepted (2xx with an id), by id. */
  accepted: Map<string, AcceptedTask>;
  /** Requests sent (first tries; retries are in the client's records). */
  requests: number;
  keyedRequests: number;
  /** Requests never accepted: refused for good or given up after retrying. */
  rejected: { status: number; problem?: string }[];
  /** Accepted requests that needed more than one try. */
  retried: number;
  /** Keyed requests sent again after they were accepted, and those answered with other task ids. */
  repeats: number;
  repeatMismatches: { key: string; first: string[]; again: string[] }[];
  startedAt: number;
  endedAt: number;
}

/** mulberry32: a small, fast seeded generator; the mix only needs to be reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = random() * total;
  for (const [value, weight] of weighted) {
    draw -= weight;
    if (draw < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

interface TaskBody {
  type: string;
  payload: unknown;
  priority: string;
  timeoutSeconds: number;
  maxAttempts?: number;
  backoff?: { baseSeconds: number; capSeconds: number };
}

function makeTask(
  random: () => number,
  nonce: string,
  timeoutSeconds: number,
  receiver: WebhookReceiver,
): TaskBody {
  const priority = pick(random, [
    ['high', 5],
    ['medium', 4],
    ['low', 1],
  ] as const);
  const type = pick(random, [
    ['echo', 4],
    ['sleep', 2],
    ['fail', 2],
    ['webhook', 2],
  ] as const);
  const base = { type, priority, timeoutSeconds };
  switch (type) {
    case 'echo':
      return { ...base, payload: { nonce } };
    case 'sleep':
      return {
        ...base,
        payload: {
          seconds: pick(random, [
            [1, 5],
            [2, 3],
            [5, 2],
          ] as const),
        },
      };
    case 'fail': {
      const failTimes = random() < 0.5 ? 1 : 2;
      return {
        ...base,
        payload: { failTimes, message: `planned failure of ${nonce}` },
        maxAttempts: failTimes + 1,
        backoff: { baseSeconds: 1, capSeconds: 2 },
      };
    }
    case 'webhook':
      return { ...base, payload: { url: receiver.url(nonce), body: { nonce }, timeoutSeconds: 5 } };
  }
}

/**
 * Submits `tasks` tasks at `ratePerSecond` through `client`; resolves once every request (and
 * every repeat) has been answered for good.
 */
export async function runLoad(
  client: FaultClient,
  receiver: WebhookReceiver,
  options: LoadOptions,
): Promise<LoadResult> {
  const random = seededRandom(options.seed);
  const maxInFlight = options.maxInFlight ?? 64;
  const result: LoadResult = {
    accepted: new Map(),
    requests: 0,
    keyedRequests: 0,
    rejected: [],
    retried: 0,
    repeats: 0,
    repeatMismatches: [],
    startedAt: Date.now(),
    endedAt: 0,
  };
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const send = async (
    route: 'single' | 'batch',
    planned: { body: TaskBody; nonce: string }[],
    key: string | undefined,
    repeat: boolean,
  ) => {
    const tasks = planned.map((task) => task.body);
    const body = route === 'single' ? tasks[0] : { tasks };
    const outcome = await client.submit(route, body, key);
    if (!outcome.ids) {
      result.rejected.push({ status: outcome.status, problem: outcome.problem });
      return;
    }
    if (outcome.tries > 1) result.retried += 1;
    const accept = (ids: string[]) =>
      ids.forEach((id, i) => {
        if (!result.accepted.has(id))
          result.accepted.set(id, { id, type: tasks[i]!.type, nonce: planned[i]!.nonce });
      });
    accept(outcome.ids);
    if (key && repeat) {
      // The same request again, later, as after a lost answer: it must return the same tasks.
      await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 2500));
      result.repeats += 1;
      const again = await client.submit(route, body, key);
      if (again.ids && again.ids.join() !== outcome.ids.join()) {
        result.repeatMismatches.push({ key, first: outcome.ids, again: again.ids });
      } else if (!again.ids) {
        result.rejected.push({ status: again.status, problem: again.problem });
      }
      // A second task for the key would be checked like any other (lost, stuck, completed twice).
      accept(again.ids ?? []);
    }
  };

  let submitted = 0;
  for (let request = 0; submitted < options.tasks; request++) {
    const size = random() < 0.7 ? 1 : Math.min(options.tasks - submitted, 2 + Math.floor(random() * 9));
    const route = size === 1 ? 'single' : 'batch';
    const tasks = Array.from({ length: size }, (_, i) => {
      const nonce = `${options.label}-${request}-${i}`;
      return { body: makeTask(random, nonce, options.taskTimeoutSeconds, receiver), nonce };
    });
    const keyed = random() < 0.5;
    const repeat = keyed && random() < 0.2;
    const key = keyed ? `${options.label}-key-${request}` : undefined;
    // Steady rate: request n goes out when the tasks before it are due.
    const dueAt = result.startedAt + (submitted / options.ratePerSecond) * 1000;
    const wait = dueAt - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    result.requests += 1;
    if (keyed) result.keyedRequests += 1;
    submitted += size;
    track(send(route, tasks, key, repeat));
  }
  while (inFlight.size > 0) await Promise.race(inFlight);
  result.endedAt = Date.now();
  return result;
}
