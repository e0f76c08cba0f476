import { describe, expect, it } from 'vitest';
import { delaySecondsFor } from '../../../functions/relay/relay.ts';

describe('delaySecondsFor', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('is the whole seconds left until runAt, rounded up so the message is never early', () => {
    expect(delaySecondsFor(new Date(now + 1), now)).toBe(1);
    expect(delaySecondsFor(new Date(now + 61_500), now)).toBe(62);
  });

  it('is 0 for a task already due and at most 900 (the SQS limit)', () => {
    expect(delaySecondsFor(new Date(now - 5000), now)).toBe(0);
    expect(delaySecondsFor(new Date(now), now)).toBe(0);
    expect(delaySecondsFor(new Date(now + 3_600_000), now)).toBe(900);
  });
});
