/** The one builder of the service's Redis keys. */
import { getRedisKeyPrefix } from '../process-deps.ts';

/**
 * Every Redis key of the service: `<prefix>:<part>:<part>...`, the prefix being REDIS_KEY_PREFIX
 * (tests use one per file). Parts are URI-encoded, so a client-chosen part (an Idempotency-Key,
 * an X-Client-Id) can never contain the separator or collide with another key's shape. Each key
 * is used alone (no multi-key commands), which keeps everything valid on a cluster-mode ElastiCache.
 *
 * @example
 * redisKey('idem', tenantId, idempotencyKey) // 'tf:idem:0193...:order-42'
 */
export function redisKey(...parts: Array<string | number>): string {
  return [getRedisKeyPrefix(), ...parts.map((part) => encodeURIComponent(String(part)))].join(':');
}
