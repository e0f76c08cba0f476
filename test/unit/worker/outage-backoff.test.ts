import { describe, expect, it } from 'vitest';
import { OutageBackoff } from '../../../functions/worker/outage-backoff.ts';

describe('OutageBackoff', () => {
  it('brings messages back in 2 to 5 s at the start of an outage', () => {
    const backoff = new OutageBackoff(() => 0);
    expect(backoff.failure(() => 0)).toBe(2);
    expect(backoff.failure(() => 0.999)).toBe(5);
  });

  it('waits longer the longer the database has been failing, up to a bound', () => {
    let now = 0;
    const backoff = new OutageBackoff(() => now);
    backoff.failure(() => 0);
    now = 40_000;
    expect(backoff.failure(() => 0)).toBe(20);
    now = 3_600_000;
    expect(backoff.failure(() => 0)).toBe(36);
    expect(backoff.failure(() => 1)).toBe(90);
  });

  it('starts over after a success', () => {
    let now = 0;
    const backoff = new OutageBackoff(() => now);
    backoff.failure(() => 0);
    now = 600_000;
    backoff.success();
    expect(backoff.failure(() => 0)).toBe(2);
  });
});
