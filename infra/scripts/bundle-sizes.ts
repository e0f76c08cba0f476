/**
 * `npm run bundle-sizes`: bundles every function entry with esbuild exactly as the stack does
 * (HOUSE_BUNDLING in infra/constructs/node-function.ts) and prints the size of each bundle, its
 * source map, the files shipped beside it, and the deflated size of the lot (close to the zip
 * Lambda receives). Nothing is deployed or cached; output goes to a temporary directory.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { build } from 'esbuild';
import { ROUTES, type RouteSpec, type ShippedFile } from '../../shared/http/routes.ts';
import { MIGRATION_FILES } from '../config.ts';
import { HOUSE_BUNDLING, REPO_ROOT } from '../constructs/node-function.ts';

interface Entry {
  name: string;
  entry: string;
  /** Files shipped next to the bundle, as the stack ships them. */
  files?: readonly ShippedFile[];
}

const ENTRIES: Entry[] = [
  { name: 'worker', entry: 'functions/worker/handler.ts' },
  { name: 'relay', entry: 'functions/relay/handler.ts' },
  { name: 'sweeper', entry: 'functions/sweeper/handler.ts' },
  {
    name: 'migrate',
    entry: 'functions/migrate/handler.ts',
    files: MIGRATION_FILES,
  },
  ...ROUTES.map((route: RouteSpec) => ({
    name: `api/${route.name}`,
    entry: `functions/api/${route.name}.ts`,
    ...(route.files ? { files: route.files } : {}),
  })),
];

async function filesUnder(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const dir = path;
  const out: string[] = [];
  for (const item of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'taskforge-bundles-'));
  const rows: string[][] = [];
  try {
    for (const { name, entry, files } of ENTRIES) {
      const outdir = join(root, name.replace('/', '-'));
      await build({
        entryPoints: [join(REPO_ROOT, entry)],
        outfile: join(outdir, HOUSE_BUNDLING.outputFile),
        bundle: true,
        platform: HOUSE_BUNDLING.platform,
        target: HOUSE_BUNDLING.target,
        format: HOUSE_BUNDLING.format,
        minify: HOUSE_BUNDLING.minify,
        sourcemap: HOUSE_BUNDLING.sourceMap,
        sourcesContent: HOUSE_BUNDLING.sourcesContent,
        mainFields: [...HOUSE_BUNDLING.mainFields],
        banner: { js: HOUSE_BUNDLING.banner },
        external: [...HOUSE_BUNDLING.externalModules],
        absWorkingDir: REPO_ROOT,
        logLevel: 'error',
      });
      let extra = 0;
      let extraDeflated = 0;
      for (const shipped of files ?? [])
        for (const file of await filesUnder(join(REPO_ROOT, shipped.from))) {
          const content = await readFile(file);
          extra += content.length;
          extraDeflated += deflateRawSync(content).length;
        }
      const bundle = (await stat(join(outdir, HOUSE_BUNDLING.outputFile))).size;
      const map = (await stat(join(outdir, `${HOUSE_BUNDLING.outputFile}.map`))).size;
      let deflated = extraDeflated;
      for (const file of await filesUnder(outdir)) deflated += deflateRawSync(await readFile(file)).length;
      rows.push([name, kib(bundle), kib(map), extra ? kib(extra) : '-', kib(deflated)]);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const header = ['function', 'index.mjs', 'source map', 'other files', 'zipped (approx.)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(
    `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`,
  );
}

await main();
