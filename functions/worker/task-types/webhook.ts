import { webhookConfig } from '../../../shared/config/worker.ts';
import { PermanentTaskError } from '../../../shared/errors.ts';
import type { TaskHandler } from './task-type.ts';
import { postJson, type WebhookResponse } from './webhook-client.ts';

const DEFAULT_TIMEOUT_SECONDS = 10;

/** A response status that may succeed if asked again later (RFC 9110: 408, 429 and 5xx); retryable. */
export class WebhookHttpError extends Error {
  readonly status: number;
  constructor(status: number, body: string) {
    super(`webhook answered ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
    this.name = 'WebhookHttpError';
    this.status = status;
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The body as JSON when it says it is JSON and arrived whole, else as text. */
function responseBody(response: WebhookResponse): unknown {
  if (!response.truncated && /\bjson\b/i.test(response.contentType ?? '')) {
    try {
      return JSON.parse(response.body);
    } catch {
      // A server that mislabels its body still gets its text recorded.
    }
  }
  return response.body;
}

/**
 * POSTs `body` as JSON to `url`. 2xx completes the task with `{ status, body, truncated }`;
 * 408, 429, 5xx, network errors and timeouts are retried; any other status fails the task at once,
 * as does a destination on a private network (unless WEBHOOK_ALLOW_PRIVATE_NETWORKS is set).
 * Redirects are not followed.
 */
export const webhook: TaskHandler<'webhook'> = async (
  { url, body, headers, timeoutSeconds },
  { signal, logger },
) => {
  const response = await postJson({
    url,
    body,
    headers,
    timeoutMs: (timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    signal,
    allowPrivateNetworks: webhookConfig().allowPrivateNetworks,
  });
  const { status } = response;
  logger.info('webhook: response', { status, truncated: response.truncated });
  if (status >= 200 && status < 300)
    return { status, body: responseBody(response), truncated: response.truncated };
  if (isRetryableStatus(status)) throw new WebhookHttpError(status, response.body);
  if (status >= 300 && status < 400)
    throw new PermanentTaskError(
      `webhook answered ${status} (redirect to ${response.location ?? 'nowhere'}); redirects are not followed`,
    );
  throw new PermanentTaskError(`webhook answered ${status}: ${response.body.slice(0, 200)}`);
};
