/** The response of a static file route (docs and dashboard assets): gzipped when the client accepts it. */
import type { StaticFile } from '../openapi/swagger-ui.ts';
import type { ApiResult } from './responses.ts';

/**
 * `file` as a 200, base64 as API Gateway wants binary bodies, with `headers` (cache policy, CSP)
 * on top of the content type, `nosniff` and `Vary: Accept-Encoding`.
 */
export function staticFileResponse(
  file: StaticFile,
  acceptEncoding: string | undefined,
  headers: Record<string, string>,
): ApiResult {
  const gzip = /\bgzip\b/i.test(acceptEncoding ?? '');
  return {
    statusCode: 200,
    headers: {
      'Content-Type': file.contentType,
      ...headers,
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    },
    body: (gzip ? file.gzipped : file.body).toString('base64'),
    isBase64Encoded: true,
  };
}
