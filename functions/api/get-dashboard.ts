/** GET /dashboard (no API key): the web dashboard's page; the app signs in with the user's key. */

import { DASHBOARD_CSP, DASHBOARD_HTML } from '../../shared/dashboard/dashboard-page.ts';
import { routeHandler } from '../../shared/http/route-handler.ts';

export const handler = routeHandler('get-dashboard', async () => ({
  statusCode: 200,
  headers: {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'public, max-age=300',
    'Content-Security-Policy': DASHBOARD_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  },
  body: DASHBOARD_HTML,
}));
