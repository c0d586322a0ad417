import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FeePaymentsStack } from './fee-payments-stack';
import { parseStage } from './stage';

/**
 * `npx cdk synth` / `npx cdk deploy -c stage=dev|prod [-c alarmEmail=ops@example.org]`.
 * cdk-nag's AWS Solutions checks run on every synth; a finding that is neither fixed nor acknowledged
 * with a reason (infra/nag.ts) stops it.
 */
const app = new App();
const stage = parseStage(app.node.tryGetContext('stage'));
const alarmEmail = app.node.tryGetContext('alarmEmail') as string | undefined;

const stack = new FeePaymentsStack(app, `FeePayments-${stage}`, {
  stage,
  ...(alarmEmail ? { alarmEmail } : {}),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'ap-southeast-1' },
  description: `Online fee payments and reconciliation (${stage})`,
  terminationProtection: stage === 'prod',
});
Tags.of(stack).add('service', 'fee-payments');
Tags.of(stack).add('stage', stage);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
