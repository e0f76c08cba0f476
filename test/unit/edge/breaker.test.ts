import { describe, expect, it } from 'vitest';
import { BREAKER_THRESHOLD, RedisBreaker } from '../../../shared/edge/breaker.ts';

/** A breaker with a 50 ms command budget, a 1 s cooldown and a clock the test moves. */
function breakerAt(start = 10_000) {
  const clock = { now: start };
  const breaker = new RedisBreaker(50, 1000, () => clock.now);
  return { breaker, clock };
}

describe('RedisBreaker', () => {
  it('opens at once on a lost connection and closes by itself after the cooldown', () => {
    const { breaker, clock } = breakerAt();

    breaker.failed(true);

    expect(breaker.isOpen()).toBe(true);
    clock.now += 999;
    expect(breaker.isOpen()).toBe(true);
    clock.now += 1;
    expect(breaker.isOpen()).toBe(false);
  });

  it('stays closed on a burst of timeouts within one budget (one slow reply times out every command in flight)', () => {
    const { breaker, clock } = breakerAt();

    for (let i = 0; i < 10; i += 1) {
      breaker.failed(false);
      clock.now += 5;
    }

    expect(breaker.isOpen()).toBe(false);
  });

  it(`opens once ${BREAKER_THRESHOLD} failures in a row span more than one budget (a hung Redis)`, () => {
    const { breaker, clock } = breakerAt();

    breaker.failed(false);
    clock.now += 30;
    breaker.failed(false);
    expect(breaker.isOpen()).toBe(false);
    clock.now += 30;
    breaker.failed(false);

    expect(breaker.isOpen()).toBe(true);
  });

  it('forgets earlier failures after a success', () => {
    const { breaker, clock } = breakerAt();

    breaker.failed(false);
    breaker.failed(false);
    clock.now += 100;
    breaker.succeeded();
    breaker.failed(false);
    clock.now += 100;
    breaker.failed(false);

    expect(breaker.isOpen()).toBe(false);
  });

  it('closes at once when a health probe finds Redis back', () => {
    const { breaker } = breakerAt();
    breaker.open();

    breaker.close();

    expect(breaker.isOpen()).toBe(false);
  });
});
