/**
 * The `swagger-ui-dist` files the docs page uses, apart from the code that serves them
 * (`swagger-ui.ts`), so that the route table can ship them with the docs-asset function without
 * every importer of the table loading that code.
 */

/** The package files the page uses, with their media types. */
export const SWAGGER_UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** The folder beside a function's bundle where the files are shipped and looked for. */
export const SWAGGER_UI_BUNDLED_DIR = 'swagger-ui-dist';
