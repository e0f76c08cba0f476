/**
 * The web dashboard at `/dashboard`: one HTML page that loads `app.js` (Preact + htm + uPlot,
 * bundled by esbuild from `dashboard/src`) and two stylesheets. The page holds no data: the app
 * calls the public API with the credentials the user types in (kept in sessionStorage, sent as
 * headers, never in a URL). Files are looked for, in order: those handed over by the local
 * runtime (`provideDashboardFiles`, built in memory at its start); `DASHBOARD_DIST_DIR`; a
 * `dashboard` folder beside the running bundle (the CDK bundling copies them there); the
 * repository (`DASHBOARD_SOURCES`, for `app.js` only after a build). Each is read once per process
 * and kept with its gzip form.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { StaticFile } from '../openapi/swagger-ui.ts';
import { DASHBOARD_BUNDLED_DIR, DASHBOARD_FILES, DASHBOARD_SOURCES } from './dashboard-files.ts';

export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Taskforge dashboard</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/dashboard/uPlot.min.css">
  <link rel="stylesheet" href="/dashboard/app.css">
</head>
<body>
  <div id="app"><p class="boot">Loading…</p></div>
  <script type="module" src="/dashboard/app.js"></script>
</body>
</html>
`;

/**
 * Scripts and styles only from here (no inline script; uPlot sizes its canvas with inline
 * styles), API calls only to this origin, never framed.
 */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Every file name `GET /dashboard/{asset}` serves. */
export const DASHBOARD_ASSET_NAMES = Object.keys(DASHBOARD_FILES) as [string, ...string[]];

const files = new Map<string, StaticFile>();

/** The local runtime's in-memory build (`buildDashboard()`): served before anything on disk. */
export function provideDashboardFiles(built: Record<string, Buffer>): void {
  for (const [name, body] of Object.entries(built)) {
    const contentType = DASHBOARD_FILES[name];
    if (contentType) files.set(name, { contentType, body, gzipped: gzipSync(body) });
  }
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function candidates(name: string): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const fromEnv = process.env.DASHBOARD_DIST_DIR;
  return [
    ...(fromEnv ? [join(fromEnv, name)] : []),
    join(here, DASHBOARD_BUNDLED_DIR, name),
    join(repoRoot, DASHBOARD_SOURCES[name]!),
  ];
}

/** A dashboard file by name; undefined when it is not one of ours or was never built. */
export function dashboardAsset(name: string): StaticFile | undefined {
  const cached = files.get(name);
  if (cached) return cached;
  if (!Object.hasOwn(DASHBOARD_FILES, name)) return undefined;
  const path = candidates(name).find((candidate) => existsSync(candidate));
  if (!path) return undefined;
  const body = readFileSync(path);
  const file = { contentType: DASHBOARD_FILES[name]!, body, gzipped: gzipSync(body) };
  files.set(name, file);
  return file;
}
