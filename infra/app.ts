/**
 * The CDK app: `npx cdk synth|deploy [-c stage=dev|prod] [-c target=localstack]`. Any cdk-nag
 * finding that is not acknowledged with a reason fails the synth.
 */
import { App } from 'aws-cdk-lib';
import { buildApp } from './taskforge-app.ts';

buildApp(new App());
