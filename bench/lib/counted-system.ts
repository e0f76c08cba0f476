/**
 * What scenario (g) needs of each system whose writes it counts: started with its workers on a
 * fresh database of the counting cluster, it takes submits (one task per call, or batches), says
 * when every task has finished, and stops (closing its connections).
 */
import { pool } from './concurrency.ts';
import type { FreshDatabase } from './fresh-db.ts';

export type SubmitMode = 'single' | 'batch';

/** Callers submitting at once: single submits as two clients, batches as (b) and (c) send them. */
export const SUBMIT_CALLERS: Record<SubmitMode, number> = { single: 2, batch: 8 };
export const BATCH_SIZE = 100;
/** The JSON payload of every counted task has this many bytes. */
export const PAYLOAD_BYTES = 200;

export interface BenchPayload {
  i: number;
  tag: string;
  text: string;
}

/** Task `i`'s payload: `{"i":..,"tag":"bench","text":"xx.."}`, PAYLOAD_BYTES of JSON. */
export function benchPayload(i: number): BenchPayload {
  const bare = JSON.stringify({ i, tag: 'bench', text: '' }).length;
  return { i, tag: 'bench', text: 'x'.repeat(Math.max(0, PAYLOAD_BYTES - bare)) };
}

export interface CountedSystem {
  database: FreshDatabase;
  /** Submits one task per call (`single`) or BATCH_SIZE per call, from SUBMIT_CALLERS callers. */
  submit(mode: SubmitMode, payloads: readonly BenchPayload[]): Promise<void>;
  /** Resolves once `tasks` tasks have finished (in-process signals first, then the database). */
  drained(tasks: number): Promise<void>;
  /** Closes every connection of the system. */
  stop(): Promise<void>;
  /** System-specific counts for the report (ours: statements by component, SQS requests). */
  details?(): Record<string, unknown>;
}

/** Runs `submitOne` or `submitBatch` over `payloads` from the mode's callers. */
export async function submitAll(
  mode: SubmitMode,
  payloads: readonly BenchPayload[],
  submitOne: (payload: BenchPayload) => Promise<unknown>,
  submitBatch: (payloads: BenchPayload[]) => Promise<unknown>,
): Promise<void> {
  if (mode === 'single') {
    await pool(payloads, SUBMIT_CALLERS.single, async (p) => {
      await submitOne(p);
    });
    return;
  }
  const batches = Array.from({ length: Math.ceil(payloads.length / BATCH_SIZE) }, (_, b) =>
    payloads.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE),
  );
  await pool(batches, SUBMIT_CALLERS.batch, async (batch) => {
    await submitBatch(batch);
  });
}
