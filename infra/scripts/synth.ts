/**
 * `npm run synth [-- -c stage=prod ...]`: `cdk synth` (with cdk-nag) quietly. The templates go to
 * cdk.out as always; the terminal gets one line per stack (template, size, resources) and the
 * time, and the whole output of the CDK and the bundler goes to cdk.out/synth.log. A failed synth
 * (an unacknowledged cdk-nag finding, a bundling error) prints that output and exits non-zero.
 */
import { spawn } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Manifest {
  artifacts?: Record<string, { type: string; properties?: { templateFile?: string } }>;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(REPO_ROOT, 'cdk.out');
const started = performance.now();
const cdk = join(REPO_ROOT, 'node_modules', '.bin', 'cdk');
const child = spawn(cdk, ['synth', '--quiet', ...process.argv.slice(2)], {
  cwd: REPO_ROOT,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (chunk: Buffer) => {
  output += chunk.toString();
});
child.stderr.on('data', (chunk: Buffer) => {
  output += chunk.toString();
});
const code = await new Promise<number>((resolve) => child.once('close', (exit) => resolve(exit ?? 1)));
const seconds = ((performance.now() - started) / 1000).toFixed(0);

if (code !== 0) {
  process.stderr.write(output);
  process.stderr.write(`\nsynth failed (exit ${code}) after ${seconds} s\n`);
  process.exit(code);
}
const log = join(OUT, 'synth.log');
await writeFile(log, output);
const manifest = JSON.parse(await readFile(join(OUT, 'manifest.json'), 'utf8')) as Manifest;
const stacks = await Promise.all(
  Object.entries(manifest.artifacts ?? {})
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(async ([name, artifact]) => {
      const file = join(OUT, artifact.properties?.templateFile ?? `${name}.template.json`);
      const template = JSON.parse(await readFile(file, 'utf8')) as { Resources?: object };
      const kib = Math.round((await stat(file)).size / 1024);
      return `${name} (cdk.out/${artifact.properties?.templateFile}, ${kib} KiB, ${Object.keys(template.Resources ?? {}).length} resources)`;
    }),
);
const warnings = output.match(/\[Warning at /g)?.length ?? 0;
process.stdout.write(
  `synthesized ${stacks.join(', ')} in ${seconds} s, cdk-nag clean` +
    `${warnings > 0 ? `, ${warnings} warnings` : ''}; full output in cdk.out/synth.log\n`,
);
