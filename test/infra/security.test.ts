// Proves the security properties of the deployed template: encryption at rest and TLS in transit, PITR, a DLQ with an alarm behind every queue, a private settlement bucket, least-privilege roles (the secrets extension layer only where the secret may be read, nothing but its logs for the browser-session authorizer), and production data that survives deletion.
import { Match } from 'aws-cdk-lib/assertions';
import { fullManifest, uploadsConsumerName } from './fixtures/full-manifest';
import { synthTemplate } from '../support/synth';
import { actionsOf, environmentOf, layersOf, referencedId, resourcesOf, statementsOf } from './template-support';

const { template } = synthTemplate('dev', { manifest: fullManifest });
const prod = synthTemplate('prod', { manifest: fullManifest }).template;

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

describe('encryption and transport', () => {
  it('encrypts the table, every queue, both buckets, the provider secret and the alarm topic', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { SSESpecification: { SSEEnabled: true } });
    for (const [id, queue] of resourcesOf(template, 'AWS::SQS::Queue')) expect([id, queue.Properties?.SqsManagedSseEnabled]).toEqual([id, true]);
    for (const [id, bucket] of resourcesOf(template, 'AWS::S3::Bucket')) {
      expect([id, bucket.Properties?.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm]).toEqual([id, 'AES256']);
    }
    template.hasResourceProperties('AWS::SecretsManager::Secret', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ProviderSecretsKey'), 'Arn'] } });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    for (const [id, key] of resourcesOf(template, 'AWS::KMS::Key')) expect([id, key.Properties?.EnableKeyRotation]).toEqual([id, true]);
  });

  it('refuses requests without TLS on every queue, every bucket and the alarm topic', () => {
    const deniesInsecureTransport = expect.arrayContaining([
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
    const queuePolicies = resourcesOf(template, 'AWS::SQS::QueuePolicy');
    for (const [queueId] of resourcesOf(template, 'AWS::SQS::Queue')) {
      const policy = queuePolicies.find(([, p]) => (p.Properties!.Queues as unknown[]).some((q) => referencedId(q) === queueId));
      expect(policy).toBeDefined();
      expect(policy![1].Properties!.PolicyDocument.Statement).toEqual(deniesInsecureTransport);
    }
    const bucketPolicies = resourcesOf(template, 'AWS::S3::BucketPolicy');
    for (const [bucketId] of resourcesOf(template, 'AWS::S3::Bucket')) {
      const policy = bucketPolicies.find(([, p]) => referencedId(p.Properties!.Bucket) === bucketId);
      expect(policy![1].Properties!.PolicyDocument.Statement).toEqual(deniesInsecureTransport);
    }
    const topicPolicies = resourcesOf(template, 'AWS::SNS::TopicPolicy');
    expect(topicPolicies).toHaveLength(1);
    expect(topicPolicies[0]![1].Properties!.PolicyDocument.Statement).toEqual(deniesInsecureTransport);
  });
});

describe('data protection', () => {
  it('keeps point-in-time recovery on the table', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  it('blocks all public access to the settlement bucket, versions it, and expires only what a lifecycle rule says', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: Match.stringLikeRegexp('^fee-payments-dev-settlements-'),
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue() },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }),
          Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 365 } }),
        ]),
      },
    });
    const settlementRules = resourcesOf(template, 'AWS::S3::Bucket').find(([id]) => id.startsWith('SettlementFilesBucket'))![1].Properties!
      .LifecycleConfiguration.Rules as { ExpirationInDays?: number }[];
    // Settlement files are accounting records: the current version never expires.
    expect(settlementRules.every((rule) => rule.ExpirationInDays === undefined)).toBe(true);
  });

  it('retains the table, buckets, secret, user pool and logs in prod and protects the table and pool from deletion', () => {
    for (const type of ['AWS::DynamoDB::GlobalTable', 'AWS::S3::Bucket', 'AWS::SecretsManager::Secret', 'AWS::Cognito::UserPool', 'AWS::Logs::LogGroup']) {
      for (const [id, resource] of resourcesOf(prod, type)) expect([id, resource.DeletionPolicy]).toEqual([id, 'Retain']);
    }
    prod.hasResourceProperties('AWS::DynamoDB::GlobalTable', { Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })] });
    prod.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'ACTIVE' });
  });

  it('lets a dev stack go completely: nothing retained, no deletion protection', () => {
    for (const type of ['AWS::DynamoDB::GlobalTable', 'AWS::S3::Bucket', 'AWS::SecretsManager::Secret', 'AWS::Cognito::UserPool']) {
      for (const [id, resource] of resourcesOf(template, type)) expect([id, resource.DeletionPolicy]).toEqual([id, 'Delete']);
    }
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] });
  });
});

describe('failed work', () => {
  it('gives every manifest queue a dead-letter queue after maxReceiveCount receives', () => {
    for (const definition of fullManifest.queues) {
      const pascalName = definition.name.replace(/(^|-)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
      const [, queue] = resourcesOf(template, 'AWS::SQS::Queue').find(([id]) => id.startsWith(`Queues${pascalName}Queue`))!;
      expect(queue.Properties!.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [expect.stringMatching(`^Queues${pascalName}DeadLetterQueue`), 'Arn'] },
        maxReceiveCount: definition.maxReceiveCount,
      });
      expect(queue.Properties!.VisibilityTimeout).toBe(definition.visibilityTimeoutSeconds);
    }
  });

  it('alarms on the depth of every queue that is no other queue’s source: DLQs, stream failures, schedule failures', () => {
    const queues = resourcesOf(template, 'AWS::SQS::Queue');
    const redriveTargets = new Set(queues.map(([, q]) => referencedId(q.Properties?.RedrivePolicy?.deadLetterTargetArn)).filter(Boolean));
    const deadLetterQueues = queues.filter(([id, q]) => redriveTargets.has(id) || q.Properties?.RedrivePolicy === undefined).map(([id]) => id);
    const streamConsumers = fullManifest.functions.filter((fn) => fn.streams).length;
    expect(deadLetterQueues.length).toBe(fullManifest.queues.length + streamConsumers + 1); // + each stream consumer's failures + schedule failures
    const alarmedQueues = resourcesOf(template, 'AWS::CloudWatch::Alarm')
      .filter(([, alarm]) => alarm.Properties!.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map(([, alarm]) => referencedId(alarm.Properties!.Dimensions.find((d: { Name: string }) => d.Name === 'QueueName').Value));
    expect(new Set(alarmedQueues)).toEqual(new Set(deadLetterQueues));
  });
});

describe('least privilege', () => {
  it('writes no wildcard action and attaches no AWS managed policy to any role', () => {
    for (const [id, policy] of resourcesOf(template, 'AWS::IAM::Policy')) {
      const actions = (policy.Properties!.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => [s.Action].flat());
      expect([id, actions.filter((action) => action === '*' || action.endsWith(':*'))]).toEqual([id, []]);
    }
    for (const [id, role] of resourcesOf(template, 'AWS::IAM::Role')) expect([id, role.Properties!.ManagedPolicyArns]).toEqual([id, undefined]);
  });

  it('gives functions whose routes only read the table read-only access, and the health check none at all', () => {
    for (const name of ['ListProcedures', 'GetProcedure', 'FixtureReadReport']) {
      const actions = actionsOf(template, name);
      expect(actions).toContain('dynamodb:Query');
      expect(actions.filter((action) => WRITE_ACTIONS.includes(action))).toEqual([]);
    }
    expect(actionsOf(template, 'Health').filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
    expect(actionsOf(template, 'FixtureCreatePayment')).toEqual(expect.arrayContaining(WRITE_ACTIONS));
    // A signed route is a GET that writes (the portal's IPN), so it is never read-only.
    expect(actionsOf(template, 'FixturePortalCallback')).toEqual(expect.arrayContaining(WRITE_ACTIONS));
  });

  it('lets only signed-route functions and those that ask read the provider secret', () => {
    const readers = fullManifest.functions.filter((fn) => actionsOf(template, fn.name).includes('secretsmanager:GetSecretValue')).map((fn) => fn.name);
    const entitled = fullManifest.functions
      .filter((fn) => fn.routes?.some((route) => route.auth === 'signed') || fn.needs?.includes('providerSecrets'))
      .map((fn) => fn.name);
    expect(entitled).toEqual(expect.arrayContaining(['FixtureBankCallback', 'FixtureNotifyPortal', 'FixturePortalCallback']));
    expect(readers.sort()).toEqual(entitled.sort());
    for (const fn of fullManifest.functions) expect([fn.name, 'PROVIDER_SECRETS_ARN' in environmentOf(template, fn.name)]).toEqual([fn.name, readers.includes(fn.name)]);
  });

  it('gives the Parameters and Secrets extension layer to exactly the functions that read the provider secret, which keep their grant', () => {
    const withLayer = fullManifest.functions.filter((fn) => layersOf(template, fn.name).length > 0).map((fn) => fn.name);
    const readers = fullManifest.functions.filter((fn) => actionsOf(template, fn.name).includes('secretsmanager:GetSecretValue')).map((fn) => fn.name);

    expect(readers.length).toBeGreaterThan(0);
    expect(withLayer.sort()).toEqual(readers.sort());
    for (const name of withLayer) {
      expect(layersOf(template, name)).toEqual([expect.stringMatching(/^arn:aws:lambda:ap-southeast-1:\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:\d+$/)]);
      // The extension reads with the function's role: the grant on the secret is what it always was.
      const onSecret = statementsOf(template, name).filter((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue'));
      expect(onSecret.map((statement) => referencedId(statement.Resource))).toEqual([expect.stringMatching(/^ProviderSecretsSecret/)]);
    }
  });

  it('lets a function send only to the queues it names, and tells it only their URLs and its own queue’s', () => {
    for (const fn of fullManifest.functions) {
      const sendsTo = statementsOf(template, fn.name)
        .filter((statement) => [statement.Action].flat().includes('sqs:SendMessage'))
        .map((statement) => referencedId(statement.Resource))
        .filter((id) => !id?.includes('StreamFailures')); // Lambda itself sends failed stream batches there.
      expect([fn.name, sendsTo.length]).toEqual([fn.name, (fn.sends ?? []).length]);
      const queueUrls = Object.keys(environmentOf(template, fn.name)).filter((name) => name.startsWith('QUEUE_URL_'));
      const told = new Set([...(fn.sends ?? []), ...(fn.consumes ? [fn.consumes.queue] : [])]);
      expect([fn.name, queueUrls.sort()]).toEqual([fn.name, [...told].map((queue) => `QUEUE_URL_${queue.toUpperCase().replace(/-/g, '_')}`).sort()]);
    }
  });

  it('lets the settlement-upload consumer read settlement files and nothing write them unless it asks', () => {
    const s3Actions = (name: string) => actionsOf(template, name).filter((action) => action.startsWith('s3:'));
    expect(s3Actions(uploadsConsumerName).sort()).toEqual(['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket']);
    // Listing is granted on the bucket itself, so that a missing key is a 404; objects only through the named actions.
    const listing = statementsOf(template, uploadsConsumerName).filter((statement) => [statement.Action].flat().includes('s3:ListBucket'));
    expect(listing.map((statement) => [statement.Resource].flat().map((resource) => (referencedId(resource) === undefined ? JSON.stringify(resource) : `${referencedId(resource)}.Arn`)))).toEqual([
      [expect.stringMatching(/^SettlementFiles\w*Bucket\w*\.Arn$/)],
    ]);
    expect(environmentOf(template, uploadsConsumerName).SETTLEMENT_BUCKET).toBeDefined();
    for (const name of ['FixtureCreatePayment', 'FixtureBankCallback', 'Health']) expect(s3Actions(name)).toEqual([]);
  });

  it('keeps custom:agencies out of what users may write, so nobody grants themselves an agency', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ReadAttributes: Match.arrayWith(['custom:agencies']),
      WriteAttributes: Match.not(Match.arrayWith(['custom:agencies'])),
      AllowedOAuthFlowsUserPoolClient: false,
    });
    template.hasResourceProperties('AWS::Cognito::UserPool', { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
    prod.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
  });
});
