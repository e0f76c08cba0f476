/** Plain-text tables (Markdown pipe syntax, so they paste into a README as they are). */

export type Cell = string | number | boolean | null | undefined;

export function formatCell(value: Cell): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '-';
    if (Number.isInteger(value)) return value.toLocaleString('en-US');
    const abs = Math.abs(value);
    const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
    return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  }
  return value;
}

/** Renders rows (objects with the same keys) as a Markdown table; numbers are right-aligned. */
export function renderTable(rows: readonly Record<string, Cell>[]): string {
  if (rows.length === 0) return '(no rows)';
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => columns.map((column) => formatCell(row[column])));
  const numeric = columns.map(
    (column) =>
      rows.some((row) => typeof row[column] === 'number') &&
      rows.every(
        (row) => typeof row[column] === 'number' || row[column] === undefined || row[column] === null,
      ),
  );
  const widths = columns.map((column, i) =>
    Math.max(column.length, 3, ...cells.map((row) => row[i]!.length)),
  );
  const line = (values: string[]) =>
    `| ${values.map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(columns), rule, ...cells.map(line)].join('\n');
}

export function printTable(title: string, rows: readonly Record<string, Cell>[], notes: string[] = []): void {
  console.log(`\n### ${title}\n`);
  console.log(renderTable(rows));
  for (const note of notes) console.log(`- ${note}`);
}
