/**
 * `npm run local`: the whole system on this machine (see runtime.ts). Prints one JSON line with
 * the API's URL, the dev API key, the queues and a curl example once everything runs; Ctrl-C or
 * SIGTERM stops it gracefully (a second Ctrl-C exits at once).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readBoolean } from '../../shared/config.ts';

const env = process.env;
// Settings the Powertools Logger and Metrics read when their module loads, so they are set
// before anything imports it. EMF metrics would flood the console locally: off unless asked for.
if (!readBoolean(env, 'LOCAL_METRICS', false)) env.POWERTOOLS_METRICS_DISABLED = 'true';
env.POWERTOOLS_LOG_LEVEL ??= 'INFO';
env.POWERTOOLS_SERVICE_NAME ??= 'taskforge';
// Messages survive restarts, like the tasks in PostgreSQL; LOCAL_SQS_PERSIST=false keeps them in memory.
env.LOCAL_SQS_PERSIST ??= 'true';

/** Where a generated dev API key is kept, so a restart keeps the same key (and tenant). */
const API_KEY_FILE = '.cache/local-api-key';

const { scopedLogger } = await import('../../shared/observability.ts');
const { generateApiKey } = await import('../../shared/tenants/tenant-store.ts');
const { LocalRuntimeError, startLocalRuntime } = await import('./runtime.ts');
const logger = scopedLogger({ component: 'local-runtime' });

async function devApiKey(): Promise<{ key: string; source: string }> {
  if (env.LOCAL_API_KEY) return { key: env.LOCAL_API_KEY, source: 'LOCAL_API_KEY' };
  try {
    const saved = (await readFile(API_KEY_FILE, 'utf8')).trim();
    if (saved) return { key: saved, source: API_KEY_FILE };
  } catch {
    // No saved key yet.
  }
  const key = generateApiKey();
  await mkdir(dirname(API_KEY_FILE), { recursive: true });
  await writeFile(API_KEY_FILE, `${key}\n`, { mode: 0o600 });
  return { key, source: `generated, saved in ${API_KEY_FILE}` };
}

let runtime: Awaited<ReturnType<typeof startLocalRuntime>>;
try {
  const { key, source } = await devApiKey();
  runtime = await startLocalRuntime({ apiKey: key, logger });
  const body = JSON.stringify({ type: 'echo', payload: { hello: 'world' } });
  logger.info('Taskforge local runtime ready', {
    url: runtime.url,
    apiKey: runtime.apiKey,
    apiKeySource: source,
    tenantId: runtime.tenantId,
    sqsEndpoint: runtime.sqsEndpoint,
    queues: runtime.queues,
    curl: `curl -s -X POST ${runtime.url}/v1/tasks -H 'X-API-Key: ${runtime.apiKey}' -H 'Content-Type: application/json' -d '${body}'`,
  });
} catch (err) {
  if (err instanceof LocalRuntimeError) {
    process.stderr.write(`\ntaskforge local: ${err.message}\n\n`);
  } else {
    logger.error('local runtime failed to start', { error: err as Error });
  }
  process.exit(1);
}

let stoppingSince: number | undefined;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stoppingSince !== undefined) {
    // Ctrl-C reaches this process twice (from the terminal's process group and relayed by the
    // npm/tsx parents): only a signal well after the first means "force".
    if (Date.now() - stoppingSince < 1000) return;
    logger.warn('second signal: exiting without waiting for in-flight work', { signal });
    process.exit(130);
  }
  stoppingSince = Date.now();
  logger.info('stopping: finishing in-flight requests and tasks (Ctrl-C again to force)', { signal });
  try {
    await runtime.stop();
    logger.info('stopped');
    process.exit(0);
  } catch (err) {
    logger.error('graceful stop failed', { error: err as Error });
    process.exit(1);
  }
}
process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));
