/**
 * The dashboard's static files (`/dashboard/{asset}`), apart from the code that serves them
 * (`dashboard-page.ts`), so that the route table can ship them with the function without every
 * importer of the table loading that code. `app.js` is built by esbuild from `dashboard/src`
 * (`infra/dashboard-build.ts`): at the local runtime's start (in memory) and before the CDK synth
 * (into `DASHBOARD_BUILD_DIR`); nothing built is committed.
 */

/** The files the page loads, with their media types. */
export const DASHBOARD_FILES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'uPlot.min.css': 'text/css; charset=utf-8',
};

/** Where each file comes from, relative to the repository root (the built one from the synth's build). */
export const DASHBOARD_BUILD_DIR = '.cache/dashboard';
export const DASHBOARD_SOURCES: Record<string, string> = {
  'app.js': `${DASHBOARD_BUILD_DIR}/app.js`,
  'app.css': 'dashboard/app.css',
  'uPlot.min.css': 'node_modules/uplot/dist/uPlot.min.css',
};

/** The folder beside a function's bundle where the files are shipped and looked for. */
export const DASHBOARD_BUNDLED_DIR = 'dashboard';
