import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { logicalIdOf, type ServiceFunction } from './service-functions';

const EXPRESSION = /^(cron|rate|at)\(.+\)$/;

/**
 * One EventBridge Scheduler schedule per manifest function that has a `schedule`, in Vietnam's time
 * zone so "23:30" means the business day's 23:30. A run that cannot be delivered after retries goes to
 * the schedules' dead-letter queue (alarmed like every other DLQ).
 */
export class Schedules extends Construct {
  readonly schedules: { readonly functionName: string; readonly schedule: Schedule }[] = [];

  constructor(scope: Construct, id: string, functions: readonly ServiceFunction[], deadLetterQueue: () => Queue) {
    super(scope, id);
    for (const { definition, fn } of functions) {
      if (!definition.schedule) continue;
      const { expression } = definition.schedule;
      if (!EXPRESSION.test(expression)) {
        throw new Error(`${definition.name}: schedule "${expression}" is not an EventBridge Scheduler expression (cron(...), rate(...) or at(...))`);
      }
      const role = new Role(this, `${definition.name}ScheduleRole`, {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
        description: `Lets EventBridge Scheduler invoke ${definition.name}`,
      });
      const schedule = new Schedule(this, `${definition.name}Schedule`, {
        description: `Runs ${definition.name} (functions/manifest.ts)`,
        schedule: ScheduleExpression.expression(expression, TimeZone.ASIA_HO_CHI_MINH),
        target: new LambdaInvoke(fn, { role, retryAttempts: 3, maxEventAge: Duration.hours(1), deadLetterQueue: deadLetterQueue() }),
      });
      acknowledge(
        role,
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(fn)}.Arn>:*]`,
        `The invoke grant covers ${definition.name}'s versions and aliases (that is how Lambda grants invoke); this role can invoke no other function.`,
      );
      this.schedules.push({ functionName: definition.name, schedule });
    }
  }
}
