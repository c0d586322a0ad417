import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { systemClock, type Clock } from '../domain/ports/clock';
import type { MessageQueue } from '../domain/ports/message-queue';
import type { SettlementFileStore } from '../domain/ports/settlement-file-store';
import type { TargetSet } from '../domain/reports/target-sets';
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
import { DynamoDbReportCounterRepository } from './reports/report-counter-repository';
import { shippedTargetSets } from './reports/shipped-target-sets';

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
  readonly reportCounters: DynamoDbReportCounterRepository;
  readonly targetSets: readonly TargetSet[];
}

/** What the local stack and tests may install instead of the real adapters. */
export type DependencyOverrides = Partial<Pick<Dependencies, 'clock' | 'queue' | 'settlementFiles'>>;

export function buildDependencies(config: Config, overrides: DependencyOverrides = {}): Dependencies {
  // A conditional expression, not an early return: esbuild drops a dead branch's imports only then.
  return process.env.LAMBDA_BUNDLE_OMITS_TABLE === 'true' ? withoutTable(config, overrides) : withTable(config, overrides);
}

function withTable(config: Config, overrides: DependencyOverrides): Dependencies {
  const dynamoDb = connectDynamoDb({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  return {
    config,
    clock: overrides.clock ?? systemClock,
    dynamoDb,
    tableName: config.TABLE_NAME,
    queue: overrides.queue ?? sqsQueue(config),
    catalog: new DynamoDbCatalogRepository(dynamoDb.doc, config.TABLE_NAME),
    payments: new DynamoDbPaymentRepository(dynamoDb.doc, config.TABLE_NAME),
    paymentLinks: paymentLinkBuilder(config),
    settlementFiles: overrides.settlementFiles ?? settlementFileStoreFor(config),
    settlements: new DynamoDbSettlementFileRepository(dynamoDb.doc, config.TABLE_NAME),
    reconciliations: new DynamoDbReconciliationRepository(dynamoDb.doc, config.TABLE_NAME),
    reportCounters: new DynamoDbReportCounterRepository(dynamoDb.doc, config.TABLE_NAME),
    targetSets: shippedTargetSets(),
  };
}

/**
 * The bucket when SETTLEMENT_BUCKET is set; otherwise a local directory (under DATA_DIR, or a
 * temporary one when data is not kept). Inside Lambda a directory would silently lose files, so there
 * the store refuses to work without its bucket: the stack sets SETTLEMENT_BUCKET only for functions the
 * manifest gives the bucket (`needs: ['settlementBucket']`, or consuming the queue the bucket notifies),
 * and a bundle defined with LAMBDA_BUNDLE_OMITS_BUCKET leaves the S3 client out altogether.
 */
function settlementFileStoreFor(config: Config): SettlementFileStore {
  // A conditional expression, not an early return: esbuild drops a dead branch's imports only then.
  return process.env.LAMBDA_BUNDLE_OMITS_BUCKET === 'true' ? missingBucketStore : bucketOrDirectory(config);
}

function bucketOrDirectory(config: Config): SettlementFileStore {
  if (config.SETTLEMENT_BUCKET) return new S3SettlementFileStore(new S3Client({ region: config.AWS_REGION }), config.SETTLEMENT_BUCKET);
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) return missingBucketStore;
  return new FileSystemSettlementFileStore(config.DATA_DIR ? join(config.DATA_DIR, 'settlement-files') : undefined);
}

const missingBucket = async (): Promise<never> => {
  throw new AdapterNotBundledError('settlementFiles (SETTLEMENT_BUCKET is not set; needs: settlementBucket)');
};
const missingBucketStore: SettlementFileStore = { put: missingBucket, read: missingBucket, head: missingBucket, createUploadUrl: missingBucket };

/**
 * Bundle-time switches. The CDK stack bundles each Lambda with `process.env.LAMBDA_BUNDLE_OMITS_*`
 * replaced by "true" when the manifest gives that function no table access (`tableAccess: 'none'`) or
 * no queue to send to or consume (`sends`, `consumes`), so esbuild drops those clients from its bundle (infra/bundling.ts).
 * Locally and in tests they are unset and every adapter is built. In a bundle that omits one, using it
 * throws AdapterNotBundledError — the same function would be refused by IAM anyway.
 */
export class AdapterNotBundledError extends Error {
  constructor(readonly dependency: string) {
    super(`${dependency} is not available to this function: give it access in functions/manifest.ts (tableAccess / sends)`);
    this.name = 'AdapterNotBundledError';
  }
}

function sqsQueue(config: Config): MessageQueue {
  return process.env.LAMBDA_BUNDLE_OMITS_QUEUE === 'true'
    ? { send: async () => Promise.reject(new AdapterNotBundledError('queue')), retryLater: async () => Promise.reject(new AdapterNotBundledError('queue')) }
    : new SqsMessageQueue(config.AWS_REGION);
}

/** What a function without table access gets: everything that is not the table; the rest throws when used. */
function withoutTable(config: Config, overrides: DependencyOverrides): Dependencies {
  let queue: MessageQueue | undefined;
  const available = {
    config,
    clock: overrides.clock ?? systemClock,
    tableName: config.TABLE_NAME,
    get queue() {
      return (queue ??= overrides.queue ?? sqsQueue(config));
    },
    // Data shipped with the code, not the table: functions without table access may read it too.
    get targetSets() {
      return shippedTargetSets();
    },
  };
  return new Proxy(available, {
    get(target, name, receiver) {
      // `then` is probed when the object is awaited, symbols by inspection: neither is a dependency.
      if (typeof name === 'symbol' || name === 'then' || name in target) return Reflect.get(target, name, receiver);
      throw new AdapterNotBundledError(name);
    },
  }) as unknown as Dependencies;
}

let current: Promise<Dependencies> | undefined;

export function getDependencies(): Promise<Dependencies> {
  current ??= (async () => {
    const config = loadConfig();
    // In AWS the provider secrets live in Secrets Manager (the stack sets PROVIDER_SECRETS_ARN for the
    // functions that sign or verify); read once per cold start, they replace the environment's.
    if (!process.env.PROVIDER_SECRETS_ARN) return buildDependencies(config);
    const { getProviderSecrets } = await import('./adapters/secrets/provider-secrets');
    return buildDependencies(withProviderSecrets(config, await getProviderSecrets()));
  })().catch((error: unknown) => {
    current = undefined; // the next invocation tries again rather than failing until a cold start
    throw error;
  });
  return current;
}

export function withProviderSecrets(
  config: Config,
  secrets: { mockBankSecrets: readonly string[]; mockPortalSecrets: readonly string[]; portalWebhookSecret: string },
): Config {
  return {
    ...config,
    MOCK_BANK_SECRET: secrets.mockBankSecrets[0]!,
    MOCK_PORTAL_SECRET: secrets.mockPortalSecrets[0]!,
    PORTAL_WEBHOOK_SECRET: secrets.portalWebhookSecret,
    secretLists: { mockBank: secrets.mockBankSecrets, mockPortal: secrets.mockPortalSecrets, portalWebhook: [secrets.portalWebhookSecret] },
  };
}

/** The local stack and tests install their own dependencies (DynamoDB Local, the in-process queue). */
export function useDependencies(dependencies: Dependencies): void {
  current = Promise.resolve(dependencies);
}
