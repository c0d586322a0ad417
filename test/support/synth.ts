import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FeePaymentsStack, type FeePaymentsStackProps } from '../../infra/fee-payments-stack';

/**
 * Synthesizes the stack without bundling the Lambda code (bundling is exercised by `npx cdk synth`
 * and the bundle benchmark); the template is otherwise exactly what deploys. `manifest` replaces the
 * service's manifest, e.g. with test/infra/fixtures/full-manifest.ts.
 */
export function synthTemplate(
  stage: 'dev' | 'prod' = 'dev',
  options: Pick<FeePaymentsStackProps, 'manifest' | 'alarmEmail'> & { context?: Record<string, string> } = {},
): { stack: FeePaymentsStack; template: Template } {
  const { context, ...stackOptions } = options;
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = new FeePaymentsStack(app, `FeePayments-${stage}`, { stage, ...stackOptions, env: { account: '111111111111', region: 'ap-southeast-1' } });
  return { stack, template: Template.fromStack(stack) };
}
