import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Every cdk-nag rule this stack does not satisfy is acknowledged through here, on the narrowest
 * construct, with the reason it is acceptable for that construct. A finding id narrows a rule to one
 * finding, e.g. `AwsSolutions-IAM5[Resource::<TableArn>/index/*]`. The test suite fails on any
 * finding that is not acknowledged (test/infra/nag.test.ts).
 */
export function acknowledge(scope: IConstruct, rule: string, reason: string): void {
  if (reason.trim().length < 30) throw new Error(`acknowledging ${rule} needs a specific reason, not "${reason}"`);
  Validations.of(scope).acknowledge({ id: rule, reason });
}
