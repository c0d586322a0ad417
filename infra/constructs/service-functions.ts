import { join } from 'node:path';
import { type CfnElement, Duration, Stack, Token } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  FilterCriteria,
  FilterRule,
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsLogLevel,
  ParamsAndSecretsVersions,
  Runtime,
  StartingPosition,
} from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import type { FunctionDefinition, QueueDefinition } from '../../functions/manifest';
import { checkLoadsOnDemand, nodejsBundling } from '../bundling';
import { accessOf, type FunctionAccess } from '../function-access';
import { acknowledge } from '../nag';
import type { StageSettings } from '../stage';
import type { MessageQueues } from './message-queues';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../functions/observability/metric-names';

/** Defaults for what the manifest leaves out: API handlers answer fast; other work may take a minute. */
export const DEFAULT_MEMORY_MB = 512;
export const DEFAULT_API_TIMEOUT_SECONDS = 10;
export const DEFAULT_WORKER_TIMEOUT_SECONDS = 60;
/** Powertools Metrics namespace and service; functions/observability/metric-names.ts names them once for the code and the alarms. */
export { METRICS_NAMESPACE, SERVICE_NAME };

const PROJECT_ROOT = join(__dirname, '..', '..');

export interface ServiceFunction {
  readonly definition: FunctionDefinition;
  readonly access: FunctionAccess;
  readonly fn: NodejsFunction;
}

export interface ServiceFunctionsProps {
  readonly stage: StageSettings;
  readonly functions: readonly FunctionDefinition[];
  readonly queueDefinitions: readonly QueueDefinition[];
  readonly table: TableV2;
  readonly queues: MessageQueues;
  readonly settlementBucket: Bucket;
  readonly providerSecrets: ISecret;
  /** The API's URL, for links the service hands to browsers (config PUBLIC_BASE_URL). */
  readonly publicBaseUrl: string;
  /** The managed login staff sign in through (`needs: ['staffSignIn']` in the manifest). */
  readonly staffSignIn: { readonly loginUrl: string; readonly clientId: string; readonly issuer: string };
}

/**
 * One Lambda per manifest function (Node.js 22, arm64, bundled by esbuild as infra/bundling.ts says),
 * each with its own role and log group, and only the grants its manifest entry implies
 * (infra/function-access.ts): the table read-only or read-write, send on the queues it names, the
 * provider secret for signed routes (with the Parameters and Secrets extension layer to read it
 * through), the settlement bucket for its users. The staff sign-in is told the user pool's managed
 * login, which needs no grant (its endpoints and keys are public). Roles carry no AWS managed policy;
 * logging is a grant on the function's own log group.
 */
export class ServiceFunctions extends Construct {
  readonly all: ServiceFunction[] = [];

  private readonly secretsExtension: ParamsAndSecretsLayerVersion;

  constructor(scope: Construct, id: string, props: ServiceFunctionsProps) {
    super(scope, id);
    this.secretsExtension = providerSecretsExtension(this);
    for (const definition of props.functions) {
      const access = accessOf(definition, props.queueDefinitions);
      const fn = this.lambdaFor(definition, access, props);
      this.grant(fn, definition, access, props);
      this.connectEventSources(fn, definition, props);
      this.all.push({ definition, access, fn });
    }
  }

  private lambdaFor(definition: FunctionDefinition, access: FunctionAccess, props: ServiceFunctionsProps): NodejsFunction {
    const { stage } = props;
    const logGroup = new LogGroup(this, `${definition.name}Logs`, { retention: stage.logRetention, removalPolicy: stage.removalPolicy });
    const role = new Role(this, `${definition.name}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${definition.name} function`,
    });
    logGroup.grantWrite(role);
    checkLoadsOnDemand(definition.entry, definition.loadsOnDemand ?? []);
    const worksOffline = definition.consumes !== undefined || definition.schedule !== undefined || definition.streams !== undefined;
    const fn = new NodejsFunction(this, definition.name, {
      entry: join(PROJECT_ROOT, definition.entry),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: definition.memoryMb ?? DEFAULT_MEMORY_MB,
      timeout: Duration.seconds(definition.timeoutSeconds ?? (worksOffline ? DEFAULT_WORKER_TIMEOUT_SECONDS : DEFAULT_API_TIMEOUT_SECONDS)),
      role,
      logGroup,
      environment: {
        TABLE_NAME: props.table.tableName,
        ...Object.fromEntries(access.queueUrls.map((name) => [queueUrlVariable(name), props.queues.get(name, definition.name).queueUrl])),
        ...(access.providerSecrets ? { PROVIDER_SECRETS_ARN: props.providerSecrets.secretArn } : {}),
        ...(access.settlementBucket !== 'none' ? { SETTLEMENT_BUCKET: props.settlementBucket.bucketName } : {}),
        ...(access.staffSignIn
          ? {
              STAFF_SIGN_IN: 'cognito',
              COGNITO_LOGIN_URL: props.staffSignIn.loginUrl,
              COGNITO_STAFF_CLIENT_ID: props.staffSignIn.clientId,
              COGNITO_ISSUER: props.staffSignIn.issuer,
            }
          : {}),
        PUBLIC_BASE_URL: props.publicBaseUrl,
        // Where the real counterparts are (the mock providers are not deployed): context values.
        ...contextUrl(this, 'portalWebhookUrl', 'PORTAL_WEBHOOK_URL'),
        ...contextUrl(this, 'providersBaseUrl', 'PROVIDERS_BASE_URL'),
        STAGE: stage.name,
        LOG_LEVEL: 'INFO',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      },
      ...(access.providerSecrets ? { paramsAndSecrets: this.secretsExtension } : {}),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      bundling: nodejsBundling(access, definition),
    });
    acknowledge(
      fn,
      'AwsSolutions-L1',
      'Pinned to Node.js 22 on purpose: the code and its dependency majors are tested on the Node line the design names (ARCHITECTURE.md, Runtime choices); moving to a newer runtime is a tested change, not a drift.',
    );
    return fn;
  }

  private grant(fn: NodejsFunction, definition: FunctionDefinition, access: FunctionAccess, props: ServiceFunctionsProps): void {
    if (access.table === 'read') props.table.grantReadData(fn);
    if (access.table === 'readWrite') props.table.grantReadWriteData(fn);
    if (access.table !== 'none') {
      acknowledge(
        fn.role!,
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(props.table)}.Arn>/index/*]`,
        'The grant covers the table\'s global secondary indexes (gsi1, gsi2), which the access patterns query; it names this table only.',
      );
    }
    for (const name of access.sends) props.queues.get(name, definition.name).grantSendMessages(fn);
    if (access.providerSecrets) props.providerSecrets.grantRead(fn);
    if (access.settlementBucket !== 'none') {
      // Named actions rather than grantRead/grantPut, whose s3:GetObject*, s3:List*, s3:Abort* reach further.
      Grant.addToPrincipalOrResource({
        grantee: fn,
        actions: access.settlementBucket === 'read' ? ['s3:GetObject', 's3:GetObjectVersion'] : ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
        resourceArns: [props.settlementBucket.arnForObjects('*')],
        resource: props.settlementBucket,
      });
      // Listing the bucket (the bucket itself, no object): without it S3 answers a key that is not there
      // with 403 instead of 404, and a file gone from the bucket reads as refused rather than missing
      // (SETTLEMENT_FILE_MISSING for a run, "no longer there" for an upload). Keys name only a
      // provider, a date and an upload id.
      Grant.addToPrincipalOrResource({
        grantee: fn,
        actions: ['s3:ListBucket'],
        resourceArns: [props.settlementBucket.bucketArn],
        resource: props.settlementBucket,
      });
      acknowledge(
        fn.role!,
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(props.settlementBucket)}.Arn>/*]`,
        'Settlement files are named by provider and business date, known only at run time; the grant is limited to objects of the settlement bucket and to named actions.',
      );
    }
  }

  private connectEventSources(fn: NodejsFunction, definition: FunctionDefinition, props: ServiceFunctionsProps): void {
    if (definition.consumes) {
      const queue = props.queues.get(definition.consumes.queue, definition.name);
      const queueTimeout = props.queueDefinitions.find((q) => q.name === definition.consumes?.queue)?.visibilityTimeoutSeconds ?? 30;
      if (fn.timeout && fn.timeout.toSeconds() > queueTimeout) {
        throw new Error(`${definition.name} may run ${fn.timeout.toSeconds()} s but ${definition.consumes.queue} hides a message for only ${queueTimeout} s`);
      }
      fn.addEventSource(new SqsEventSource(queue, { batchSize: definition.consumes.batchSize, reportBatchItemFailures: true }));
    }
    if (definition.streams) {
      const failures = props.queues.deadLetterQueue(`${definition.name}StreamFailures`, `${definition.name} stream failures`, `failed ${definition.name} stream batches`);
      const filter = definition.streams.filter;
      fn.addEventSource(
        new DynamoEventSource(props.table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: definition.streams.batchSize,
          reportBatchItemFailures: true,
          bisectBatchOnError: true,
          retryAttempts: definition.streams.maxRetryAttempts,
          maxRecordAge: Duration.days(1),
          onFailure: new SqsDlq(failures),
          ...(filter
            ? { filters: [FilterCriteria.filter({ dynamodb: { NewImage: { [filter.attribute]: { S: FilterRule.or(...filter.values) } } } })] }
            : {}),
        }),
      );
    }
  }
}

/**
 * The AWS Parameters and Secrets Lambda Extension, through which the functions given the provider
 * secrets read them (functions/adapters/secrets/provider-secrets.ts) instead of bundling the Secrets
 * Manager client. It calls Secrets Manager with the function's role, so the grant stays what it was.
 * Its cache keeps the secret 5 minutes (the longest it allows); the function keeps its own copy for
 * 15, so a warm container asks Secrets Manager about every 15 minutes, as before. Its call to Secrets
 * Manager gets 3 s, less than the adapter waits for the extension, so a slow read fails with the
 * extension's reason. It logs warnings and errors only.
 *
 * The layer's ARN comes from CDK's table of the regions AWS publishes it in (outside a pinned region,
 * from a CfnMapping CDK adds per region). A region newer than that table takes the ARN from the
 * extension's documentation as context `secretsExtensionLayerArn`; a layer must be in the function's
 * own region, so an ARN of another region is refused here rather than by CloudFormation.
 */
function providerSecretsExtension(scope: Construct): ParamsAndSecretsLayerVersion {
  const options = {
    cacheEnabled: true,
    secretsManagerTtl: Duration.minutes(5),
    secretsManagerTimeout: Duration.seconds(3),
    logLevel: ParamsAndSecretsLogLevel.WARN,
  };
  const { region } = Stack.of(scope);
  const layerArn = scope.node.tryGetContext('secretsExtensionLayerArn') as string | undefined;
  if (layerArn === undefined) {
    if (!Token.isUnresolved(region) && !RegionInfo.get(region).paramsAndSecretsLambdaLayerArn(ParamsAndSecretsVersions.V1_0_103, 'arm64')) {
      throw new Error(
        `the Parameters and Secrets extension layer is not known for ${region}: find its arm64 ARN for ${region} in the extension's documentation and pass -c secretsExtensionLayerArn=<ARN>`,
      );
    }
    return ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, options);
  }
  const parts = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):\d{12}:layer:[A-Za-z0-9_-]+:\d+$/.exec(layerArn);
  if (!parts) throw new Error(`context secretsExtensionLayerArn must be a Lambda layer version ARN, arn:aws:lambda:<region>:<account>:layer:<name>:<version> (got ${layerArn})`);
  if (!Token.isUnresolved(region) && parts[1] !== region) {
    throw new Error(`context secretsExtensionLayerArn is a layer in ${parts[1]}, but the stack deploys to ${region}: a function can only use a layer of its own region`);
  }
  return ParamsAndSecretsLayerVersion.fromVersionArn(layerArn, options);
}

export function queueUrlVariable(queueName: string): string {
  return `QUEUE_URL_${queueName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The logical id cdk-nag names a resource by in a finding such as `Resource::<Id.Arn>/index/*`. */
export function logicalIdOf(construct: Construct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

/** An environment variable from a CDK context value (`-c portalWebhookUrl=https://…`), when given. */
function contextUrl(scope: Construct, contextKey: string, variable: string): Record<string, string> {
  const value = scope.node.tryGetContext(contextKey) as string | undefined;
  if (value === undefined) return {};
  if (!/^https:\/\/[^\s]+$/.test(value)) throw new Error(`context ${contextKey} must be an https:// URL (got ${value})`);
  return { [variable]: value };
}
