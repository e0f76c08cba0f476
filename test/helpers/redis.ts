import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { Redis } from 'ioredis';
import { inject } from 'vitest';
import { type EdgeConfig, edgeConfig, type RedisConfig, redisConfig } from '../../shared/config/edge.ts';
import { createRedisClient } from '../../shared/edge/redis-client.ts';

/** What to install when a test needs Redis and the machine has none. */
export const REDIS_INSTALL_HINT =
  'install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis), or set REDIS_URL';

/** redis-server is not on PATH. */
export class RedisNotInstalledError extends Error {
  constructor() {
    super(`redis-server is not installed: ${REDIS_INSTALL_HINT}`);
    this.name = 'RedisNotInstalledError';
  }
}

/**
 * Fails the calling test with one line naming what to install when the run has no Redis (the
 * global setup found none and could start none); a test that needs Redis calls it (the clients
 * below do), the others run without.
 */
export function requireTestRedis(): void {
  const problem = inject('redisProblem');
  if (problem) throw new Error(problem);
}

/** A key prefix no other test (file or run) uses. */
export function uniqueRedisPrefix(name: string): string {
  return `tf-test:${name}:${randomUUID()}`;
}

/** The edge settings from the environment with `overrides` applied. */
export function testEdgeConfig(overrides: Partial<EdgeConfig> = {}): EdgeConfig {
  return { ...edgeConfig(), ...overrides };
}

/** A client like the functions create, on the test Redis (REDIS_URL) unless `url` is given. */
export function testRedisClient(overrides: Partial<RedisConfig> = {}): Redis {
  if (overrides.url === undefined) requireTestRedis();
  return createRedisClient({ ...redisConfig(), ...overrides });
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A `redis-server` child process of the test, on `port`, without persistence. */
export interface RedisServer {
  port: number;
  url: string;
  process: ChildProcess;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

export async function startRedisServer(port: number): Promise<RedisServer> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject((err as NodeJS.ErrnoException).code === 'ENOENT' ? new RedisNotInstalledError() : err);
    });
  });
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    process: child,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls `probe` until it returns true, up to `timeoutMs`. */
export async function eventually(
  probe: () => Promise<boolean>,
  timeoutMs = 10_000,
  stepMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}
