/**
 * The far end of the suite's `webhook` tasks: an HTTP server that counts the calls it receives
 * per task (each webhook task posts to `/hook/<nonce>`). It is the one side effect of a task the
 * suite can see from outside the system: a task executed more often than it was claimed, or
 * completed without being executed, shows here.
 */
import { createServer, type Server } from 'node:http';

export class WebhookReceiver {
  private constructor(
    /** Calls received, by nonce. */
    readonly calls: Map<string, number>,
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    const calls = new Map<string, number>();
    const server = createServer((req, res) => {
      const nonce = /^\/hook\/([\w-]+)$/.exec(req.url ?? '')?.[1];
      req.resume();
      req.on('end', () => {
        if (nonce) calls.set(nonce, (calls.get(nonce) ?? 0) + 1);
        res.writeHead(nonce ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ received: nonce ?? null }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('webhook receiver: no port');
    return new WebhookReceiver(calls, server, address.port);
  }

  url(nonce: string): string {
    return `http://127.0.0.1:${this.port}/hook/${nonce}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
