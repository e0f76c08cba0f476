/**
 * Per-file (or per-test) fixtures: `const testDb = useTestDatabase()` at the top of a file
 * registers the beforeAll/afterAll pair and returns a handle that reads through to the value
 * while the tests run. Teardown runs after the file's own after-hooks (after-hooks run in
 * reverse order), so a file's afterAll can still use the fixture.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startTestQueues, type TestQueues } from './sqs-emulator.ts';
import { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './test-database.ts';

export interface FixtureOptions {
  /** `each`: a new value for every test (beforeEach/afterEach); default once per file. */
  scope?: 'file' | 'each';
}

/** An object that forwards every read to `current()`, methods bound to it. */
function forward<T extends object>(current: (key: PropertyKey) => T): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const value = current(key);
      const member: unknown = Reflect.get(value, key, value);
      return typeof member === 'function' ? member.bind(value) : member;
    },
    set(_target, key, member) {
      return Reflect.set(current(key), key, member);
    },
    has(_target, key) {
      return Reflect.has(current(key), key);
    },
  });
}

/**
 * A value set up before the tests and torn down after them, read through the returned handle.
 * Teardown is skipped when setup failed (there is nothing to tear down).
 */
export function fixture<T extends object>(
  name: string,
  setup: () => Promise<T>,
  teardown: (value: T) => Promise<unknown> | undefined,
  options: FixtureOptions = {},
): T {
  let value: T | undefined;
  const each = options.scope === 'each';
  (each ? beforeEach : beforeAll)(async () => {
    value = await setup();
  });
  (each ? afterEach : afterAll)(async () => {
    const done = value;
    value = undefined;
    if (done !== undefined) await teardown(done);
  });
  return forward((key) => {
    if (value === undefined) {
      throw new Error(`${name} is not set up: read .${String(key)} inside a test or hook, not at file level`);
    }
    return value;
  });
}

/** One handle per part of a fixture made of several, so that a file can destructure them. */
export function parts<T extends { [K in keyof T]: object }>(whole: T, names: readonly (keyof T)[]): T {
  return Object.fromEntries(names.map((name) => [name, forward(() => whole[name])])) as unknown as T;
}

/** A fresh database cloned from the run's migrated template, dropped afterwards. */
export function useTestDatabase(
  options: number | TestDatabaseOptions = {},
  fixtureOptions: FixtureOptions = {},
): TestDatabase {
  return fixture(
    'the test database',
    () => createTestDatabase(options),
    (testDb) => testDb.drop(),
    fixtureOptions,
  );
}

export interface DatabaseAndQueues {
  testDb: TestDatabase;
  sqs: TestQueues;
  /** Stops the queues and starts new ones with `options`; they are torn down like the first. */
  replaceQueues(options: Parameters<typeof startTestQueues>[0]): Promise<void>;
}

/** A fresh database and this test's own SQS queues, set up side by side (relay, worker, sweeper tests). */
export function useDatabaseAndQueues(options: FixtureOptions = {}): DatabaseAndQueues {
  const whole = fixture(
    'the test database and queues',
    async () => {
      const [testDb, sqs] = await Promise.all([createTestDatabase(), startTestQueues()]);
      return { testDb, sqs };
    },
    ({ testDb, sqs }) => Promise.all([testDb.drop(), sqs.stop()]),
    options,
  );
  return {
    ...parts(whole, ['testDb', 'sqs']),
    async replaceQueues(queueOptions) {
      await whole.sqs.stop();
      whole.sqs = await startTestQueues(queueOptions);
    },
  };
}
