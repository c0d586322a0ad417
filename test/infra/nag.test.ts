// Proves cdk-nag's AWS Solutions checks find nothing unacknowledged in either stage — with today's manifest and with one that uses every feature — and that each acknowledgment is one of the reviewed kinds and says why.
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { fullManifest } from './fixtures/full-manifest';
import { synthTemplate } from '../support/synth';

/** The rules this stack acknowledges somewhere; a new kind of exception should be a reviewed change here. */
const REVIEWED_RULES = [
  'AwsSolutions-APIG4', // public catalog routes and HMAC-signed provider callbacks
  'AwsSolutions-COG2', // MFA optional in dev only
  'AwsSolutions-COG8', // Plus feature plan (threat protection) in prod only
  'AwsSolutions-IAM5', // grant-generated resource wildcards: table indexes, settlement objects, function versions
  'AwsSolutions-L1', // Node.js 22 pinned on purpose
  'AwsSolutions-S1', // the access-log bucket itself
  'AwsSolutions-SMG4', // provider-issued secrets rotate on the providers' schedule
  'AwsSolutions-SQS3', // stream and schedule failure queues are dead-letter destinations themselves
];

function findingsOf(stack: IConstruct): string[] {
  const report = new AwsSolutionsChecks().validateScope(stack);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => `${violation.severity} ${violation.ruleName} at ${resource.constructPath}: ${violation.description}`),
  );
}

function acknowledgmentsIn(scope: IConstruct): { path: string; rule: string; reason: string }[] {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .map(([rule, reason]) => ({ path: construct.node.path, rule: rule.replace(/^annotation::/i, ''), reason })),
  );
}

describe.each([
  ['dev', 'the service manifest', undefined],
  ['prod', 'the service manifest', undefined],
  ['dev', 'a manifest using every feature', fullManifest],
  ['prod', 'a manifest using every feature', fullManifest],
] as const)('cdk-nag AwsSolutions on %s with %s', (stage, _label, manifest) => {
  const { stack } = synthTemplate(stage, manifest ? { manifest } : {});

  it('reports no unacknowledged error or warning', () => {
    expect(findingsOf(stack)).toEqual([]);
  });

  it('acknowledges only reviewed rules, each with a specific reason', () => {
    const acknowledgments = acknowledgmentsIn(stack);
    expect(acknowledgments.length).toBeGreaterThan(0);
    for (const { path, rule, reason } of acknowledgments) {
      expect([path, REVIEWED_RULES.includes(rule.replace(/\[.*\]$/, ''))]).toEqual([path, true]);
      expect(reason.length).toBeGreaterThanOrEqual(30);
    }
  });
});

describe('the checks themselves', () => {
  it('do find an unacknowledged problem (the test can fail)', () => {
    const { stack } = synthTemplate('dev');
    const { Bucket } = jest.requireActual<typeof import('aws-cdk-lib/aws-s3')>('aws-cdk-lib/aws-s3');
    new Bucket(stack, 'CarelessBucket');
    expect(findingsOf(stack)).toEqual(expect.arrayContaining([expect.stringMatching(/^error AwsSolutions-S10 at FeePayments-dev\/CarelessBucket/)]));
  });
});
