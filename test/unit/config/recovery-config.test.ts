import { describe, expect, it } from 'vitest';
import { sweeperConfig } from '../../../shared/config/sweeper.ts';
import { taskDefaults } from '../../../shared/config/tasks.ts';
import { workerConfig } from '../../../shared/config/worker.ts';
import { ConfigError } from '../../../shared/errors.ts';

describe('recovery settings', () => {
  it('bounds recovery by the task: a 15 s lease margin, a 2 s sweeper grace, republishing after 60 s', () => {
    expect(workerConfig({})).toMatchObject({ leaseMarginSeconds: 15, claimVisibilityDelayMs: 1000 });
    // No longer the queue's visibility timeout (5400 s by default).
    expect(sweeperConfig({})).toMatchObject({ leaseGraceSeconds: 2, republishAfterSeconds: 60 });
  });

  it('reads the default interruption limit from TASK_DEFAULT_MAX_INTERRUPTIONS (0..20, default 3)', () => {
    expect(taskDefaults({})).toMatchObject({ maxInterruptions: 3, maxInterruptionsLimit: 20 });
    expect(taskDefaults({ TASK_DEFAULT_MAX_INTERRUPTIONS: '0' }).maxInterruptions).toBe(0);
    expect(() => taskDefaults({ TASK_DEFAULT_MAX_INTERRUPTIONS: '21' })).toThrow(ConfigError);
    expect(() => taskDefaults({ TASK_DEFAULT_MAX_INTERRUPTIONS: 'many' })).toThrow(
      /TASK_DEFAULT_MAX_INTERRUPTIONS/,
    );
  });
});
