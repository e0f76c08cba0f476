#!/usr/bin/env node
// The `taskforge` command (package.json "bin"). Node 24 runs the TypeScript entry itself (type
// stripping), so the CLI works from a clean clone after `npm ci` with no build step.
if (!process.features.typescript) {
  process.stderr.write(`taskforge: needs Node.js 24 or later (this is ${process.version})\n`);
  process.exit(3);
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
