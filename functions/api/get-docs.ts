/** GET /docs (no API key): Swagger UI for `/openapi.json`, served from the swagger-ui-dist package. */
import { routeHandler } from '../../shared/http/route-handler.ts';
import { DOCS_CSP, DOCS_HTML } from '../../shared/openapi/swagger-ui.ts';

export const handler = routeHandler('get-docs', async () => ({
  statusCode: 200,
  headers: {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'public, max-age=300',
    'Content-Security-Policy': DOCS_CSP,
    'X-Content-Type-Options': 'nosniff',
  },
  body: DOCS_HTML,
}));
