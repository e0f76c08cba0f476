/**
 * The edge Redis (ElastiCache in AWS): one lazily connecting ioredis client per process (held by
 * `process-deps.ts`, created by `edge-redis.ts`), and `withRedis`, the only way the edge modules talk to it.
 *
 * Redis here is an optimisation, never a dependency: every caller has a fallback (the database
 * backstop, failing open), so the client is tuned to fail fast rather than to wait. No offline
 * queue and no per-command retries (a command either runs on a ready connection or fails at
 * once), a short command budget, and a small circuit breaker (`breaker.ts`) that skips Redis for
 * `breakerCooldownMs` after a lost connection or persistent failures. Reconnection runs in the
 * background forever (`retryStrategy` never gives up), so recovery needs no restart.
 *
 * The command budget measures Redis, not this process's event loop (see `BudgetedRedis`): under
 * load a reply often sits unread in the socket while the loop is busy, and a plain timer would
 * call that a Redis failure and switch the edge checks off exactly when they matter.
 */
import { type Command, Redis } from 'ioredis';
import type { RedisConfig } from '../config/edge.ts';
import { RedisBreaker } from './breaker.ts';
import { redisUsable } from './redis-availability.ts';

/** Redis could not be used for this request (down, slow, breaker open); the caller degrades. */
export class RedisUnavailableError extends Error {
  constructor(
    message: string,
    /** Redis is out of use for now (breaker open, connection gone), not just slow this once. */
    readonly outage: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RedisUnavailableError';
  }
}

interface ClientState {
  breaker: RedisBreaker;
  /** One shared wait for the connection being set up, so concurrent requests add no listeners each. */
  ready?: Promise<boolean>;
}

const states = new WeakMap<Redis, ClientState>();

/**
 * Calls `onExpired` once `ms` have passed and this process has since polled its sockets. Timers
 * run before I/O polling in each event-loop turn, so a timer that comes due while the loop was
 * busy fires before the turn reads the replies that arrived meanwhile; checking again after the
 * poll phase (`setImmediate`) gives those replies their chance. The extra wait is at most one
 * loop turn, so a Redis that never answers is still bounded.
 */
function afterBudget(ms: number, onExpired: () => void): NodeJS.Timeout {
  const timer = setTimeout(() => setImmediate(onExpired), ms);
  timer.unref();
  return timer;
}

type CommandStream = Parameters<Redis['sendCommand']>[1];

/**
 * ioredis with a command budget that measures Redis rather than event-loop delay: each command's
 * clock starts when ioredis writes it to the socket (not when it is issued: auto-pipelining
 * holds commands until the end of the turn, or behind the pipeline in flight) and it fails only
 * when its reply is still missing after the budget and one more I/O poll. This replaces ioredis's
 * own `commandTimeout`, a plain timer that fires before the turn's I/O is read.
 */
class BudgetedRedis extends Redis {
  commandBudgetMs = 0;

  override sendCommand(command: Command, stream?: CommandStream): unknown {
    const sent = super.sendCommand(command, stream);
    if (this.commandBudgetMs > 0 && !command.isSettled) {
      const timer = afterBudget(this.commandBudgetMs, () => {
        if (!command.isSettled) command.reject(new Error('Command timed out'));
      });
      const clear = () => clearTimeout(timer);
      command.promise.then(clear, clear);
    }
    return sent;
  }
}

/**
 * A client for `config`, not yet connected (it connects on first use). TLS is on for
 * `rediss://` URLs or REDIS_TLS=true (ElastiCache in-transit encryption).
 */
export function createRedisClient(config: RedisConfig): Redis {
  const client = new BudgetedRedis(config.url, {
    lazyConnect: true,
    connectTimeout: config.connectTimeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    // Commands issued in the same event-loop tick (concurrent requests in the local runtime, a
    // request's own parallel calls) go out in one write: fewer syscalls, same semantics.
    enableAutoPipelining: true,
    // Reconnect forever with a short capped backoff: recovery after an outage needs no restart.
    retryStrategy: (times) => Math.min(50 * times, 500),
    ...(config.tls ? { tls: {} } : {}),
  });
  // Errors surface on the commands that hit them; without a listener ioredis would log each
  // reconnection failure to stderr as an unhandled 'error' event.
  client.on('error', () => undefined);
  client.commandBudgetMs = config.commandTimeoutMs;
  const breaker = new RedisBreaker(config.commandTimeoutMs, config.breakerCooldownMs);
  states.set(client, { breaker });
  // A new connection is Redis back (after an outage, or at last at start): use it at once, and
  // say so once, without waiting for a request to find out.
  client.on('ready', () => {
    breaker.close();
    redisUsable();
  });
  return client;
}

function stateOf(client: Redis): ClientState {
  let state = states.get(client);
  if (!state) {
    state = { breaker: new RedisBreaker(50, 1000) };
    states.set(client, state);
  }
  return state;
}

/** Resolves true when the connection being set up becomes ready, false when it closes first. */
function connectionSettled(client: Redis, state: ClientState): Promise<boolean> {
  state.ready ??= new Promise<boolean>((resolve) => {
    const done = (ready: boolean) => {
      client.off('ready', onReady);
      client.off('close', onClose);
      state.ready = undefined;
      resolve(ready);
    };
    const onReady = () => done(true);
    const onClose = () => done(false);
    client.once('ready', onReady);
    client.once('close', onClose);
  });
  return state.ready;
}

/** Waits for a connection being set up, within `budgetMs`; false when it is not ready by then. */
async function waitReady(client: Redis, budgetMs: number): Promise<boolean> {
  if (client.status === 'ready') return true;
  if (client.status === 'wait') client.connect().catch(() => undefined);
  if (client.status !== 'connecting' && client.status !== 'connect') return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = afterBudget(budgetMs, () => resolve(false));
  });
  try {
    return await Promise.race([connectionSettled(client, stateOf(client)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts connecting now (at cold start), so the first request does not pay for the handshake. */
export function connectEarly(client: Redis): void {
  if (client.status === 'wait') client.connect().catch(() => undefined);
}

/** Whether Redis is usable right now without waiting (breaker closed, connection ready). */
export function isRedisUsable(client: Redis): boolean {
  return !stateOf(client).breaker.isOpen() && client.status === 'ready';
}

/**
 * Runs `work` on the client when Redis is usable, within the command budget; otherwise, or when
 * the connection fails or times out, throws `RedisUnavailableError` and opens the breaker.
 * Redis reply errors (a bug, not an outage) propagate as they are.
 */
export async function withRedis<T>(client: Redis, work: (redis: Redis) => Promise<T>): Promise<T> {
  const { breaker } = stateOf(client);
  if (breaker.isOpen()) throw new RedisUnavailableError('Redis skipped: recent failure', true);
  if (!(await waitReady(client, breaker.commandTimeoutMs))) {
    // A connection still being set up (cold start) is not a failure; a lost one is.
    const lost = client.status !== 'connecting' && client.status !== 'connect';
    if (lost) breaker.open();
    throw new RedisUnavailableError(`Redis not ready (${client.status})`, lost);
  }
  try {
    const result = await work(client);
    breaker.succeeded();
    redisUsable();
    return result;
  } catch (err) {
    if (err instanceof Error && err.name === 'ReplyError') throw err;
    breaker.failed(client.status !== 'ready');
    throw new RedisUnavailableError(`Redis command failed: ${(err as Error).message}`, breaker.isOpen(), {
      cause: err,
    });
  }
}

/** Probes Redis for /healthz, ignoring the breaker: `ok`, `error` or `timeout` within `timeoutMs`. */
export async function pingRedis(client: Redis, timeoutMs: number): Promise<'ok' | 'error' | 'timeout'> {
  if (!(await waitReady(client, timeoutMs))) return client.status === 'connecting' ? 'timeout' : 'error';
  try {
    await client.ping();
    stateOf(client).breaker.close();
    redisUsable();
    return 'ok';
  } catch (err) {
    return (err as Error).message.includes('timed out') ? 'timeout' : 'error';
  }
}
