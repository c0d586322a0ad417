// Proves the stack wires what the manifest declares, generically: routes and their authorizer, throttling, queue and stream consumers, the secrets extension, schedules on the right functions, the settlement bucket's upload queue, alarms, the dashboard and the outputs.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FeePaymentsStack } from '../../infra/fee-payments-stack';
import { DEFAULT_API_TIMEOUT_SECONDS, DEFAULT_MEMORY_MB, DEFAULT_WORKER_TIMEOUT_SECONDS } from '../../infra/constructs/service-functions';
import { stageSettings } from '../../infra/stage';
import { fullManifest, uploadsQueueName } from './fixtures/full-manifest';
import { functions as realFunctions, queues as realQueues } from '../../functions/manifest';
import { synthTemplate } from '../support/synth';
import { environmentOf, functionId, layersOf, referencedId, resourcesOf } from './template-support';
import { METRIC } from '../../functions/observability/metric-names';

const { template } = synthTemplate('dev', { manifest: fullManifest, alarmEmail: 'ops@example.org' });

/** The API's one authorizer of a type: JWT (the Cognito JWT authorizer). */
function authorizerOfType(type: 'JWT') {
  const found = resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer').filter(([, authorizer]) => authorizer.Properties!.AuthorizerType === type);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('HTTP API', () => {
  it('puts the Cognito JWT authorizer on every jwt route, and none on public, signed or staff page routes', () => {
    const [jwtId, jwt] = authorizerOfType('JWT');
    expect(jwt.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: { 'Fn::GetAtt': [expect.stringMatching(/^UsersUserPool/), 'ProviderURL'] }, Audience: [{ Ref: expect.stringMatching(/^UsersUserPoolClient/) }] },
    });
    expect(resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer')).toHaveLength(1);
    const routes = new Map(resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(([, route]) => [route.Properties!.RouteKey as string, route.Properties!]));
    const declared = fullManifest.functions.flatMap((fn) => fn.routes ?? []);
    expect(routes.size).toBe(declared.length);
    for (const route of declared) {
      const deployed = routes.get(`${route.method} ${route.path}`)!;
      if (route.auth === 'jwt') expect(deployed).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: jwtId } });
      else expect([route.path, deployed.AuthorizationType ?? 'NONE', deployed.AuthorizerId]).toEqual([route.path, 'NONE', undefined]);
    }
  });

  it('gives staff sign-in the managed login: a Cognito domain, a code-grant client returning to /login/callback, told only to the functions that need it', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2, Domain: Match.anyValue() });
    const staffClients = resourcesOf(template, 'AWS::Cognito::UserPoolClient').filter(([, client]) => client.Properties!.AllowedOAuthFlowsUserPoolClient === true);
    expect(staffClients).toHaveLength(1);
    const [staffClientId, staffClient] = staffClients[0]!;
    expect(staffClient.Properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: expect.arrayContaining(['openid']),
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [{ 'Fn::Join': ['', [expect.anything(), '/login/callback']] }],
      LogoutURLs: [{ 'Fn::Join': ['', [expect.anything(), '/login?reason=signed-out']] }],
    });
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { ClientId: { Ref: staffClientId }, UseCognitoProvidedValues: true });
    const told = fullManifest.functions.filter((fn) => environmentOf(template, fn.name).STAFF_SIGN_IN === 'cognito').map((fn) => fn.name);
    expect(told.sort()).toEqual(fullManifest.functions.filter((fn) => fn.needs?.includes('staffSignIn')).map((fn) => fn.name).sort());
    expect(told.length).toBeGreaterThan(0);
    expect(environmentOf(template, told[0]!)).toMatchObject({
      COGNITO_STAFF_CLIENT_ID: { Ref: staffClientId },
      COGNITO_ISSUER: { 'Fn::GetAtt': [expect.stringMatching(/^UsersUserPool/), 'ProviderURL'] },
      COGNITO_LOGIN_URL: expect.anything(),
    });
  });

  it('throttles the whole stage, callbacks more tightly, and logs every request', () => {
    const { apiThrottle, callbackThrottle } = stageSettings('dev');
    const signedRouteKeys = fullManifest.functions.flatMap((fn) => (fn.routes ?? []).filter((r) => r.auth === 'signed').map((r) => `${r.method} ${r.path}`));
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: apiThrottle.rateLimit, ThrottlingBurstLimit: apiThrottle.burstLimit },
      RouteSettings: Object.fromEntries(
        signedRouteKeys.map((key) => [key, { ThrottlingRateLimit: callbackThrottle.rateLimit, ThrottlingBurstLimit: callbackThrottle.burstLimit }]),
      ),
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"status":"\\$context.status"') },
    });
    expect(callbackThrottle.rateLimit).toBeLessThan(apiThrottle.rateLimit);
  });
});

describe('functions', () => {
  it('runs every manifest function on Node.js 22 arm64 with the manifest memory and timeout, or the defaults', () => {
    for (const fn of fullManifest.functions) {
      const worker = fn.consumes !== undefined || fn.schedule !== undefined || fn.streams !== undefined;
      template.hasResource('AWS::Lambda::Function', {
        Properties: Match.objectLike({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          MemorySize: fn.memoryMb ?? DEFAULT_MEMORY_MB,
          Timeout: fn.timeoutSeconds ?? (worker ? DEFAULT_WORKER_TIMEOUT_SECONDS : DEFAULT_API_TIMEOUT_SECONDS),
          LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp(`^Functions${fn.name}Logs`) } },
        }),
      });
      expect(environmentOf(template, fn.name)).toMatchObject({ TABLE_NAME: { Ref: expect.stringMatching(/^DataTable/) } });
      // Source maps are read when a stack trace is formatted (infra/bundling.ts), not at every cold start.
      expect(environmentOf(template, fn.name)).not.toHaveProperty('NODE_OPTIONS');
    }
    expect(resourcesOf(template, 'AWS::Lambda::Function')).toHaveLength(fullManifest.functions.length);
  });

  it('configures the Parameters and Secrets extension where it runs: its port, a 5-minute cache, a time limit under the adapter’s', () => {
    const readers = fullManifest.functions.filter((fn) => 'PROVIDER_SECRETS_ARN' in environmentOf(template, fn.name));
    expect(readers.length).toBeGreaterThan(0);
    for (const fn of readers) {
      expect(environmentOf(template, fn.name)).toMatchObject({
        PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '2773',
        PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED: 'true',
        SECRETS_MANAGER_TTL: '300',
        SECRETS_MANAGER_TIMEOUT_MILLIS: '3000',
        PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'warn',
      });
    }
  });

  it('synthesizes without a region, finding the extension layer per region in a mapping', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const regionless = Template.fromStack(new FeePaymentsStack(app, 'FeePayments-dev', { stage: 'dev', manifest: fullManifest }));
    const reader = fullManifest.functions.find((fn) => fn.needs?.includes('providerSecrets') || fn.routes?.some((route) => route.auth === 'signed'))!;

    const [mappingId, mapping] = Object.entries(regionless.toJSON().Mappings as Record<string, Record<string, Record<string, string>>>).find(([id]) => /layer/i.test(id))!;
    expect(layersOf(regionless, reader.name)).toEqual([{ 'Fn::FindInMap': [mappingId, { Ref: 'AWS::Region' }, expect.stringMatching(/arm64$/)] }]);
    expect(Object.values(mapping['ap-southeast-1']!)).toEqual([expect.stringMatching(/:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:/)]);
  });

  it('takes the extension layer from context in a region CDK does not list it for, and refuses a layer of another region', () => {
    const synthIn = (region: string, context: Record<string, string> = {}) => {
      const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
      return Template.fromStack(new FeePaymentsStack(app, 'FeePayments-dev', { stage: 'dev', manifest: fullManifest, env: { account: '111111111111', region } }));
    };
    const reader = fullManifest.functions.find((fn) => fn.routes?.some((route) => route.auth === 'signed'))!;
    const layerArn = 'arn:aws:lambda:ap-future-1:123456789012:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:3';

    expect(() => synthIn('ap-future-1')).toThrow(
      'the Parameters and Secrets extension layer is not known for ap-future-1: find its arm64 ARN for ap-future-1 in the extension\'s documentation and pass -c secretsExtensionLayerArn=<ARN>',
    );
    expect(layersOf(synthIn('ap-future-1', { secretsExtensionLayerArn: layerArn }), reader.name)).toEqual([layerArn]);
    expect(() => synthIn('ap-southeast-1', { secretsExtensionLayerArn: layerArn })).toThrow(
      'context secretsExtensionLayerArn is a layer in ap-future-1, but the stack deploys to ap-southeast-1: a function can only use a layer of its own region',
    );
    expect(() => synthIn('ap-future-1', { secretsExtensionLayerArn: 'AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:3' })).toThrow(/must be a Lambda layer version ARN/);
  });

  it('feeds each queue consumer its queue with partial batch responses', () => {
    for (const fn of fullManifest.functions.filter((f) => f.consumes)) {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: functionId(template, fn.name) },
        BatchSize: fn.consumes!.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Queues'), 'Arn'] },
      });
    }
  });

  it('feeds stream consumers the table stream, filtered, with failed batches kept in a queue', () => {
    const consumers = fullManifest.functions.filter((fn) => fn.streams);
    expect(consumers.length).toBeGreaterThan(0);
    for (const relay of consumers) {
      const filter = relay.streams!.filter;
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: functionId(template, relay.name) },
        EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataTable'), 'StreamArn'] },
        BatchSize: relay.streams!.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        ...(filter ? { FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ dynamodb: { NewImage: { [filter.attribute]: { S: filter.values } } } }) }] } } : {}),
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^Queues${relay.name}StreamFailures`), 'Arn'] } } },
      });
    }
  });
});

describe('schedules', () => {
  it('invokes exactly the scheduled functions, with their expressions, in Vietnam time', () => {
    const scheduled = fullManifest.functions.filter((fn) => fn.schedule);
    const schedules = resourcesOf(template, 'AWS::Scheduler::Schedule').map(([, schedule]) => schedule.Properties!);
    expect(schedules).toHaveLength(scheduled.length);
    for (const fn of scheduled) {
      const schedule = schedules.find((s) => referencedId(s.Target.Arn) === functionId(template, fn.name));
      expect(schedule).toMatchObject({
        ScheduleExpression: fn.schedule!.expression,
        ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
        Target: { DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^QueuesScheduleFailures/), 'Arn'] } } },
      });
    }
  });

  it('refuses a schedule expression EventBridge Scheduler would not take', () => {
    const broken = { ...fullManifest, functions: [{ name: 'Broken', entry: 'functions/health/health.handler.ts', schedule: { expression: '0 23 * * *', localEveryMs: 1000 } }] };
    expect(() => synthTemplate('dev', { manifest: broken })).toThrow(/not an EventBridge Scheduler expression/);
  });
});

describe('settlement files', () => {
  it('tells the declared upload queue about every new file, and only S3 from this bucket may send to it', () => {
    const idPrefix = `Queues${uploadsQueueName.replace(/(^|-)([a-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase())}Queue`;
    const uploads = resourcesOf(template, 'AWS::SQS::Queue').find(([id]) => id.startsWith(idPrefix))![0];
    template.hasResourceProperties('AWS::S3::Bucket', {
      NotificationConfiguration: { QueueConfigurations: [{ Event: 's3:ObjectCreated:*', Queue: { 'Fn::GetAtt': [uploads, 'Arn'] } }] },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: uploads }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Condition: { ArnEquals: { 'aws:SourceArn': Match.anyValue() }, StringEquals: { 'aws:SourceAccount': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('deploys the bucket without notifications when no queue asks for them', () => {
    const notified = new Set(realQueues.filter((queue) => queue.notifiedBy).map((queue) => queue.name));
    const manifest = {
      queues: realQueues.filter((queue) => !notified.has(queue.name)),
      functions: realFunctions.filter((fn) => !(fn.consumes && notified.has(fn.consumes.queue))),
    };
    const { template: plain } = synthTemplate('dev', { manifest });
    const [, bucket] = resourcesOf(plain, 'AWS::S3::Bucket').find(([id]) => id.startsWith('SettlementFilesBucket'))!;
    expect(bucket.Properties!.NotificationConfiguration).toBeUndefined();
  });
});

describe('monitoring', () => {
  it('alarms on API 5xx, API p99 latency, failed reconciliations and each function’s errors, all into the SNS topic', () => {
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties!);
    const topic = resourcesOf(template, 'AWS::SNS::Topic')[0]![0];
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
    expect(alarms).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Namespace: 'AWS/ApiGateway', MetricName: '5xx' }),
        expect.objectContaining({ Namespace: 'AWS/ApiGateway', MetricName: 'Latency', ExtendedStatistic: 'p99' }),
        expect.objectContaining({ Namespace: 'FeePayments', MetricName: 'ReconciliationFailed', Dimensions: [{ Name: 'service', Value: 'fee-payments' }] }),
      ]),
    );
    const erroring = alarms.filter((alarm) => alarm.Namespace === 'AWS/Lambda' && alarm.MetricName === 'Errors').map((alarm) => referencedId(alarm.Dimensions[0].Value));
    expect(new Set(erroring)).toEqual(new Set(fullManifest.functions.map((fn) => functionId(template, fn.name))));
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
  });

  it('alarms on custom metrics only by names the functions emit, in their namespace and with the service dimension they carry', () => {
    const custom = resourcesOf(template, 'AWS::CloudWatch::Alarm')
      .map(([, alarm]) => alarm.Properties!)
      .filter((alarm) => !String(alarm.Namespace).startsWith('AWS/'));
    const emitted: string[] = Object.values(METRIC);

    expect(custom.map((alarm) => [alarm.Namespace, alarm.MetricName, alarm.Dimensions]).sort()).toEqual([
      ['FeePayments', 'ReconciliationFailed', [{ Name: 'service', Value: 'fee-payments' }]],
      ['FeePayments', 'SignatureRefused', [{ Name: 'service', Value: 'fee-payments' }]],
    ]);
    expect(custom.filter((alarm) => !emitted.includes(alarm.MetricName))).toEqual([]);
  });

  it('has a dashboard and the outputs an operator needs', () => {
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'fee-payments-dev' });
    for (const output of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName', 'SettlementBucketName', 'ProviderSecretArn', 'AlarmTopicArn']) {
      template.hasOutput(output, {});
    }
  });
});
