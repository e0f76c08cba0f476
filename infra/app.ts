/**
 * The CDK app: `npx cdk synth|deploy [-c stage=dev|prod] [-c target=localstack]`. Any cdk-nag
 * finding that is not acknowledged with a reason fails the synth. Builds the dashboard's script
 * first (`dashboard-build.ts`), which the dashboard-asset function ships.
 */
import { App } from 'aws-cdk-lib';
import { writeDashboardBuild } from './dashboard-build.ts';
import { buildApp } from './taskforge-app.ts';

// The dashboard's script is built here, not committed: the API function ships it from the build.
writeDashboardBuild();
buildApp(new App());
