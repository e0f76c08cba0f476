/**
 * Connection pools, one per database of the server the emulator points at: like the service,
 * each call names its `database` (else the one in the emulator's URL).
 */
import pg from 'pg';
import { describePgFailure, isConnectionFailure } from '../../../shared/db/pg-errors.ts';
import { sqlError } from './sql-error.ts';
import { DataApiException, type ExceptionName } from './wire.ts';

/** The server process of a connection (pg sets it at runtime; its typings leave it out). */
export function backendPid(client: pg.PoolClient): number {
  return (client as unknown as { processID?: number }).processID ?? 0;
}

export class Connections {
  private readonly pools = new Map<string, pg.Pool>();
  private readonly baseUrl: URL;
  readonly defaultDatabase: string;

  constructor(
    databaseUrl: string,
    private readonly poolSize: number,
    private readonly sqlErrorType: ExceptionName,
  ) {
    this.baseUrl = new URL(databaseUrl);
    this.defaultDatabase = decodeURIComponent(this.baseUrl.pathname.slice(1)) || 'postgres';
  }

  pool(database: string | undefined): pg.Pool {
    const name = database || this.defaultDatabase;
    let pool = this.pools.get(name);
    if (!pool) {
      const url = new URL(this.baseUrl);
      url.pathname = `/${encodeURIComponent(name)}`;
      pool = new pg.Pool({
        connectionString: url.toString(),
        max: this.poolSize,
        idleTimeoutMillis: 30_000,
        // A server that does not answer becomes DatabaseUnavailableException, not a hung call.
        connectionTimeoutMillis: 5_000,
        // Aurora's default cluster time zone; TIMESTAMP-hinted parameters are UTC wall-clock.
        options: '-c TimeZone=UTC',
      });
      pool.on('error', () => undefined);
      // A checked-out client whose connection breaks emits `error`; without a listener that
      // would crash the process. Its statement fails with the same error and is answered.
      pool.on('connect', (client) => client.on('error', () => undefined));
      this.pools.set(name, pool);
    }
    return pool;
  }

  async connect(database: string | undefined): Promise<pg.PoolClient> {
    try {
      return await this.pool(database).connect();
    } catch (err) {
      // No connection, so nothing ran: what the service answers while the writer is down.
      if (isConnectionFailure(err)) {
        throw new DataApiException(
          'DatabaseUnavailableException',
          `The database is unavailable: ${describePgFailure(err)}`,
        );
      }
      throw sqlError(err, this.sqlErrorType);
    }
  }

  async cancelBackend(database: string | undefined, client: pg.PoolClient): Promise<void> {
    if (backendPid(client)) {
      await this.pool(database)
        .query('SELECT pg_cancel_backend($1)', [backendPid(client)])
        .catch(() => undefined);
    }
  }

  async end(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.end()));
    this.pools.clear();
  }
}
