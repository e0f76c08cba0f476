/**
 * An in-memory stand-in for the edge Redis client with the service's idempotency scripts
 * (`tfIdemBegin`, `tfIdemSettle`), modelled on their Lua in `shared/edge/idempotency.ts`: set
 * when absent, else return what is there; replace or delete only our own value. No socket, no
 * timers. `failNext` makes the next command fail as a lost connection would.
 */
import type { Redis } from 'ioredis';

export class FakeRedis {
  /** Keys and their values (expiry is not modelled: tests expire a record by deleting it). */
  readonly store = new Map<string, string>();
  /** Every command run, as `name key`. */
  readonly calls: string[] = [];
  status = 'ready';
  private failures = 0;

  /** The next `count` commands fail with a connection error. */
  failNext(count = 1): void {
    this.failures = count;
  }

  private run<T>(name: string, key: string, work: () => T): Promise<T> {
    this.calls.push(`${name} ${key}`);
    if (this.failures > 0) {
      this.failures -= 1;
      return Promise.reject(new Error('Connection is closed.'));
    }
    return Promise.resolve(work());
  }

  tfIdemBegin(key: string, value: string, _lockMs: number): Promise<[number, string | null]> {
    return this.run('tfIdemBegin', key, () => {
      const existing = this.store.get(key);
      if (existing === undefined) {
        this.store.set(key, value);
        return [1, null] as [number, string | null];
      }
      return [0, existing] as [number, string | null];
    });
  }

  tfIdemSettle(key: string, ours: string, value: string, _ttlMs: number): Promise<number> {
    return this.run('tfIdemSettle', key, () => {
      if (this.store.get(key) !== ours) return 0;
      if (value === '') this.store.delete(key);
      else this.store.set(key, value);
      return 1;
    });
  }

  disconnect(): void {
    this.status = 'end';
  }

  /** The fake where the code expects an ioredis client (it uses only the methods above). */
  asRedis(): Redis {
    return this as unknown as Redis;
  }
}
