/**
 * Process-wide dependencies of the Lambda handlers, created on first use from the environment
 * (as a Lambda cold start does) and replaceable by the local runtime and tests.
 */
import { databaseConfig, type QueueConfig, queueConfig, type TaskDefaults, taskDefaults } from './config.ts';
import { createDatabase } from './db/connect.ts';
import type { Database } from './db/database.ts';

let database: Database | undefined;
let queues: QueueConfig | undefined;
let defaults: TaskDefaults | undefined;

export function getDatabase(): Database {
  database ??= createDatabase(databaseConfig());
  return database;
}

export function getQueueConfig(): QueueConfig {
  queues ??= queueConfig();
  return queues;
}

export function getTaskDefaults(): TaskDefaults {
  defaults ??= taskDefaults();
  return defaults;
}

/** Overrides for the local runtime and tests; anything not given is read from the environment. */
export function configureRuntime(overrides: {
  database?: Database;
  queues?: QueueConfig;
  taskDefaults?: TaskDefaults;
}): void {
  if (overrides.database) database = overrides.database;
  if (overrides.queues) queues = overrides.queues;
  if (overrides.taskDefaults) defaults = overrides.taskDefaults;
}

/** Closes and forgets everything (tests, graceful shutdown). */
export async function resetRuntime(): Promise<void> {
  const db = database;
  database = undefined;
  queues = undefined;
  defaults = undefined;
  await db?.close();
}
