/**
 * Builds the app as `infra/app.ts` does, for assertions: bundling skipped (no esbuild run in
 * unit tests) and a temporary output directory that `dispose` removes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/taskforge-app.ts';
import type { TaskforgeStack } from '../../infra/taskforge-stack.ts';

export interface Synthesized {
  app: App;
  stack: TaskforgeStack;
  template: Template;
  outdir: string;
  dispose(): void;
}

const made: string[] = [];

/** Builds (without synthesizing) the app for `context`, e.g. `{ stage: 'prod' }`. */
export function buildTestApp(context: Record<string, unknown> = {}): Omit<Synthesized, 'template'> {
  const outdir = mkdtempSync(join(tmpdir(), 'taskforge-cdk-'));
  made.push(outdir);
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = buildApp(app);
  return { app, stack, outdir, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** The stack's template for `context` (Template.fromStack synthesizes the app, cdk-nag included). */
export function synthTemplate(context: Record<string, unknown> = {}): Synthesized {
  const built = buildTestApp(context);
  return { ...built, template: Template.fromStack(built.stack) };
}

/** Removes every output directory this process created. */
export function disposeAll(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: unknown }>;

/** Resources of `type`, by logical id. */
export function resourcesOf(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** CDK's own custom-resource provider functions (Trigger, default security group restriction). */
export function isCdkProvider(logicalId: string): boolean {
  return logicalId.includes('CustomResourceProvider');
}
