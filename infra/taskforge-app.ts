/**
 * Builds the app `infra/app.ts` synthesizes and the infra tests check: one stack for the stage
 * and target the context asks for, environment-agnostic (no account or region at synth, so it
 * synthesizes offline), checked by cdk-nag's AWS Solutions rules.
 */
import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type StageConfig, stageConfig } from './config.ts';
import { TaskforgeStack } from './taskforge-stack.ts';

/** `taskforge-dev`, `taskforge-prod`, `taskforge-dev-local` (LocalStack). */
export function stackName(config: StageConfig): string {
  return `taskforge-${config.stage}${config.target === 'localstack' ? '-local' : ''}`;
}

/** Adds the stack the app's context asks for, and cdk-nag, to `app`. */
export function buildApp(app: App): TaskforgeStack {
  const config = stageConfig(app.node);
  const stack = new TaskforgeStack(app, stackName(config), {
    config,
    description: `Taskforge task queue (${config.stage}${config.target === 'localstack' ? ', LocalStack' : ''})`,
  });
  Tags.of(stack).add('project', 'taskforge');
  Tags.of(stack).add('stage', config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
