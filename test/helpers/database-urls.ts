/**
 * The PostgreSQL server the tests use: TEST_DATABASE_URL's server (inside a test run, the one
 * the global setup found or started, see test/setup/test-services.ts), or the local default.
 */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function adminUrl(): string {
  return databaseUrl('postgres');
}
