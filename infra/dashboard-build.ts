/**
 * Builds the dashboard's `app.js` from `dashboard/src` with esbuild (a devDependency, like the
 * CDK's own bundling): in memory at the local runtime's start, or into `DASHBOARD_BUILD_DIR`
 * before the CDK synth ships it. Minified ES module for current browsers; Preact, htm and uPlot
 * are bundled in, so the page loads nothing from elsewhere. Nothing built is committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { DASHBOARD_BUILD_DIR } from '../shared/dashboard/dashboard-files.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `app.js`, bundled and minified (~100 ms). */
export function buildDashboard(): Record<string, Buffer> {
  const result = buildSync({
    entryPoints: [join(repoRoot, 'dashboard/src/main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    write: false,
    outfile: 'app.js',
    logLevel: 'silent',
  });
  const app = result.outputFiles.find((file) => file.path.endsWith('app.js'));
  if (!app) throw new Error('dashboard build produced no app.js');
  return { 'app.js': Buffer.from(app.contents) };
}

/** Builds into `DASHBOARD_BUILD_DIR` (relative to the repository), where the synth ships it from. */
export function writeDashboardBuild(): string {
  const dir = join(repoRoot, DASHBOARD_BUILD_DIR);
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(buildDashboard())) writeFileSync(join(dir, name), body);
  return dir;
}
