/**
 * Idempotency-Key records in Redis (IETF Idempotency-Key draft, Stripe semantics; the record
 * states follow Powertools' idempotency utility). One key per (tenant, Idempotency-Key):
 *
 * - `begin` writes an in-flight record with `SET NX PX <lock>` and, in the same script, returns
 *   the record already there when there is one. The lock's expiry is what keeps a crashed
 *   request from locking its key forever: after `idempotencyLockSeconds` anyone may take it over.
 * - `complete` replaces our in-flight record with the response (status, headers, body) for
 *   `idempotencyTtlSeconds`; `release` deletes it (the request failed and may be retried with the
 *   same key). Both compare the stored value with ours first, so a request whose lock expired
 *   and was taken over never overwrites the new owner's record.
 *
 * Redis is the fast path only: PostgreSQL's unique (tenant_id, idempotency_key) index stays the
 * durable backstop for task submission, so a flushed or unreachable Redis cannot create a
 * second task.
 */
import { randomUUID } from 'node:crypto';
import type { Redis, Result } from 'ioredis';
import { withRedis } from './redis-client.ts';
import { redisKey } from './redis-keys.ts';

// KEYS[1] record; ARGV: in-flight value, lock ms. {1} when we own the key, else {0, existing}.
const BEGIN_LUA = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1}
end
return {0, redis.call('GET', KEYS[1])}
`;

// KEYS[1] record; ARGV: our in-flight value, new value ('' deletes), ttl ms. 1 when replaced.
const SETTLE_LUA = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
return 1
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    tfIdemBegin(key: string, value: string, lockMs: number): Result<[number, string | null], Context>;
    tfIdemSettle(key: string, ours: string, value: string, ttlMs: number): Result<number, Context>;
  }
}

function ensureCommands(client: Redis): void {
  if (typeof (client as Partial<Redis>).tfIdemBegin === 'function') return;
  client.defineCommand('tfIdemBegin', { numberOfKeys: 1, lua: BEGIN_LUA });
  client.defineCommand('tfIdemSettle', { numberOfKeys: 1, lua: SETTLE_LUA });
}

/** The response a completed record replays: exactly what the first request answered. */
export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string | undefined;
}

type IdempotencyRecord =
  | { state: 'in-flight'; fingerprint: string; token: string; startedAt: number }
  | { state: 'completed'; fingerprint: string; response: StoredResponse; completedAt: number };

export type BeginOutcome =
  /** We hold the key: run the request, then `complete` or `release`. */
  | { kind: 'owner'; lock: IdempotencyLock }
  /** The same request completed before: answer with its response. */
  | { kind: 'replay'; response: StoredResponse }
  /** The same request is still running: 409. */
  | { kind: 'in-flight' }
  /** Another request used this key: 422. */
  | { kind: 'mismatch' };

export interface IdempotencyLock {
  key: string;
  /** The exact in-flight value we wrote, compared before settling. */
  value: string;
}

export function idempotencyRecordKey(tenantId: string, idempotencyKey: string): string {
  return redisKey('idem', tenantId, idempotencyKey);
}

/**
 * Claims `idempotencyKey` for a request with this fingerprint, or reports what holds it.
 * Throws `RedisUnavailableError` when Redis cannot answer (the caller falls back to the database).
 */
export async function beginIdempotentRequest(
  client: Redis,
  tenantId: string,
  idempotencyKey: string,
  fingerprint: string,
  lockSeconds: number,
): Promise<BeginOutcome> {
  ensureCommands(client);
  const key = idempotencyRecordKey(tenantId, idempotencyKey);
  const record: IdempotencyRecord = {
    state: 'in-flight',
    fingerprint,
    token: randomUUID(),
    startedAt: Date.now(),
  };
  const value = JSON.stringify(record);
  const [owned, existing] = await withRedis(client, (redis) =>
    redis.tfIdemBegin(key, value, lockSeconds * 1000),
  );
  if (owned === 1) return { kind: 'owner', lock: { key, value } };
  const found = parseRecord(existing);
  // Expired between SET and GET cannot happen inside one script; an unreadable value (another
  // writer, a format change) is treated as in flight rather than trusted or overwritten.
  if (!found) return { kind: 'in-flight' };
  if (found.fingerprint !== fingerprint) return { kind: 'mismatch' };
  return found.state === 'completed' ? { kind: 'replay', response: found.response } : { kind: 'in-flight' };
}

/** Stores the response for replays; false when our lock had expired and someone took the key over. */
export async function completeIdempotentRequest(
  client: Redis,
  lock: IdempotencyLock,
  fingerprint: string,
  response: StoredResponse,
  ttlSeconds: number,
): Promise<boolean> {
  ensureCommands(client);
  const record: IdempotencyRecord = { state: 'completed', fingerprint, response, completedAt: Date.now() };
  const replaced = await withRedis(client, (redis) =>
    redis.tfIdemSettle(lock.key, lock.value, JSON.stringify(record), ttlSeconds * 1000),
  );
  return replaced === 1;
}

/** Frees the key so the client can retry with it (the request failed or was invalid). */
export async function releaseIdempotentRequest(client: Redis, lock: IdempotencyLock): Promise<void> {
  ensureCommands(client);
  await withRedis(client, (redis) => redis.tfIdemSettle(lock.key, lock.value, '', 0));
}

function parseRecord(raw: string | null | undefined): IdempotencyRecord | null {
  if (!raw) return null;
  try {
    const record = JSON.parse(raw) as IdempotencyRecord;
    return typeof record.fingerprint === 'string' &&
      (record.state === 'in-flight' || record.state === 'completed')
      ? record
      : null;
  } catch {
    return null;
  }
}
