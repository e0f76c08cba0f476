/**
 * Is the HTTP port free? Asked before the local runtime starts anything else (database,
 * emulators, migrations), so a taken port costs a second and one line instead of a full start, a
 * stack trace and a teardown.
 */
import { createServer } from 'node:net';

function codeOf(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}

/** One line saying why `port` cannot be used and how to choose another; undefined when it is free. */
export async function portProblem(port: number, host: string): Promise<string | undefined> {
  if (port === 0) return undefined;
  const error = await new Promise<unknown>((resolve) => {
    const probe = createServer();
    probe.once('error', resolve);
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
  return error === undefined ? undefined : describePortError(error, port, host);
}

/** The same line for a listen error that happens later (another process took the port meanwhile). */
export function describePortError(err: unknown, port: number, host: string): string | undefined {
  const other = port === 3001 ? 3002 : 3001;
  const choose = `choose another with PORT=${other} npm run local (PORT=0 picks a free one)`;
  switch (codeOf(err)) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use (another npm run local?); ${choose}`;
    case 'EACCES':
      return `port ${port} on ${host} needs privileges this user does not have; ${choose}`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${host}:${port}: ${host} is not an address of this machine; set HOST, or ${choose}`;
    default:
      return undefined;
  }
}
