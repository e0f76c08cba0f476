import { describe, expect, it } from 'vitest';
import { backoffCeilingSeconds, backoffSeconds } from '../../../shared/tasks/task-policy.ts';

describe('backoffSeconds', () => {
  it('doubles its ceiling with each attempt: 2, 4, 8, 16 ... up to the cap', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((attempt) =>
      backoffSeconds(attempt, 2, 300, () => 1),
    );

    expect(ceilings).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
  });

  it('never goes below half the ceiling (equal jitter)', () => {
    const floors = [1, 2, 3, 4, 5].map((attempt) => backoffSeconds(attempt, 2, 300, () => 0));

    expect(floors).toEqual([1, 2, 4, 8, 16]);
  });

  it('stays between half the ceiling and the ceiling for any draw', () => {
    for (const draw of [0, 0.1, 0.25, 0.5, 0.75, 0.999]) {
      for (let attempt = 1; attempt <= 12; attempt++) {
        const seconds = backoffSeconds(attempt, 2, 900, () => draw);
        const ceiling = backoffCeilingSeconds(attempt, 2, 900);
        expect(seconds).toBeGreaterThanOrEqual(Math.ceil(ceiling / 2));
        expect(seconds).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('waits at least one second, since SQS visibility is in whole seconds', () => {
    expect(backoffSeconds(1, 0, 0, () => 0)).toBe(1);
    expect(backoffSeconds(1, 0.3, 900, () => 0.5)).toBe(1);
  });
});
