import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { systemClock, type Clock } from '../domain/ports/clock';
import type { MessageQueue } from '../domain/ports/message-queue';
import type { SettlementFileStore } from '../domain/ports/settlement-file-store';
import { connectDynamoDb, type DynamoDbConnection } from './adapters/dynamodb/clients';
import { FileSystemSettlementFileStore } from './adapters/filesystem/filesystem-settlement-file-store';
import { S3SettlementFileStore } from './adapters/s3/s3-settlement-file-store';
import { SqsMessageQueue } from './adapters/sqs/sqs-message-queue';
import { DynamoDbCatalogRepository } from './catalog/catalog-repository';
import { loadConfig, type Config } from './config';
import { paymentLinkBuilder, type PaymentLinkBuilder } from './payments/payment-links';
import { DynamoDbPaymentRepository } from './payments/payment-repository';
import { DynamoDbReconciliationRepository } from './reconciliation/reconciliation-repository';
import { DynamoDbSettlementFileRepository } from './settlements/settlement-file-repository';

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
  /** The bytes of settlement files (S3 in AWS, a directory locally). */
  readonly settlementFiles: SettlementFileStore;
  readonly settlements: DynamoDbSettlementFileRepository;
  readonly reconciliations: DynamoDbReconciliationRepository;
}

export function buildDependencies(config: Config, overrides: Partial<Pick<Dependencies, 'clock' | 'queue' | 'settlementFiles'>> = {}): Dependencies {
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
    settlementFiles: overrides.settlementFiles ?? settlementFileStoreFor(config),
    settlements: new DynamoDbSettlementFileRepository(dynamoDb.doc, config.TABLE_NAME),
    reconciliations: new DynamoDbReconciliationRepository(dynamoDb.doc, config.TABLE_NAME),
  };
}

/**
 * The bucket when SETTLEMENT_BUCKET is set; otherwise a local directory (under DATA_DIR, or a
 * temporary one when data is not kept). Inside Lambda a directory would silently lose files, so there
 * the store refuses to work without its bucket (only functions granted the bucket are given it).
 */
function settlementFileStoreFor(config: Config): SettlementFileStore {
  if (config.SETTLEMENT_BUCKET) return new S3SettlementFileStore(new S3Client({ region: config.AWS_REGION }), config.SETTLEMENT_BUCKET);
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) return missingBucketStore;
  return new FileSystemSettlementFileStore(config.DATA_DIR ? join(config.DATA_DIR, 'settlement-files') : undefined);
}

const missingBucket = (): never => {
  throw new Error('SETTLEMENT_BUCKET environment variable is not set');
};
const missingBucketStore: SettlementFileStore = { put: missingBucket, read: missingBucket, head: missingBucket, createUploadUrl: missingBucket };

let current: Promise<Dependencies> | undefined;

export function getDependencies(): Promise<Dependencies> {
  current ??= Promise.resolve().then(() => buildDependencies(loadConfig()));
  return current;
}

/** The local stack and tests install their own dependencies (DynamoDB Local, the in-process queue). */
export function useDependencies(dependencies: Dependencies): void {
  current = Promise.resolve(dependencies);
}
