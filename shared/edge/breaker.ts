/**
 * The edge Redis client's circuit breaker. A lost connection opens it at once; commands failing
 * without a success in between open it once there are `BREAKER_THRESHOLD` of them spanning more
 * than one command budget. While open, Redis is skipped for the cooldown, so a dead or hung Redis
 * costs a request at most about one command budget and, during the cooldown, nothing.
 *
 * The span matters under concurrency: one hiccup times out every command in flight at the same
 * moment, and opening the breaker on that burst would switch the edge off for a whole cooldown
 * after a single slow reply; a hung Redis keeps failing the commands sent after the burst too,
 * and opens it one budget later.
 */

/** Failed commands in a row that open the breaker, provided they also span more than one budget. */
export const BREAKER_THRESHOLD = 3;

export class RedisBreaker {
  /** Clock reading (ms) until which Redis is skipped. */
  private openUntil = 0;
  /** Failed commands since the last success. */
  private failures = 0;
  /** When the first of those failed. */
  private failingSince = 0;

  /**
   * @param now a monotonic clock in milliseconds (tests pass their own)
   */
  constructor(
    readonly commandTimeoutMs: number,
    readonly cooldownMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether Redis is being skipped right now. */
  isOpen(): boolean {
    return this.now() < this.openUntil;
  }

  /** Skips Redis for one cooldown from now (a lost connection). */
  open(): void {
    this.openUntil = this.now() + this.cooldownMs;
  }

  /** Closes it again (a successful health probe: Redis is back). */
  close(): void {
    this.openUntil = 0;
  }

  succeeded(): void {
    this.failures = 0;
  }

  /** Counts a failed command; opens when the failures persist, or at once when the connection is gone. */
  failed(connectionLost: boolean): void {
    const now = this.now();
    if (this.failures === 0) this.failingSince = now;
    this.failures += 1;
    const persistent = this.failures >= BREAKER_THRESHOLD && now - this.failingSince > this.commandTimeoutMs;
    if (persistent || connectionLost) this.open();
  }
}
