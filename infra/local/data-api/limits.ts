/** The service's documented limits, which the emulator enforces so that code exceeding them fails here too. */
export interface DataApiLimits {
  responseBytes: number;
  rowBytes: number;
  requestBytes: number;
  /** How long a call waits for its statement before StatementTimeoutException. */
  statementWaitMs: number;
  /** A transaction with no call for this long is rolled back and forgotten. */
  transactionIdleMs: number;
}

export const DATA_API_LIMITS: Readonly<DataApiLimits> = {
  responseBytes: 1024 * 1024,
  rowBytes: 64 * 1024,
  requestBytes: 4 * 1024 * 1024,
  statementWaitMs: 45_000,
  transactionIdleMs: 3 * 60_000,
};
