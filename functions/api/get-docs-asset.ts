/**
 * GET /docs/{asset} (no API key): the Swagger UI page's static files (a fixed list; anything else
 * is a 404), gzipped when the client accepts it. Versioned by the package, so cacheable for a day.
 */
import { NotFoundError } from '../../shared/errors.ts';
import { parseHeader } from '../../shared/http/inputs.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { staticFileResponse } from '../../shared/http/static-file-response.ts';
import { acceptEncodingSchema, docsAsset } from '../../shared/openapi/swagger-ui.ts';

export const handler = routeHandler('get-docs-asset', async ({ event, header }) => {
  const name = event.pathParameters?.asset ?? '';
  const file = docsAsset(name);
  if (!file) throw new NotFoundError(`No docs file named "${name.slice(0, 100)}"`, 'asset');
  const accepted = parseHeader(acceptEncodingSchema, header('Accept-Encoding'), 'Accept-Encoding');
  return staticFileResponse(file, accepted, { 'Cache-Control': 'public, max-age=86400' });
});
