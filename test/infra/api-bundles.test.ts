import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOUSE_BUNDLING, REPO_ROOT } from '../../infra/constructs/node-function.ts';
import { ROUTES } from '../../shared/http/routes.ts';

/** What esbuild puts into each API function's bundle, built with the stack's options (nothing written). */
let inputsByRoute: Map<string, string[]>;
/** The packages (node_modules) in each bundle. */
let packagesByRoute: Map<string, string[]>;
/** The files of node_modules that put code into each bundle (after tree shaking). */
let usedModulesByRoute: Map<string, string[]>;

/** Bundles the entries with the stack's options (nothing written) and returns esbuild's metafile. */
async function bundleMetafile(entryPoints: Record<string, string>, outdir: string): Promise<Metafile> {
  const result = await build({
    entryPoints,
    outdir: join(REPO_ROOT, 'cdk.out', outdir),
    write: false,
    metafile: true,
    bundle: true,
    platform: HOUSE_BUNDLING.platform,
    target: HOUSE_BUNDLING.target,
    format: HOUSE_BUNDLING.format,
    mainFields: [...HOUSE_BUNDLING.mainFields],
    external: [...HOUSE_BUNDLING.externalModules],
    absWorkingDir: REPO_ROOT,
    logLevel: 'error',
  });
  return result.metafile;
}

beforeAll(async () => {
  const metafile = await bundleMetafile(
    Object.fromEntries(
      ROUTES.map((route) => [route.name, join(REPO_ROOT, `functions/api/${route.name}.ts`)]),
    ),
    'api-bundles-test',
  );
  inputsByRoute = new Map(
    Object.values(metafile.outputs)
      .filter((output) => output.entryPoint !== undefined)
      .map((output) => [
        output.entryPoint!.replace(/^functions\/api\/(.*)\.ts$/, '$1'),
        Object.keys(output.inputs).filter((input) => !input.startsWith('node_modules/')),
      ]),
  );
  packagesByRoute = new Map(
    Object.values(metafile.outputs)
      .filter((output) => output.entryPoint !== undefined)
      .map((output) => [
        output.entryPoint!.replace(/^functions\/api\/(.*)\.ts$/, '$1'),
        Object.keys(output.inputs)
          .map((input) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1])
          .filter((name) => name !== undefined),
      ]),
  );
  usedModulesByRoute = new Map(
    Object.values(metafile.outputs)
      .filter((output) => output.entryPoint !== undefined)
      .map((output) => [
        output.entryPoint!.replace(/^functions\/api\/(.*)\.ts$/, '$1'),
        Object.entries(output.inputs)
          .filter(([input, { bytesInOutput }]) => input.startsWith('node_modules/') && bytesInOutput > 0)
          .map(([input]) => input),
      ]),
  );
}, 120_000);

describe('API function bundles', () => {
  it('are built for every route of the table', () => {
    expect([...inputsByRoute.keys()].sort()).toEqual(ROUTES.map((route) => route.name).sort());
  });

  it('contain no worker code: the API validates against the catalogue, not the handlers', () => {
    for (const [route, inputs] of inputsByRoute) {
      expect(
        inputs.filter((input) => input.startsWith('functions/worker/')),
        route,
      ).toEqual([]);
      expect(
        inputs.filter((input) => !/^(functions\/api|shared)\//.test(input)),
        route,
      ).toEqual([]);
    }
  });

  it('validate submissions against the catalogue', () => {
    expect(inputsByRoute.get('create-task')).toContain('shared/tasks/task-catalog.ts');
    expect(inputsByRoute.get('create-task-batch')).toContain('shared/tasks/task-catalog.ts');
  });

  it('leave out pg: the functions use the Data API', () => {
    for (const [route, packages] of packagesByRoute) {
      expect(packages, route).not.toContain('pg');
      expect(packages, route).toContain('@aws-sdk/client-rds-data');
    }
  });

  it("keep only zod's English messages: zod is imported as a namespace (`import * as z`), which esbuild can shake", () => {
    for (const [route, modules] of usedModulesByRoute) {
      expect(
        modules.filter((input) => /^node_modules\/zod\/.*\/locales\/(?!en\.js$)/.test(input)),
        route,
      ).toEqual([]);
    }
  });
});

describe('background function bundles', () => {
  /** The packages in each of the relay, worker, sweeper and migrate bundles. */
  let packagesByFunction: Map<string, string[]>;

  beforeAll(async () => {
    const names = ['relay', 'worker', 'sweeper', 'migrate'];
    const metafile = await bundleMetafile(
      Object.fromEntries(names.map((name) => [name, join(REPO_ROOT, `functions/${name}/handler.ts`)])),
      'function-bundles-test',
    );
    packagesByFunction = new Map(
      Object.values(metafile.outputs)
        .filter((output) => output.entryPoint !== undefined)
        .map((output) => [
          output.entryPoint!.replace(/^functions\/(.*)\/handler\.ts$/, '$1'),
          Object.keys(output.inputs)
            .map((input) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1])
            .filter((name) => name !== undefined),
        ]),
    );
  }, 120_000);

  it('leave out ioredis and pg: only the API talks to Redis, and every function uses the Data API', () => {
    expect([...packagesByFunction.keys()].sort()).toEqual(['migrate', 'relay', 'sweeper', 'worker']);
    for (const [name, packages] of packagesByFunction) {
      expect(packages, name).not.toContain('ioredis');
      expect(packages, name).not.toContain('pg');
    }
  });
});
