/** The worker thread of `paced-http.ts`: node:http with a keep-alive agent, open loop. */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { paced } from './concurrency.ts';
import type { PacedPostOptions } from './paced-http.ts';

const options = workerData as PacedPostOptions;
const target = new URL('/v1/tasks', options.url);
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(i: number): Promise<void> {
  const body = JSON.stringify({ type: 'echo', payload: { tag: options.tag, i } });
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          ...options.headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode === 202) resolve();
          else
            reject(
              new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`),
            );
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const result = await paced(options.rate, options.durationMs, post);
agent.destroy();
parentPort?.postMessage(result);
