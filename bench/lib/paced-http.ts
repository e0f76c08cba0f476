/**
 * Open-loop HTTP POSTs at a fixed rate, from a worker thread: like autocannon in (a), the load
 * generator gets its own event loop, so it neither queues behind the server it measures (which
 * runs in the main thread) nor takes CPU time from that thread. The peers' clients are library
 * calls in the main thread; ours is an HTTP client, which would otherwise cost the server's own
 * event loop more than the requests do.
 */
import { Worker } from 'node:worker_threads';
import type { PacedResult } from './concurrency.ts';

export interface PacedPostOptions {
  url: string;
  headers: Record<string, string>;
  /** The body of request i: `{"type":"echo","payload":{"tag":<tag>,"i":i}}`. */
  tag: string;
  rate: number;
  durationMs: number;
}

/** Posts echo tasks at `rate` per second for `durationMs` (keep-alive), every one expecting 202. */
export function pacedPost(options: PacedPostOptions): Promise<PacedResult> {
  return new Promise((resolve, reject) => {
    // Inherits the parent's execArgv, so tsx loads the TypeScript worker as it loaded this file.
    const worker = new Worker(new URL('./paced-http-worker.ts', import.meta.url), { workerData: options });
    worker.once('message', (result: PacedResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`paced HTTP worker exited with ${code}`));
    });
  });
}
