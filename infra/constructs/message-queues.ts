import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueDefinition } from '../../functions/manifest';
import { acknowledge } from '../nag';

/** Where failed work ends up: a manifest queue's DLQ, a stream's failed batches, a schedule's undeliverable runs. */
export interface DeadLetterQueue {
  /** What the alarm and dashboard call it. */
  readonly label: string;
  readonly queue: Queue;
}

/**
 * One SQS queue per manifest queue, each with its own dead-letter queue. Queues are encrypted and
 * refuse requests without TLS; messages that fail `maxReceiveCount` times move to the DLQ, which
 * keeps them the SQS maximum of 14 days for an operator to inspect and redrive.
 */
export class MessageQueues extends Construct {
  readonly byName = new Map<string, Queue>();
  readonly deadLetterQueues: DeadLetterQueue[] = [];

  constructor(scope: Construct, id: string, definitions: readonly QueueDefinition[]) {
    super(scope, id);
    for (const definition of definitions) {
      const deadLetterQueue = this.deadLetterQueue(`${pascal(definition.name)}DeadLetterQueue`, `${definition.name} DLQ`);
      const queue = new Queue(this, `${pascal(definition.name)}Queue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
      });
      this.byName.set(definition.name, queue);
    }
  }

  /** A DLQ that is no queue's redrive target (stream and schedule failures) says so to cdk-nag itself. */
  deadLetterQueue(id: string, label: string, destinationOf?: string): Queue {
    const queue = new Queue(this, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    if (destinationOf) {
      acknowledge(
        queue,
        'AwsSolutions-SQS3',
        `This queue is itself a dead-letter destination (${destinationOf}); it is alarmed on and read by operators, so it needs no DLQ of its own.`,
      );
    }
    this.deadLetterQueues.push({ label, queue });
    return queue;
  }

  get(name: string, user: string): Queue {
    const queue = this.byName.get(name);
    if (!queue) throw new Error(`${user} names queue "${name}", which functions/manifest.ts does not declare`);
    return queue;
  }
}

export function pascal(name: string): string {
  return name.replace(/(^|[-_\s])([a-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase());
}
