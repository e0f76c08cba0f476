/** GET /openapi.json (no API key): the OpenAPI 3.1 document, generated from the request schemas. */
import { routeHandler } from '../../shared/http/route-handler.ts';
import { openApiDocument } from '../../shared/openapi/openapi-document.ts';
import { getTaskDefaults } from '../../shared/process-deps.ts';

export const handler = routeHandler('get-openapi', async () => ({
  statusCode: 200,
  headers: {
    'Content-Type': 'application/json',
    'Cache-Control': 'public, max-age=300',
    'Access-Control-Allow-Origin': '*',
  },
  body: JSON.stringify(openApiDocument(getTaskDefaults())),
}));
