/**
 * A local runtime in a process of its own, for tests that kill it (`kill -9`) and start it again.
 * Configured by the environment like `npm run local`; prints one JSON line with `ready: true`,
 * the URL and the API key once it serves requests. SIGTERM stops it gracefully.
 */
import { startLocalRuntime } from '../../infra/local/runtime.ts';

const runtime = await startLocalRuntime({ port: 0 });
process.stdout.write(
  `${JSON.stringify({ ready: true, url: runtime.url, apiKey: runtime.apiKey, tenantId: runtime.tenantId })}\n`,
);
process.once('SIGTERM', () => {
  void runtime.stop().finally(() => process.exit(0));
});
