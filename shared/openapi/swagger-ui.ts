/**
 * The Swagger UI page at `/docs`, served from the `swagger-ui-dist` npm package (no CDN). The
 * package's files are read at run time from, in order: `SWAGGER_UI_DIST_DIR`; a `swagger-ui-dist`
 * folder next to the running bundle (where the CDK bundling's afterBundling hook copies the few
 * files listed in `swagger-ui-files.ts`); the installed package (local runtime and tests). Each file
 * is read once per process and kept with its gzip form.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as z from 'zod';
import { SWAGGER_UI_BUNDLED_DIR, SWAGGER_UI_FILES } from './swagger-ui-files.ts';

/** Our own initializer, a file rather than an inline script so the page's CSP can forbid inline scripts. */
export const INITIALIZER_FILE = 'taskforge-init.js';

const INITIALIZER = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    displayRequestDuration: true,
    persistAuthorization: false,
  });
});
`;

export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Taskforge API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="stylesheet" href="/docs/index.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
  <link rel="icon" type="image/png" href="/docs/favicon-16x16.png" sizes="16x16">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js" charset="UTF-8"></script>
  <script src="/docs/${INITIALIZER_FILE}" charset="UTF-8"></script>
</body>
</html>
`;

/** `Accept-Encoding` of `GET /docs/{asset}`: any value; with gzip in it, the file comes gzipped. */
export const acceptEncodingSchema = z.string().max(4096);

/** Every file name `GET /docs/{asset}` serves. */
export const DOCS_ASSET_NAMES = [INITIALIZER_FILE, ...Object.keys(SWAGGER_UI_FILES)] as [string, ...string[]];

/** Swagger UI sets inline styles and loads images as data: URLs; scripts come only from here. */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

export interface StaticFile {
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
}

function distDir(): string {
  const fromEnv = process.env.SWAGGER_UI_DIST_DIR;
  if (fromEnv) return fromEnv;
  const bundled = join(dirname(fileURLToPath(import.meta.url)), SWAGGER_UI_BUNDLED_DIR);
  if (existsSync(join(bundled, 'swagger-ui-bundle.js'))) return bundled;
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

const files = new Map<string, StaticFile>();

function staticFile(contentType: string, body: Buffer): StaticFile {
  return { contentType, body, gzipped: gzipSync(body) };
}

/** A file of the docs page by name, or undefined when it is not one of ours. */
export function docsAsset(name: string): StaticFile | undefined {
  const cached = files.get(name);
  if (cached) return cached;
  let file: StaticFile | undefined;
  if (name === INITIALIZER_FILE) {
    file = staticFile('text/javascript; charset=utf-8', Buffer.from(INITIALIZER, 'utf8'));
  } else if (Object.hasOwn(SWAGGER_UI_FILES, name)) {
    file = staticFile(SWAGGER_UI_FILES[name]!, readFileSync(join(distDir(), name)));
  }
  if (file) files.set(name, file);
  return file;
}
