/**
 * GET /dashboard/{asset} (no API key): the dashboard's script and stylesheets (a fixed list;
 * anything else is a 404), gzipped when the client accepts it. They change with each deploy, so
 * they are cached for five minutes and revalidated rather than for a day.
 */
import { DASHBOARD_CSP, dashboardAsset } from '../../shared/dashboard/dashboard-page.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { parseHeader } from '../../shared/http/inputs.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';
import { staticFileResponse } from '../../shared/http/static-file-response.ts';
import { acceptEncodingSchema } from '../../shared/openapi/swagger-ui.ts';

export const handler = routeHandler('get-dashboard-asset', async ({ event, header }) => {
  const name = event.pathParameters?.asset ?? '';
  const file = dashboardAsset(name);
  if (!file) throw new NotFoundError(`No dashboard file named "${name.slice(0, 100)}"`, 'asset');
  const accepted = parseHeader(acceptEncodingSchema, header('Accept-Encoding'), 'Accept-Encoding');
  return staticFileResponse(file, accepted, {
    'Cache-Control': 'public, max-age=300, must-revalidate',
    'Content-Security-Policy': DASHBOARD_CSP,
  });
});
