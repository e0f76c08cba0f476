/**
 * The local runtime with `DB_DRIVER=data-api`: every statement of the API, relay and worker goes
 * through the in-process RDS Data API emulator, as it goes through the real service in AWS.
 */
import { describe, expect, it } from 'vitest';
import { useLocalRuntime } from './e2e-fixtures.ts';

const { api } = useLocalRuntime({
  dbDriver: 'data-api',
  queuePrefix: `e2e-dapi-${Date.now().toString(36)}`,
});

describe('local runtime through the Data API emulator', () => {
  it('runs tasks to COMPLETED, batch and single', async () => {
    const [first, second] = await api.submitBatch([
      { type: 'reverse', payload: { text: 'stressed' } },
      { type: 'echo', payload: { list: [1, 'two', null], flag: true } },
    ]);

    const reversed = await api.waitForStatus(first!.id, 'COMPLETED', 10_000);
    const echoed = await api.waitForStatus(second!.id, 'COMPLETED', 10_000);

    expect(reversed.result).toEqual({ reversed: 'desserts' });
    expect(echoed.result).toEqual({ list: [1, 'two', null], flag: true });
    const types = (await api.events(second!.id)).map((e) => e.type);
    expect(types).toEqual(['submitted', 'queued', 'started', 'succeeded']);
  });
});
