import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FeePaymentsStack } from '../../infra/fee-payments-stack';

/**
 * Synthesizes the stack without bundling the Lambda code (bundling is exercised by `npx cdk synth`
 * and the bundle benchmark); the template is otherwise exactly what deploys.
 */
export function synthTemplate(stage: 'dev' | 'prod' = 'dev'): { stack: FeePaymentsStack; template: Template } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new FeePaymentsStack(app, `FeePayments-${stage}`, { stage, env: { account: '111111111111', region: 'ap-southeast-1' } });
  return { stack, template: Template.fromStack(stack) };
}
