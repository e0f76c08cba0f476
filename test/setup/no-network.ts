// The unit tier promises to pass with no network at all (not even loopback). Any socket, listen
// or DNS lookup from a unit test fails here at once, naming the fix, so a test that needs a
// server cannot slip into the tier on a machine that has one.
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

function refuse(what: string): never {
  throw new Error(
    `a unit test used the network (${what}): give it a fake, or move it to the integration tier (test/integration/)`,
  );
}

net.Socket.prototype.connect = () => refuse('socket connect');
net.Server.prototype.listen = () => refuse('server listen');
dns.lookup = (() => refuse('DNS lookup')) as unknown as typeof dns.lookup;
dns.promises.lookup = async () => refuse('DNS lookup');
// Named imports of node:dns (import { lookup } from 'node:dns') see the replacements too.
syncBuiltinESMExports();
