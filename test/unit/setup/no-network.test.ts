import dns from 'node:dns';
import { createServer } from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';

// The unit tier's guard (test/setup/no-network.ts): without it, these calls would reach the
// network (or fail later, asynchronously) instead of failing at once with the fix in the message.
const REFUSED = /a unit test used the network .*move it to the integration tier/;

describe('the unit tier without network', () => {
  it('refuses a TCP connection before it is attempted', () => {
    expect(() => net.connect(5432, '127.0.0.1')).toThrow(REFUSED);
  });

  it('refuses fetch, whose socket is opened by undici', async () => {
    const err = await fetch('http://127.0.0.1:8089/').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).cause ?? err)).toMatch(REFUSED);
  });

  it('refuses to listen', () => {
    expect(() => createServer().listen(0, '127.0.0.1')).toThrow(REFUSED);
  });

  it('refuses DNS lookups, through the module object and named imports alike', async () => {
    await expect(dns.promises.lookup('example.com')).rejects.toThrow(REFUSED);
    const { lookup } = await import('node:dns');
    expect(() => lookup('example.com', () => undefined)).toThrow(REFUSED);
  });
});
