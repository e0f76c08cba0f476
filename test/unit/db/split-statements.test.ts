import { describe, expect, it } from 'vitest';
import { loadMigrations, splitStatements } from '../../../shared/db/migrate.ts';

describe('splitStatements', () => {
  it('splits on a semicolon at the end of a line and drops comment lines', () => {
    const sql = '-- header\nCREATE TABLE a (x int);\n\n-- note\nCREATE INDEX a_x ON a (x);\n';
    expect(splitStatements(sql)).toEqual(['CREATE TABLE a (x int)', 'CREATE INDEX a_x ON a (x)']);
  });

  it('keeps a multi-line statement whole', () => {
    expect(splitStatements('CREATE TABLE b (\n  y int,\n  z text\n);')).toEqual([
      'CREATE TABLE b (\n  y int,\n  z text\n)',
    ]);
  });
});

describe('loadMigrations', () => {
  it('loads the numbered files in order, one statement per call', async () => {
    const migrations = await loadMigrations();
    expect(migrations[0]?.version).toBe(1);
    expect(migrations.map((m) => m.version)).toEqual(
      [...migrations.map((m) => m.version)].sort((a, b) => a - b),
    );
    // A semicolon may only end a statement, except inside a dollar-quoted function body.
    for (const m of migrations)
      for (const s of m.statements) expect(s.replace(/\$\$[\s\S]*?\$\$/g, '$$$$')).not.toMatch(/;\s*\S/);
  });
});
