/**
 * The local runtime as a child process, as a user runs it: `node --import tsx
 * infra/local/main.ts` (node itself, no wrapper that could forward or swallow signals), with its
 * own port, API key, database, Redis and SQS data directory. Its output goes to a log file, one
 * file across restarts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Epoch ms. */
  at: number;
}

export interface RuntimeProcessOptions {
  port: number;
  /** Added to (and overriding) this process's environment. */
  env: Record<string, string>;
  logFile: string;
}

/** Variables of this process that must not leak into the runtime under test. */
const NOT_INHERITED = ['SQS_ENDPOINT', 'SQS_PORT', 'QUEUE_PREFIX', 'NODE_OPTIONS'];

export class RuntimeProcess {
  readonly url: string;
  private child: ChildProcess | undefined;
  private exited: Promise<ProcessExit> | undefined;
  private readonly log: WriteStream;

  constructor(private readonly options: RuntimeProcessOptions) {
    this.url = `http://127.0.0.1:${options.port}`;
    this.log = createWriteStream(options.logFile, { flags: 'a' });
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the runtime; resolves once its HTTP server answers, with the spawn and ready times. */
  async start(timeoutMs = 60_000): Promise<{ spawnedAt: number; readyAt: number }> {
    if (this.running) throw new Error('runtime already running');
    const env: Record<string, string | undefined> = { ...process.env };
    for (const name of NOT_INHERITED) delete env[name];
    Object.assign(env, this.options.env, { PORT: String(this.options.port), HOST: '127.0.0.1' });
    const spawnedAt = Date.now();
    this.log.write(`\n--- start ${new Date(spawnedAt).toISOString()}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.log.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.log.write(chunk));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.log.write(`--- exit code=${code} signal=${signal} ${new Date().toISOString()}\n`);
        resolve({ code, signal, at: Date.now() });
      }),
    );
    const deadline = spawnedAt + timeoutMs;
    for (;;) {
      if (!this.running) {
        throw new Error(`runtime exited during start; see ${this.options.logFile}`);
      }
      try {
        // Any answer means the HTTP server (started last) is up; /healthz may say 503 while a
        // dependency is down, and that is part of what the faults exercise.
        await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2000) });
        return { spawnedAt, readyAt: Date.now() };
      } catch {
        if (Date.now() > deadline) throw new Error(`runtime did not answer within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child?.kill(signal);
  }

  /** The current process's exit, or null if it is still running after `timeoutMs`. */
  async waitForExit(timeoutMs: number): Promise<ProcessExit | null> {
    if (!this.exited) throw new Error('runtime never started');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** kill -9, as a crash, an out-of-memory kill or a Lambda timeout would end it. */
  async kill(): Promise<ProcessExit> {
    this.signal('SIGKILL');
    const exit = await this.waitForExit(10_000);
    if (!exit) throw new Error('runtime survived SIGKILL');
    return exit;
  }

  /** Teardown: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
  async stop(graceMs = 20_000): Promise<void> {
    if (this.running) {
      this.signal('SIGTERM');
      if (!(await this.waitForExit(graceMs))) await this.kill();
    }
  }

  async close(): Promise<void> {
    await this.stop();
    await new Promise<void>((resolve) => this.log.end(resolve));
  }
}
