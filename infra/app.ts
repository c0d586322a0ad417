import { App, Tags } from 'aws-cdk-lib';
import { FeePaymentsStack } from './fee-payments-stack';

/** `npx cdk synth` / `npx cdk deploy -c stage=dev|prod`. */
const app = new App();
const stage = (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
if (!['dev', 'prod'].includes(stage)) throw new Error(`context "stage" must be dev or prod (got ${stage})`);

const stack = new FeePaymentsStack(app, `FeePayments-${stage}`, {
  stage: stage as 'dev' | 'prod',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'ap-southeast-1' },
});
Tags.of(stack).add('service', 'fee-payments');
Tags.of(stack).add('stage', stage);
