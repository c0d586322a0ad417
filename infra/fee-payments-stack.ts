import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { functions, queues, type FunctionDefinition, type QueueDefinition } from '../functions/manifest';
import { MessageQueues } from './constructs/message-queues';
import { Monitoring } from './constructs/monitoring';
import { ProviderSecrets } from './constructs/provider-secrets';
import { Schedules } from './constructs/schedules';
import { ServiceApi } from './constructs/service-api';
import { ServiceFunctions } from './constructs/service-functions';
import { ServiceTable } from './constructs/service-table';
import { SettlementFiles } from './constructs/settlement-files';
import { UserDirectory } from './constructs/user-directory';
import { stageSettings, type StageName } from './stage';

export interface FeePaymentsStackProps extends StackProps {
  readonly stage: StageName;
  /** Where alarm e-mails go (context `alarmEmail`); without it, subscribe to the topic yourself. */
  readonly alarmEmail?: string;
  /** The manifest to deploy; tests pass their own to cover functions the service does not have yet. */
  readonly manifest?: { readonly functions: readonly FunctionDefinition[]; readonly queues: readonly QueueDefinition[] };
}

/**
 * The service in AWS, built from the same manifest and table design the local stack uses
 * (functions/manifest.ts, functions/adapters/dynamodb/table-design.ts): nothing here names a
 * particular function, queue or schedule, so adding one to the manifest deploys it.
 */
export class FeePaymentsStack extends Stack {
  readonly functions: ServiceFunctions;

  constructor(scope: Construct, id: string, props: FeePaymentsStackProps) {
    super(scope, id, props);
    const stage = stageSettings(props.stage);
    const manifest = props.manifest ?? { functions, queues };

    const { table } = new ServiceTable(this, 'Data', stage);
    const messageQueues = new MessageQueues(this, 'Queues', manifest.queues);
    const settlementUploads = manifest.queues.find((queue) => queue.notifiedBy === 'settlementBucket');
    const settlements = new SettlementFiles(
      this,
      'SettlementFiles',
      stage,
      settlementUploads ? messageQueues.get(settlementUploads.name, 'the settlement bucket') : undefined,
    );
    const { secret } = new ProviderSecrets(this, 'ProviderSecrets', stage);
    const users = new UserDirectory(this, 'Users', stage);
    const api = new ServiceApi(this, 'Api', stage);

    this.functions = new ServiceFunctions(this, 'Functions', {
      stage,
      functions: manifest.functions,
      queueDefinitions: manifest.queues,
      table,
      queues: messageQueues,
      settlementBucket: settlements.bucket,
      providerSecrets: secret,
      publicBaseUrl: api.api.apiEndpoint,
      staffSignIn: users.addStaffSignIn(api.api.apiEndpoint, stage),
    });
    api.addRoutes(this.functions.all, { userPool: users.userPool, client: users.client, stage });

    let scheduleFailures: ReturnType<MessageQueues['deadLetterQueue']> | undefined;
    new Schedules(this, 'Schedules', this.functions.all, () => {
      scheduleFailures ??= messageQueues.deadLetterQueue('ScheduleFailures', 'schedule failures', 'scheduled runs EventBridge Scheduler could not deliver');
      return scheduleFailures;
    });

    const monitoring = new Monitoring(this, 'Monitoring', {
      stage,
      api: api.api,
      functions: this.functions.all,
      deadLetterQueues: messageQueues.deadLetterQueues,
      table,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });

    new CfnOutput(this, 'ApiUrl', { value: api.api.apiEndpoint, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: users.client.userPoolClientId });
    new CfnOutput(this, 'StaffSignInUrl', { value: `${api.api.apiEndpoint}/login`, description: 'Where staff sign in (the Cognito managed login)' });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'SettlementBucketName', { value: settlements.bucket.bucketName });
    new CfnOutput(this, 'ProviderSecretArn', { value: secret.secretArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: monitoring.topic.topicArn });
    new CfnOutput(this, 'DashboardName', { value: `fee-payments-${stage.name}` });
  }
}
