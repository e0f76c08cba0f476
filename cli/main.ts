/** The CLI's entry: runs the command line and maps what happened to an exit code (exit-codes.ts). */
import { CommanderError } from 'commander';
import { TaskforgeApiError } from '../client/index.ts';
import { EXIT } from './exit-codes.ts';
import { writeError, writeProblem } from './output.ts';
import { buildProgram } from './program.ts';

function connectionProblem(err: unknown): string | undefined {
  if (!(err instanceof TypeError) || err.message !== 'fetch failed') return undefined;
  const cause = err.cause as { code?: string; message?: string } | undefined;
  return cause?.message ?? cause?.code ?? 'connection failed';
}

export async function main(argv: string[]): Promise<number> {
  // Output piped into `head` and the like: stop quietly once the reader is gone.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT.ok);
    throw err;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    // Usage errors and help were printed by commander already.
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const json = program.opts<{ json?: boolean }>().json === true;
    if (err instanceof TaskforgeApiError) {
      writeProblem(err.status, err.problem, json);
      return EXIT.error;
    }
    const unreachable = connectionProblem(err);
    if (unreachable) {
      writeError(`cannot reach ${program.opts<{ url: string }>().url}: ${unreachable}`);
      return EXIT.error;
    }
    writeError(err instanceof Error ? err.message : String(err));
    return EXIT.error;
  }
}
