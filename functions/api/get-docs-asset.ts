/**
 * GET /docs/{asset} (no API key): the Swagger UI page's static files (a fixed list; anything else
 * is a 404), gzipped when the client accepts it. Versioned by the package, so cacheable for a day.
 */
import { NotFoundError } from '../../shared/errors.ts';
import { parseHeader } from '../../shared/http/inputs.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { acceptEncodingSchema, docsAsset } from '../../shared/openapi/swagger-ui.ts';

export const handler = routeHandler('get-docs-asset', async ({ event, header }) => {
  const name = event.pathParameters?.asset ?? '';
  const file = docsAsset(name);
  if (!file) throw new NotFoundError(`No docs file named "${name.slice(0, 100)}"`, 'asset');
  const accepted = parseHeader(acceptEncodingSchema, header('Accept-Encoding'), 'Accept-Encoding');
  const gzip = /\bgzip\b/i.test(accepted ?? '');
  return {
    statusCode: 200,
    headers: {
      'Content-Type': file.contentType,
      'Cache-Control': 'public, max-age=86400',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    },
    body: (gzip ? file.gzipped : file.body).toString('base64'),
    isBase64Encoded: true,
  };
});
