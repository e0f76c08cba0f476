/**
 * `npm run local`: the whole system on this machine (see runtime.ts). Prints one JSON line with
 * the API's URL, the dev API key, the local operator token, the queues and a curl example once
 * everything runs; Ctrl-C or
 * SIGTERM stops it gracefully, and a second one (more than a second later) stops it at once,
 * releasing the tasks it abandons so they can be claimed again right away.
 *
 * Run by node itself (`node --import tsx`), not through a wrapper process: a wrapper that relays
 * signals may kill its child when the child's event loop is too busy to acknowledge them, which
 * made a SIGTERM end the runtime without its graceful stop.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../../shared/errors.ts';
import { type LocalConfig, localConfig } from './local-config.ts';
import { describePortError, portProblem } from './port-check.ts';

/** After the second signal, exit even if the forced stop has not finished by then. */
const FORCED_STOP_LIMIT_MS = 10_000;

function fail(message: string): never {
  process.stderr.write(`taskforge local: ${message}\n`);
  process.exit(1);
}

// The settings first (they import nothing that logs), then the port, before the database,
// emulators and migrations: a taken port is one line. Messages survive restarts, like the tasks
// in PostgreSQL; LOCAL_SQS_PERSIST=false keeps them in memory.
let config: LocalConfig;
try {
  config = localConfig(process.env, { sqsPersist: true });
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}
// Settings the Powertools Logger and Metrics read when their module loads, so they are set
// before anything imports it.
const env = process.env;
if (!config.metrics) env.POWERTOOLS_METRICS_DISABLED = 'true';
env.POWERTOOLS_LOG_LEVEL ??= 'INFO';
env.POWERTOOLS_SERVICE_NAME ??= 'taskforge';
const taken = await portProblem(config.port, config.host);
if (taken) fail(taken);

/** Where a generated dev API key is kept, so a restart keeps the same key (and tenant). */
const API_KEY_FILE = '.cache/local-api-key';

const { scopedLogger } = await import('../../shared/observability.ts');
const { generateApiKey } = await import('../../shared/tenants/tenant-store.ts');
const { LocalRuntimeError, startLocalRuntime } = await import('./runtime.ts');
const { localAdminToken } = await import('./local-admin-token.ts');
const logger = scopedLogger({ component: 'local-runtime' });

async function devApiKey(): Promise<{ key: string; source: string }> {
  if (config.apiKey) return { key: config.apiKey, source: 'LOCAL_API_KEY' };
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
  const admin = await localAdminToken(config.adminToken);
  runtime = await startLocalRuntime({ ...config, apiKey: key, adminToken: admin.token, logger });
  const body = JSON.stringify({ type: 'echo', payload: { hello: 'world' } });
  logger.info('Taskforge local runtime ready', {
    url: runtime.url,
    apiKey: runtime.apiKey,
    apiKeySource: source,
    adminToken: runtime.adminToken,
    adminTokenSource: admin.source,
    tenantId: runtime.tenantId,
    sqsEndpoint: runtime.sqsEndpoint,
    queues: runtime.queues,
    curl: `curl -s -X POST ${runtime.url}/v1/tasks -H 'X-API-Key: ${runtime.apiKey}' -H 'Content-Type: application/json' -d '${body}'`,
  });
} catch (err) {
  // Someone took the port after the check above.
  const portInUse = describePortError(err, config.port, config.host);
  if (portInUse) fail(portInUse);
  if (err instanceof LocalRuntimeError) {
    process.stderr.write(`\ntaskforge local: ${err.message}\n\n`);
  } else {
    logger.error('local runtime failed to start', { error: err as Error });
  }
  process.exit(1);
}

let stoppingSince: number | undefined;
let forcing = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stoppingSince !== undefined) {
    // Ctrl-C reaches this process twice (from the terminal's process group and relayed by npm):
    // only a signal well after the first means "force".
    if (Date.now() - stoppingSince < 1000) return;
    if (forcing) process.exit(130);
    forcing = true;
    logger.warn(
      'second signal: stopping now; running tasks are released so they can be claimed again at once',
      {
        signal,
      },
    );
    setTimeout(() => {
      logger.error('forced stop did not finish in time; exiting', { limitMs: FORCED_STOP_LIMIT_MS });
      process.exit(130);
    }, FORCED_STOP_LIMIT_MS).unref();
    try {
      await runtime.stop({ force: true });
      logger.info('stopped (forced)');
    } catch (err) {
      logger.error('forced stop failed', { error: err as Error });
    }
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
