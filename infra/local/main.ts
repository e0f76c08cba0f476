/**
 * `npm run local`: the whole system on this machine (see runtime.ts). Prints one JSON line with
 * the API's URL, the dev API key, the local operator token, the queues and a curl example once
 * everything runs; Ctrl-C or
 * SIGTERM stops it gracefully, and a second one (more than a second later) stops it at once,
 * releasing the tasks it abandons so they can be claimed again right away. The database is chosen
 * by `local-database.ts` (DATABASE_URL, else this checkout's own on 127.0.0.1:5432, else an
 * embedded PostgreSQL this process starts first and stops last).
 *
 * Run by node itself (`node --import tsx`), not through a wrapper process: a wrapper that relays
 * signals may kill its child when the child's event loop is too busy to acknowledge them, which
 * made a SIGTERM end the runtime without its graceful stop.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../../shared/errors.ts';
import { type LocalConfig, localConfig } from './local-config.ts';
import type { LocalDatabase } from './local-database.ts';
import { describePortError, portProblem } from './port-check.ts';
import type { LocalRuntime } from './runtime.ts';

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
const { chooseLocalDatabase, redactUrl } = await import('./local-database.ts');
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

let runtime: LocalRuntime | undefined;
let database: LocalDatabase | undefined;

/** Stops the embedded PostgreSQL, when this process started one, after the runtime has let go of it. */
async function stopEmbeddedPostgres(): Promise<void> {
  try {
    await database?.embedded?.stop();
  } catch (err) {
    logger.error('the embedded PostgreSQL did not stop', { error: err as Error });
  }
}

let stoppingSince: number | undefined;
let forcing = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (!runtime) {
    // Still starting: stop what has been started (the embedded PostgreSQL runs in a session of
    // its own, so it would outlive this process) and leave.
    if (stoppingSince !== undefined) return;
    stoppingSince = Date.now();
    logger.info('stopping during start-up', { signal });
    await stopEmbeddedPostgres();
    process.exit(130);
  }
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
      await stopEmbeddedPostgres();
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
    await stopEmbeddedPostgres();
    logger.info('stopped');
    process.exit(0);
  } catch (err) {
    logger.error('graceful stop failed', { error: err as Error });
    await stopEmbeddedPostgres();
    process.exit(1);
  }
}
process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));

try {
  const startedAt = performance.now();
  database = await chooseLocalDatabase(config, logger);
  // Once, before anything else uses it: which database, and how to use another.
  logger.info(database.description, {
    database: redactUrl(database.url),
    source: database.source,
    ...(database.embedded
      ? {
          embeddedDir: database.embedded.dir,
          embeddedCreated: database.embedded.created,
          embeddedStartMs: Math.round(performance.now() - startedAt),
        }
      : {}),
  });
  const { key, source } = await devApiKey();
  const admin = await localAdminToken(config.adminToken);
  runtime = await startLocalRuntime({
    ...config,
    databaseUrl: database.url,
    apiKey: key,
    adminToken: admin.token,
    logger,
  });
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
    startMs: Math.round(performance.now() - startedAt),
    curl: `curl -s -X POST ${runtime.url}/v1/tasks -H 'X-API-Key: ${runtime.apiKey}' -H 'Content-Type: application/json' -d '${body}'`,
  });
} catch (err) {
  await stopEmbeddedPostgres();
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
