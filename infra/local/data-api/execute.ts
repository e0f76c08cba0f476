/**
 * `/Execute` and `/BatchExecute`: in a transaction when the request names one, else on a pooled
 * connection reset after the call (a batch without a transaction commits or fails as one).
 */
import type pg from 'pg';
import type { Connections } from './connections.ts';
import { runStatement, type StatementContext } from './statement.ts';
import type { Transactions } from './transactions.ts';
import type { BatchExecuteRequest, ExecuteRequest } from './wire.ts';

export interface ExecuteContext extends StatementContext {
  connections: Connections;
  transactions: Transactions;
}

/** Without continueAfterTimeout, a statement whose wait ran out is cancelled (and rolls back). */
function timeoutHandler(context: ExecuteContext, request: ExecuteRequest, client: pg.PoolClient) {
  return async () => {
    if (!request.continueAfterTimeout) await context.connections.cancelBackend(request.database, client);
  };
}

export async function execute(
  context: ExecuteContext,
  request: ExecuteRequest,
): Promise<Record<string, unknown>> {
  if (request.transactionId) {
    return context.transactions.withTransaction(request.transactionId, (client) =>
      runStatement(context, client, request, timeoutHandler(context, request, client)),
    );
  }
  const client = await context.connections.connect(request.database);
  // A statement left running after a timeout keeps its connection until it ends.
  let running: Promise<unknown> | undefined;
  const cancel = timeoutHandler(context, request, client);
  try {
    return await runStatement(context, client, request, async (query) => {
      running = query;
      await cancel();
    });
  } finally {
    // Nothing a statement leaves in its session (SET, advisory locks, temp tables) reaches the next call.
    const reset = async () => {
      await running?.catch(() => undefined);
      await client.query('DISCARD ALL').then(
        () => client.release(),
        (err: Error) => client.release(err),
      );
    };
    if (running) void reset();
    else await reset();
  }
}

export async function batchExecute(
  context: ExecuteContext,
  request: BatchExecuteRequest,
): Promise<Record<string, unknown>> {
  const sets = request.parameterSets && request.parameterSets.length > 0 ? request.parameterSets : [[]];
  const runAll = async (client: pg.PoolClient) => {
    const updateResults: unknown[] = [];
    for (const parameters of sets) {
      await runStatement(
        context,
        client,
        { ...request, parameters, includeResultMetadata: false },
        timeoutHandler(context, request, client),
      );
      updateResults.push({ generatedFields: [] });
    }
    return { updateResults };
  };
  if (request.transactionId) return context.transactions.withTransaction(request.transactionId, runAll);
  // Without a transaction the whole batch commits or fails as one.
  const client = await context.connections.connect(request.database);
  try {
    await client.query('BEGIN');
    const result = await runAll(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    throw err;
  }
}
