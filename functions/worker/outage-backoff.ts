/**
 * How long a worker hides the messages of a batch whose claim or outcome statement failed. They
 * come back within seconds (rather than after the queue's visibility timeout, which is 6x the
 * worker's timeout), and later the longer the database has been failing, so a long outage does
 * not spend the messages' receives (the queue's maxReceiveCount) in minutes.
 */

/** First failures: 2-5 s. */
const MIN_SECONDS = 2;
/** The delay's lower bound grows with the outage (half its length) up to this; jitter adds up to 150 %. */
const MAX_BASE_SECONDS = 36;

export class OutageBackoff {
  private failingSince: number | undefined;

  constructor(private readonly clock: () => number = Date.now) {}

  /** Records a failed statement; returns the seconds the affected messages stay hidden. */
  failure(random: () => number = Math.random): number {
    const now = this.clock();
    this.failingSince ??= now;
    const base = Math.min(MAX_BASE_SECONDS, Math.max(MIN_SECONDS, (now - this.failingSince) / 2000));
    return Math.ceil(base * (1 + 1.5 * random()));
  }

  /** A statement succeeded: the next failure starts a new outage. */
  success(): void {
    this.failingSince = undefined;
  }
}

/** One per process: every batch of a worker instance sees the same outage. */
export const databaseOutage = new OutageBackoff();
