import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket, ObjectOwnership, StorageClass } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import type { StageSettings } from '../stage';

/**
 * The bucket providers' settlement files land in. Encrypted, never public, TLS only, versioned (a
 * re-upload never destroys the previous file), with its access logged to a second bucket. Settlement
 * files are accounting records, so current versions are kept and only move to cheaper storage;
 * replaced versions go after a year.
 *
 * S3 tells a queue about every new object. The notification is written on the bucket itself rather
 * than through CDK's notification custom resource, so no extra Lambda (with AWS managed policies and
 * `Resource: *`) is deployed for it; the queue's policy names the bucket by its fixed name.
 */
export class SettlementFiles extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, stage: StageSettings, notify: Queue | undefined) {
    super(scope, id);
    // Deliver access logs through a bucket policy, not the legacy LogDeliveryWrite ACL (ACLs stay off).
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const stack = Stack.of(this);
    const bucketName = `fee-payments-${stage.name}-settlements-${stack.account}-${stack.region}`;

    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(stage.production ? 400 : 30) }],
      removalPolicy: stage.removalPolicy,
    });
    acknowledge(
      accessLogs,
      'AwsSolutions-S1',
      'This bucket is the access-log destination of the settlement bucket; logging its own access would log the log writes themselves.',
    );

    this.bucket = new Bucket(this, 'Bucket', {
      bucketName,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'settlements/',
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
        { id: 'expire-replaced-versions', noncurrentVersionExpiration: Duration.days(365) },
        {
          id: 'archive-old-files',
          transitions: [
            { storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) },
            { storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(365) },
          ],
        },
      ],
      // A dev bucket can go with its stack once emptied; a prod bucket stays (README, Deploy › Cleanup).
      removalPolicy: stage.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    if (notify) this.notifyOnCreate(notify, bucketName);
  }

  private notifyOnCreate(queue: Queue, bucketName: string): void {
    const policy = queue.addToResourcePolicy(
      new PolicyStatement({
        sid: 'SettlementBucketNotifications',
        principals: [new ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
        conditions: {
          ArnEquals: { 'aws:SourceArn': `arn:${Aws.PARTITION}:s3:::${bucketName}` },
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        },
      }),
    );
    const cfnBucket = this.bucket.node.defaultChild as CfnBucket;
    cfnBucket.notificationConfiguration = {
      queueConfigurations: [{ event: 's3:ObjectCreated:*', queue: queue.queueArn }],
    };
    // S3 checks it may send to the queue when the configuration is written.
    if (policy.policyDependable) cfnBucket.node.addDependency(policy.policyDependable);
  }
}
