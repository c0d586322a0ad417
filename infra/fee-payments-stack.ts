import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { UserPool, UserPoolClient, CfnUserPoolGroup, StringAttribute } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { tableDesign } from '../functions/adapters/dynamodb/table-design';
import { ROLES } from '../functions/http/principal';
import { functions, queues, type FunctionDefinition } from '../functions/manifest';
import { nodejsBundling } from './bundling';
import { accessOf } from './function-access';

/**
 * The service in AWS, built from the same manifest and table design the local stack uses:
 * one Lambda per manifest function, the HTTP API routes with a JWT authorizer on `jwt` routes,
 * one SQS queue (with a dead-letter queue) per manifest queue, and the single DynamoDB table.
 */
export interface FeePaymentsStackProps extends StackProps {
  readonly stage: 'dev' | 'prod';
}

const PROJECT_ROOT = join(__dirname, '..');

export class FeePaymentsStack extends Stack {
  constructor(scope: Construct, id: string, props: FeePaymentsStackProps) {
    super(scope, id, props);
    const production = props.stage === 'prod';

    const table = new TableV2(this, 'Table', {
      partitionKey: { name: tableDesign.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDesign.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: tableDesign.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: tableDesign.timeToLiveAttribute,
      dynamoStream: StreamViewType[tableDesign.streamView],
      deletionProtection: production,
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const queueUrls: Record<string, string> = {};
    const queuesByName = new Map<string, Queue>();
    for (const definition of queues) {
      const deadLetterQueue = new Queue(this, `${pascal(definition.name)}DeadLetterQueue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      const queue = new Queue(this, `${pascal(definition.name)}Queue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
      });
      queuesByName.set(definition.name, queue);
      queueUrls[`QUEUE_URL_${definition.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`] = queue.queueUrl;
    }

    const userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      customAttributes: { agencies: new StringAttribute({ mutable: true, maxLen: 2048 }) },
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const role of ROLES) new CfnUserPoolGroup(this, `${pascal(role)}Group`, { userPoolId: userPool.userPoolId, groupName: role });
    const userPoolClient = new UserPoolClient(this, 'UserPoolClient', { userPool, authFlows: { userSrp: true } });
    const authorizer = new HttpJwtAuthorizer('JwtAuthorizer', `https://cognito-idp.${this.region}.amazonaws.com/${userPool.userPoolId}`, {
      jwtAudience: [userPoolClient.userPoolClientId],
    });

    const api = new HttpApi(this, 'HttpApi', {
      corsPreflight: { allowOrigins: ['*'], allowMethods: [CorsHttpMethod.ANY], allowHeaders: ['authorization', 'content-type', 'idempotency-key'] },
    });

    for (const definition of functions) {
      const fn = this.lambdaFor(definition, { TABLE_NAME: table.tableName, ...queueUrls });
      table.grantReadWriteData(fn);
      for (const route of definition.routes ?? []) {
        api.addRoutes({
          path: route.path,
          methods: [HttpMethod[route.method]],
          integration: new HttpLambdaIntegration(`${definition.name}${route.method}Integration`, fn),
          ...(route.auth === 'jwt' ? { authorizer } : {}),
        });
      }
      if (definition.consumes) {
        const queue = queuesByName.get(definition.consumes.queue);
        if (!queue) throw new Error(`${definition.name} consumes unknown queue ${definition.consumes.queue}`);
        fn.addEventSource(new SqsEventSource(queue, { batchSize: definition.consumes.batchSize, reportBatchItemFailures: true }));
      }
      for (const queue of queuesByName.values()) queue.grantSendMessages(fn);
    }

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: userPoolClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }

  private lambdaFor(definition: FunctionDefinition, environment: Record<string, string>): NodejsFunction {
    return new NodejsFunction(this, definition.name, {
      entry: join(PROJECT_ROOT, definition.entry),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: definition.memoryMb ?? 512,
      timeout: Duration.seconds(definition.timeoutSeconds ?? 10),
      logGroup: new LogGroup(this, `${definition.name}Logs`, { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
      environment: { ...environment, NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'fee-payments' },
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      bundling: nodejsBundling(accessOf(definition, queues)),
    });
  }
}

function pascal(name: string): string {
  return name.replace(/(^|[-_\s])([a-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase());
}
