/**
 * A redis-server of the suite's own on a free port (never the shared one): stopped by a crash
 * (SIGKILL) and started again on the same port, so the runtime's client must reconnect by itself.
 */
import { freePort, type RedisServer, startRedisServer } from '../helpers/redis.ts';

export class ThrowawayRedis {
  private server: RedisServer | undefined;

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async create(): Promise<ThrowawayRedis> {
    const redis = new ThrowawayRedis(await freePort());
    await redis.start();
    return redis;
  }

  /** Starts the server; resolves once it accepts connections. */
  async start(): Promise<void> {
    this.server = await startRedisServer(this.port);
  }

  async stop(): Promise<void> {
    await this.server?.kill();
    this.server = undefined;
  }
}
