/**
 * While Redis is down the edge checks go on without it, and the log says so once when the outage
 * begins and once when it ends, never once per request; a lone failure while Redis is up is not
 * an outage.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { noteDegraded } from '../../../shared/edge/degraded.ts';
import {
  isRedisUnavailable,
  markRedisUnavailable,
  redisUsable,
} from '../../../shared/edge/redis-availability.ts';
import { RedisUnavailableError, withRedis } from '../../../shared/edge/redis-client.ts';
import { type AppLogger, logger } from '../../../shared/observability.ts';
import { FakeRedis } from './fake-redis.ts';

function recordingLogger(): AppLogger & { lines: string[] } {
  const lines: string[] = [];
  const record = (message: unknown) => {
    lines.push(String(message));
  };
  return { lines, debug: record, info: record, warn: record, error: record };
}

const outage = () => new RedisUnavailableError('Redis not ready (reconnecting)', true);

afterEach(() => {
  vi.restoreAllMocks();
  // Leave the process's state as the next test expects it: Redis usable.
  vi.spyOn(logger, 'info').mockImplementation(() => undefined);
  redisUsable();
  vi.restoreAllMocks();
});

describe('edge protection while Redis is down', () => {
  it('logs one line when the outage begins, however many requests go on without Redis', () => {
    const log = recordingLogger();

    for (let i = 0; i < 50; i++) noteDegraded(log, i % 2 ? 'rate-limit' : 'status-cache', outage());

    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatch(/^edge protection off: Redis is unavailable/);
    expect(log.lines[0]).toContain('the database still makes Idempotency-Key safe');
    expect(isRedisUnavailable()).toBe(true);
  });

  it('logs one line when Redis is back, with how long it was out and how many checks were skipped', () => {
    const info = vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const log = recordingLogger();
    for (let i = 0; i < 3; i++) noteDegraded(log, 'rate-limit', outage());

    redisUsable();
    redisUsable();

    expect(info).toHaveBeenCalledTimes(1);
    expect(info.mock.calls[0]![0]).toBe('edge protection back on: Redis is reachable again');
    expect(info.mock.calls[0]![1]).toMatchObject({ skippedChecks: 3 });
    expect(isRedisUnavailable()).toBe(false);
  });

  it('does not say it again on the first request when the runtime said so at start', () => {
    const log = recordingLogger();
    markRedisUnavailable();

    noteDegraded(log, 'idempotency', outage());

    expect(log.lines).toEqual([]);
  });

  it('treats a lone failed command while Redis is up as no outage, logged at most once per interval', () => {
    const log = recordingLogger();

    noteDegraded(log, 'auth-rate-limit', new RedisUnavailableError('Redis command failed: timed out', false));
    noteDegraded(log, 'auth-rate-limit', new RedisUnavailableError('Redis command failed: timed out', false));

    expect(log.lines).toEqual(['edge check skipped: Redis failed one request']);
    expect(isRedisUnavailable()).toBe(false);
  });
});

describe('withRedis tells an outage from a lone failure, and notices Redis back', () => {
  it('calls a lost connection an outage and a single failed command on a live one not', async () => {
    const lost = new FakeRedis();
    lost.status = 'reconnecting';
    const live = new FakeRedis();

    const whenLost = await withRedis(lost.asRedis(), async () => 'x').catch((err: unknown) => err);
    const whenSlow = await withRedis(live.asRedis(), async () => {
      throw new Error('Command timed out');
    }).catch((err: unknown) => err);

    expect(whenLost).toBeInstanceOf(RedisUnavailableError);
    expect((whenLost as RedisUnavailableError).outage).toBe(true);
    expect(whenSlow).toBeInstanceOf(RedisUnavailableError);
    expect((whenSlow as RedisUnavailableError).outage).toBe(false);
  });

  it('ends the outage on the first command that succeeds', async () => {
    const info = vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    markRedisUnavailable();

    await withRedis(new FakeRedis().asRedis(), async () => 'ok');

    expect(isRedisUnavailable()).toBe(false);
    expect(info).toHaveBeenCalledWith('edge protection back on: Redis is reachable again', expect.anything());
  });
});
