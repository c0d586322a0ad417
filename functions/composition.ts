import { systemClock, type Clock } from '../domain/ports/clock';
import type { MessageQueue } from '../domain/ports/message-queue';
import { connectDynamoDb, type DynamoDbConnection } from './adapters/dynamodb/clients';
import { SqsMessageQueue } from './adapters/sqs/sqs-message-queue';
import { DynamoDbCatalogRepository } from './catalog/catalog-repository';
import { loadConfig, type Config } from './config';
import { paymentLinkBuilder, type PaymentLinkBuilder } from './payments/payment-links';
import { DynamoDbPaymentRepository } from './payments/payment-repository';

/**
 * The composition root: builds the real adapters once per cold start (or once per local stack) and
 * hands them to handlers. Handlers never construct their own clients or repositories.
 */
export interface Dependencies {
  readonly config: Config;
  readonly clock: Clock;
  readonly dynamoDb: DynamoDbConnection;
  readonly tableName: string;
  readonly queue: MessageQueue;
  readonly catalog: DynamoDbCatalogRepository;
  readonly payments: DynamoDbPaymentRepository;
  readonly paymentLinks: PaymentLinkBuilder;
}

export function buildDependencies(config: Config, overrides: Partial<Pick<Dependencies, 'clock' | 'queue'>> = {}): Dependencies {
  const dynamoDb = connectDynamoDb({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  return {
    config,
    clock: overrides.clock ?? systemClock,
    dynamoDb,
    tableName: config.TABLE_NAME,
    queue: overrides.queue ?? new SqsMessageQueue(config.AWS_REGION),
    catalog: new DynamoDbCatalogRepository(dynamoDb.doc, config.TABLE_NAME),
    payments: new DynamoDbPaymentRepository(dynamoDb.doc, config.TABLE_NAME),
    paymentLinks: paymentLinkBuilder(config),
  };
}

let current: Promise<Dependencies> | undefined;

export function getDependencies(): Promise<Dependencies> {
  current ??= Promise.resolve().then(() => buildDependencies(loadConfig()));
  return current;
}

/** The local stack and tests install their own dependencies (DynamoDB Local, the in-process queue). */
export function useDependencies(dependencies: Dependencies): void {
  current = Promise.resolve(dependencies);
}
