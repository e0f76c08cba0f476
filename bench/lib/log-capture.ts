/**
 * Keeps the runtime's JSON log lines out of the benchmark's tables: while capturing, lines written
 * to stdout/stderr that start with `{"level"` go to a log file next to the JSON report (so their
 * I/O is still paid) and are tallied by level and message; everything else passes through.
 */
import { createWriteStream, type WriteStream } from 'node:fs';

type Write = typeof process.stdout.write;

export interface LogTally {
  [levelAndMessage: string]: number;
}

let file: WriteStream | undefined;
let tally: LogTally = {};
/** Lines and bytes captured since the last `takeLogVolume()` (the cost model prices them). */
let volume = { lines: 0, bytes: 0 };
const originals = new Map<NodeJS.WriteStream, Write>();

function patch(stream: NodeJS.WriteStream): void {
  const original = stream.write.bind(stream) as Write;
  originals.set(stream, original);
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text =
      typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
    if (file && text?.startsWith('{"level"')) {
      const match = /^\{"level":"(\w+)","message":"((?:[^"\\]|\\.)*)"/.exec(text);
      const key = match ? `${match[1]} ${match[2]}` : 'unparsed';
      tally[key] = (tally[key] ?? 0) + 1;
      volume.lines += 1;
      volume.bytes += Buffer.byteLength(text);
      return file.write(text);
    }
    return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as Write;
}

export function startLogCapture(path: string): void {
  if (file) return;
  file = createWriteStream(path, { flags: 'a' });
  patch(process.stdout);
  patch(process.stderr);
}

/** The tally since the last call (and resets it). */
export function takeLogTally(): LogTally {
  const taken = tally;
  tally = {};
  return taken;
}

/** Lines and bytes captured since the last call (and resets them). */
export function takeLogVolume(): { lines: number; bytes: number } {
  const taken = volume;
  volume = { lines: 0, bytes: 0 };
  return taken;
}

export async function stopLogCapture(): Promise<void> {
  for (const [stream, original] of originals) stream.write = original;
  originals.clear();
  const f = file;
  file = undefined;
  if (f) await new Promise<void>((resolve) => f.end(resolve));
}
