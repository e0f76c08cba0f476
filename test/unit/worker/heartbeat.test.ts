import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHeartbeat } from '../../../functions/worker/heartbeat.ts';

describe('startHeartbeat', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('beats every interval until stopped', async () => {
    const beat = vi.fn(async () => undefined);
    const heartbeat = startHeartbeat(1000, beat);

    await vi.advanceTimersByTimeAsync(3500);
    heartbeat.stop();
    await vi.advanceTimersByTimeAsync(5000);

    expect(beat).toHaveBeenCalledTimes(3);
  });

  it('skips a beat while the previous one is still running, and survives a failing one', async () => {
    let release: () => void = () => undefined;
    const beat = vi
      .fn<() => Promise<void>>()
      .mockImplementationOnce(() => new Promise<void>((resolve) => (release = resolve)))
      .mockRejectedValueOnce(new Error('database down'))
      .mockResolvedValue(undefined);
    const heartbeat = startHeartbeat(1000, beat);

    await vi.advanceTimersByTimeAsync(3000);
    expect(beat).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(2000);
    heartbeat.stop();

    expect(beat).toHaveBeenCalledTimes(3);
  });
});
