/**
 * How the CLI prints: human tables and field lists by default, JSON with `--json`; errors on
 * stderr with the problem's title, detail and field.
 */
import { styleText } from 'node:util';
import Table from 'cli-table3';
import type { Problem } from '../client/index.ts';

export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** One JSON value per line (`watch --json`). */
export function writeJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export function writeLine(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Columns aligned with two spaces, no borders. */
export function writeTable(head: string[], rows: (string | number | null | undefined)[][]): void {
  if (rows.length === 0) {
    writeLine(styleText('dim', '(none)'));
    return;
  }
  const table = new Table({
    head: head.map((h) => styleText('bold', h)),
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const row of rows)
    table.push(row.map((cell) => (cell === null || cell === undefined ? '-' : String(cell))));
  writeLine(
    table
      .toString()
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n'),
  );
}

/** `label  value` lines, skipping absent values. */
export function writeFields(fields: [string, string | number | null | undefined][]): void {
  const present = fields.filter((f): f is [string, string | number] => f[1] !== null && f[1] !== undefined);
  const width = Math.max(...present.map(([label]) => label.length));
  for (const [label, value] of present) writeLine(`${styleText('dim', label.padEnd(width))}  ${value}`);
}

/** JSON on one line, cut to `max` characters. */
export function compactJson(value: unknown, max = 200): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function writeError(message: string): void {
  process.stderr.write(`${styleText('red', 'error:', { stream: process.stderr })} ${message}\n`);
}

/** A problem+json answer: its title and status, detail, field, the other invalid fields and the correlation id. */
export function writeProblem(status: number, problem: Problem | undefined, json: boolean): void {
  if (json) {
    process.stderr.write(`${JSON.stringify(problem ?? { status })}\n`);
    return;
  }
  if (!problem) {
    writeError(`HTTP ${status}`);
    return;
  }
  writeError(`${problem.title} (HTTP ${status})`);
  const lines = [problem.detail];
  if (problem.field) lines.push(`field: ${problem.field}`);
  for (const other of problem.errors ?? []) {
    if (other.field !== problem.field) lines.push(`also: ${other.field}: ${other.message}`);
  }
  if (problem.correlationId) lines.push(`correlation id: ${problem.correlationId}`);
  process.stderr.write(lines.map((line) => `  ${line}\n`).join(''));
}
