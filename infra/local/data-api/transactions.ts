/**
 * Transactions as the service keeps them: each on its own connection, one call at a time
 * ("Transaction is still running a query"), rolled back and forgotten after an idle period.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Connections } from './connections.ts';
import { sqlError } from './sql-error.ts';
import { DataApiException, type ExceptionName, type TransactionRequest } from './wire.ts';

export interface Transaction {
  id: string;
  client: pg.PoolClient;
  busy: boolean;
  timer: NodeJS.Timeout;
}

export class Transactions {
  private readonly open = new Map<string, Transaction>();

  constructor(
    private readonly connections: Connections,
    private readonly idleMs: number,
    private readonly sqlErrorType: ExceptionName,
  ) {}

  get size(): number {
    return this.open.size;
  }

  async begin(request: TransactionRequest): Promise<Record<string, unknown>> {
    const client = await this.connections.connect(request.database);
    try {
      await client.query('BEGIN');
    } catch (err) {
      client.release(err as Error);
      throw sqlError(err, this.sqlErrorType);
    }
    const tx: Transaction = {
      id: randomBytes(96).toString('base64'),
      client,
      busy: false,
      timer: setTimeout(() => undefined, 0),
    };
    this.open.set(tx.id, tx);
    this.armIdleTimer(tx);
    return { transactionId: tx.id };
  }

  /** Runs `work` on the transaction's connection, the only call on it until it ends. */
  async withTransaction<T>(id: string | undefined, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const tx = id ? this.open.get(id) : undefined;
    if (!tx) throw new DataApiException('TransactionNotFoundException', `Transaction ${id} is not found`);
    if (tx.busy) throw new DataApiException('DatabaseErrorException', 'Transaction is still running a query');
    clearTimeout(tx.timer);
    tx.busy = true;
    try {
      return await work(tx.client);
    } finally {
      tx.busy = false;
      if (this.open.has(tx.id)) this.armIdleTimer(tx);
    }
  }

  async finish(
    request: TransactionRequest,
    command: 'COMMIT' | 'ROLLBACK',
  ): Promise<Record<string, unknown>> {
    if (!request.transactionId)
      throw new DataApiException('BadRequestException', 'transactionId is required');
    const tx = this.open.get(request.transactionId);
    if (!tx)
      throw new DataApiException('NotFoundException', `Transaction ${request.transactionId} is not found`);
    if (tx.busy) throw new DataApiException('DatabaseErrorException', 'Transaction is still running a query');
    try {
      await this.end(tx, command);
    } catch (err) {
      throw sqlError(err, this.sqlErrorType);
    }
    return { transactionStatus: command === 'COMMIT' ? 'Transaction Committed' : 'Rollback Complete' };
  }

  /** Rolls back every open transaction (the emulator is stopping). */
  async rollbackAll(): Promise<void> {
    await Promise.all([...this.open.values()].map((tx) => this.end(tx, 'ROLLBACK').catch(() => undefined)));
  }

  private armIdleTimer(tx: Transaction): void {
    tx.timer = setTimeout(() => void this.end(tx, 'ROLLBACK'), this.idleMs);
    tx.timer.unref();
  }

  private async end(tx: Transaction, command: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    this.open.delete(tx.id);
    clearTimeout(tx.timer);
    try {
      await tx.client.query(command);
      tx.client.release();
    } catch (err) {
      tx.client.release(err as Error);
      throw err;
    }
  }
}
