import { z } from 'zod';
import type { TaskType } from './task-type.ts';

const payloadSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2048),
  body: z.json().optional(),
  headers: z.record(z.string().max(256), z.string().max(4096)).optional(),
  timeoutSeconds: z.number().min(1).max(60).optional(),
});

// Placeholder handler until the SSRF-guarded HTTP client lands; see webhook-client.ts.
export const webhook: TaskType<z.infer<typeof payloadSchema>> = {
  name: 'webhook',
  description: 'POSTs `body` as JSON to `url`.',
  payloadSchema,
  async handler() {
    throw new Error('webhook handler not implemented yet');
  },
};
