import { join } from 'node:path';
import { systemClock, type Clock } from '../domain/ports/clock';
import type { MessageQueue, MessageRetries } from '../domain/ports/message-queue';
import type { SettlementFileStore } from '../domain/ports/settlement-file-store';
import type { TargetSet } from '../domain/reports/target-sets';
import { connectDynamoDb, type DynamoDbConnection } from './adapters/dynamodb/clients';
import { FileSystemSettlementFileStore } from './adapters/filesystem/filesystem-settlement-file-store';
import { S3SettlementFileStore } from './adapters/s3/s3-settlement-file-store';
import { getProviderSecrets } from './adapters/secrets/provider-secrets';
import { SqsMessageQueue } from './adapters/sqs/sqs-message-queue';
import { SqsMessageRetries } from './adapters/sqs/sqs-message-retries';
import { DynamoDbCaseRepository } from './cases/case-repository';
import { DynamoDbCatalogRepository } from './catalog/catalog-repository';
import { loadConfig, type Config } from './config';
import { paymentLinkBuilder, type PaymentLinkBuilder } from './payments/payment-links';
import { DynamoDbPaymentRepository } from './payments/payment-repository';
import { DynamoDbPaymentRequestRepository } from './payments/payment-request-repository';
import { DynamoDbAutoApplyRecords } from './reconciliation/auto-apply-records';
import { DynamoDbReconciliationRepository } from './reconciliation/reconciliation-repository';
import { DynamoDbRefundRepository } from './refunds/refund-repository';
import { DynamoDbReportCounterRepository } from './reports/report-counter-repository';
import { shippedTargetSets } from './reports/shipped-target-sets';
import { DynamoDbSettlementFileRepository } from './settlements/settlement-file-repository';
import { DynamoDbLoginAttempts } from './staff/login-attempts';
import { DynamoDbStaffSessionRepository } from './staff/staff-session-repository';
import { DynamoDbStaffUserRepository } from './staff/staff-user-repository';

/**
 * The composition root: the one place the real adapters are built. Handlers never construct their
 * own clients or repositories; they name what they use, and get exactly that.
 *
 * Each dependency below is a small recipe, exported by name. A handler lists the recipes it uses
 * (`apiHandler({ …, uses: [payments, clock] }, …)` or `getDependencies([queue])`); on a cold start only
 * those are built, once, together with what they need. Because nothing else refers to the other
 * recipes, esbuild drops them from the function's bundle, and with them their repositories and AWS SDK
 * clients: a function that reads payments carries neither S3 nor the reconciliation repository.
 *
 * The local stack and tests build every dependency at once (`buildDependencies`, with their own
 * clock, queue or settlement store) and install them with `useDependencies`; handlers then take what
 * they list from that one set.
 */
export interface Dependencies {
  readonly config: Config;
  readonly clock: Clock;
  readonly dynamoDb: DynamoDbConnection;
  readonly tableName: string;
  readonly queue: MessageQueue;
  readonly messageRetries: MessageRetries;
  readonly catalog: DynamoDbCatalogRepository;
  /** Payments after their creation: the state machine's moves, reconciliation's notes, reads. */
  readonly payments: DynamoDbPaymentRepository;
  /** Creating payments, with the idempotency keys of payment requests (only CreatePayment does). */
  readonly paymentRequests: DynamoDbPaymentRequestRepository;
  readonly paymentLinks: PaymentLinkBuilder;
  /** The bytes of settlement files (S3 in AWS, a directory locally). */
  readonly settlementFiles: SettlementFileStore;
  readonly settlements: DynamoDbSettlementFileRepository;
  readonly reconciliations: DynamoDbReconciliationRepository;
  /** The lost callbacks the reconciliation worker applies. */
  readonly autoApplies: DynamoDbAutoApplyRecords;
  readonly reportCounters: DynamoDbReportCounterRepository;
  /** One case per problem with money, whichever flow found it (domain/cases/). */
  readonly cases: DynamoDbCaseRepository;
  /** Refunds of payments and their idempotency keys (functions/refunds/). */
  readonly refunds: DynamoDbRefundRepository;
  readonly targetSets: readonly TargetSet[];
  /** Staff pages' sessions (functions/staff/). */
  readonly staffSessions: DynamoDbStaffSessionRepository;
  /** The local sign-in's users (in AWS, Cognito keeps them). */
  readonly staffUsers: DynamoDbStaffUserRepository;
  /** Failed local sign-ins per username, to slow down guessing. */
  readonly loginAttempts: DynamoDbLoginAttempts;
}

export type DependencyName = keyof Dependencies;

/** How one dependency is built: from the configuration and the other dependencies it `use`s. */
export interface Dependency<K extends DependencyName> {
  readonly name: K;
  readonly build: (from: { readonly config: Config; use<J extends DependencyName>(dependency: Dependency<J>): Dependencies[J] }) => Dependencies[K];
}

/** What a list of recipes resolves to: `[payments, clock]` gives `{ payments, clock }`. */
export type DependenciesOf<U extends Dependency<DependencyName>> = Pick<Dependencies, U['name']>;

/** What the local stack and tests may install instead of the real adapters. */
export type DependencyOverrides = Partial<Pick<Dependencies, 'clock' | 'queue' | 'messageRetries' | 'settlementFiles'>>;

/*
 * The recipes. Each must stay a plain object literal, so that esbuild can drop one nobody imports.
 *
 * Bundle-time switches: the CDK stack bundles each Lambda with `process.env.LAMBDA_BUNDLE_OMITS_*`
 * replaced by "true" when the manifest gives that function no table (`tableAccess: 'none'`), no
 * queue to send to (`sends`), no queue it consumes (`consumes`), no settlement bucket or no provider
 * secrets, and by "false" otherwise (infra/bundling.ts). The test is written out in each recipe,
 * never through a helper, because esbuild only drops the dead branch of a literal comparison. A
 * function that lists such a dependency anyway gets AdapterNotBundledError when it resolves it,
 * naming the manifest field to change — IAM would refuse the call in any case — and
 * test/infra/bundling.test.ts finds it before a deploy. The switches are there for least privilege
 * and clarity (infra/bundling.ts says why), not bundle bytes. Locally and in tests they are unset and
 * everything can be built.
 */

export const config: Dependency<'config'> = { name: 'config', build: (from) => from.config };

export const clock: Dependency<'clock'> = { name: 'clock', build: () => systemClock };

export const tableName: Dependency<'tableName'> = { name: 'tableName', build: (from) => from.config.TABLE_NAME };

/** One DynamoDB client per process; the repositories share it. */
export const dynamoDb: Dependency<'dynamoDb'> = {
  name: 'dynamoDb',
  build: ({ config }) =>
    process.env.LAMBDA_BUNDLE_OMITS_TABLE === 'true'
      ? notGranted('dynamoDb', 'tableAccess')
      : connectDynamoDb({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
};

export const queue: Dependency<'queue'> = {
  name: 'queue',
  build: ({ config }) => (process.env.LAMBDA_BUNDLE_OMITS_SENDS === 'true' ? notGranted('queue', 'sends (a queue)') : new SqsMessageQueue(config.AWS_REGION)),
};

/** Apart from `queue`: a consumer may put off the messages of the queue it consumes without being allowed to send to any. */
export const messageRetries: Dependency<'messageRetries'> = {
  name: 'messageRetries',
  build: ({ config }) =>
    process.env.LAMBDA_BUNDLE_OMITS_CONSUMES === 'true' ? notGranted('messageRetries', 'consumes (a queue)') : new SqsMessageRetries({ region: config.AWS_REGION }),
};

export const catalog: Dependency<'catalog'> = {
  name: 'catalog',
  build: ({ config, use }) => new DynamoDbCatalogRepository(use(dynamoDb).doc, config.TABLE_NAME),
};

export const payments: Dependency<'payments'> = {
  name: 'payments',
  build: ({ config, use }) => new DynamoDbPaymentRepository(use(dynamoDb).doc, config.TABLE_NAME),
};

/**
 * Apart from `payments` so that the function creating payments carries only the creation, and the
 * functions moving or reading payments do not carry it.
 */
export const paymentRequests: Dependency<'paymentRequests'> = {
  name: 'paymentRequests',
  build: ({ config, use }) => new DynamoDbPaymentRequestRepository(use(dynamoDb).doc, config.TABLE_NAME),
};

export const paymentLinks: Dependency<'paymentLinks'> = { name: 'paymentLinks', build: ({ config }) => paymentLinkBuilder(config) };

/**
 * The bucket when SETTLEMENT_BUCKET is set; otherwise a local directory (under DATA_DIR, or a
 * temporary one when data is not kept). Inside Lambda a directory would silently lose files, so there
 * the store refuses to be built without its bucket: the stack sets SETTLEMENT_BUCKET only for functions
 * the manifest gives the bucket (`needs: ['settlementBucket']`, or consuming the queue the bucket
 * notifies).
 */
export const settlementFiles: Dependency<'settlementFiles'> = {
  name: 'settlementFiles',
  build: ({ config }) =>
    process.env.LAMBDA_BUNDLE_OMITS_BUCKET === 'true'
      ? notGranted('settlementFiles', 'needs: settlementBucket')
      : // A Lambda bundle given the bucket keeps only the bucket: the directory store stays out of it.
        process.env.LAMBDA_BUNDLE_OMITS_BUCKET === 'false'
        ? bucket(config)
        : bucketOrDirectory(config),
};

function bucketOrDirectory(config: Config): SettlementFileStore {
  if (config.SETTLEMENT_BUCKET || process.env.AWS_LAMBDA_FUNCTION_NAME) return bucket(config);
  return new FileSystemSettlementFileStore(config.DATA_DIR ? join(config.DATA_DIR, 'settlement-files') : undefined);
}

function bucket(config: Config): SettlementFileStore {
  if (!config.SETTLEMENT_BUCKET) throw new Error('settlementFiles: SETTLEMENT_BUCKET is not set, and in Lambda files are kept only in the bucket');
  return new S3SettlementFileStore({ bucket: config.SETTLEMENT_BUCKET, region: config.AWS_REGION });
}

export const settlements: Dependency<'settlements'> = {
  name: 'settlements',
  build: ({ config, use }) => new DynamoDbSettlementFileRepository(use(dynamoDb).doc, config.TABLE_NAME),
};

export const reconciliations: Dependency<'reconciliations'> = {
  name: 'reconciliations',
  build: ({ config, use }) => new DynamoDbReconciliationRepository(use(dynamoDb).doc, config.TABLE_NAME),
};

export const autoApplies: Dependency<'autoApplies'> = {
  name: 'autoApplies',
  build: ({ config, use }) => new DynamoDbAutoApplyRecords(use(dynamoDb).doc, config.TABLE_NAME),
};

export const reportCounters: Dependency<'reportCounters'> = {
  name: 'reportCounters',
  build: ({ config, use }) => new DynamoDbReportCounterRepository(use(dynamoDb).doc, config.TABLE_NAME),
};

export const cases: Dependency<'cases'> = {
  name: 'cases',
  build: ({ config, use }) => new DynamoDbCaseRepository(use(dynamoDb).doc, config.TABLE_NAME),
};

export const refunds: Dependency<'refunds'> = {
  name: 'refunds',
  build: ({ config, use }) => new DynamoDbRefundRepository(use(dynamoDb).doc, config.TABLE_NAME),
};

/** Data shipped with the code, not the table: functions without table access may read it too. */
export const targetSets: Dependency<'targetSets'> = { name: 'targetSets', build: () => shippedTargetSets() };

export const staffSessions: Dependency<'staffSessions'> = {
  name: 'staffSessions',
  build: ({ config, use }) => new DynamoDbStaffSessionRepository(use(dynamoDb).doc, config.TABLE_NAME),
};

export const staffUsers: Dependency<'staffUsers'> = {
  name: 'staffUsers',
  build: ({ config, use }) => new DynamoDbStaffUserRepository(use(dynamoDb).doc, config.TABLE_NAME),
};

export const loginAttempts: Dependency<'loginAttempts'> = {
  name: 'loginAttempts',
  build: ({ config, use }) => new DynamoDbLoginAttempts(use(dynamoDb).doc, config.TABLE_NAME),
};

/** Every recipe, for `buildDependencies`. Only the local stack and tests refer to this list, so no bundle keeps it. */
const everyDependency: { readonly [K in DependencyName]: Dependency<K> } = {
  config,
  clock,
  dynamoDb,
  tableName,
  queue,
  messageRetries,
  catalog,
  payments,
  paymentRequests,
  paymentLinks,
  settlementFiles,
  settlements,
  reconciliations,
  autoApplies,
  reportCounters,
  cases,
  refunds,
  targetSets,
  staffSessions,
  staffUsers,
  loginAttempts,
};

/** A dependency the manifest does not give this function (see the bundle-time switches above). */
export class AdapterNotBundledError extends Error {
  constructor(
    readonly dependency: DependencyName,
    readonly grant: string,
    /** The client it lacks, when that is another dependency. */
    readonly lacking?: DependencyName,
  ) {
    super(`${dependency} is not available to this function${lacking ? ` (it needs ${lacking})` : ''}: give it ${grant} in functions/manifest.ts`);
    this.name = 'AdapterNotBundledError';
  }
}

function notGranted(dependency: DependencyName, grant: string): never {
  throw new AdapterNotBundledError(dependency, grant);
}

type Resolve = <K extends DependencyName>(dependency: Dependency<K>) => Dependencies[K];

/** Builds each dependency at most once, taking the overrides' own where they give one. */
function resolverFor(config: Config, overrides: Partial<Dependencies> = {}): Resolve {
  const built = new Map<DependencyName, unknown>();
  const use: Resolve = (dependency) => {
    const { name } = dependency;
    if (overrides[name] !== undefined) return overrides[name] as Dependencies[typeof name];
    if (!built.has(name)) built.set(name, dependency.build({ config, use }));
    return built.get(name) as Dependencies[typeof name];
  };
  return use;
}

/** Every dependency, built now: the local stack and tests, which use them all. */
export function buildDependencies(config: Config, overrides: DependencyOverrides = {}): Dependencies {
  const use = resolverFor(config, overrides);
  return Object.fromEntries(Object.values(everyDependency).map((dependency) => [dependency.name, use(dependency)])) as unknown as Dependencies;
}

let current: Promise<Resolve> | undefined;

/** The listed dependencies, built on first use in this process (a Lambda cold start) and kept. */
export async function getDependencies<U extends Dependency<DependencyName>>(uses: readonly U[]): Promise<DependenciesOf<U>> {
  current ??= deployedResolver().catch((error: unknown) => {
    current = undefined; // the next invocation tries again rather than failing until a cold start
    throw error;
  });
  const use = await current;
  return Object.fromEntries(uses.map((dependency) => [dependency.name, resolveNamed(use, dependency)])) as DependenciesOf<U>;
}

/** Resolves one listed dependency; a refusal names it ("catalog"), not only the client it lacks ("dynamoDb"). */
function resolveNamed<K extends DependencyName>(use: Resolve, dependency: Dependency<K>): Dependencies[K] {
  try {
    return use(dependency);
  } catch (error) {
    if (error instanceof AdapterNotBundledError && error.dependency !== dependency.name) {
      throw new AdapterNotBundledError(dependency.name, error.grant, error.dependency);
    }
    throw error;
  }
}

async function deployedResolver(): Promise<Resolve> {
  const config = loadConfig();
  // In AWS the provider secrets live in Secrets Manager: the stack sets PROVIDER_SECRETS_ARN for the
  // functions that sign or verify, whose config they complete, read once per cold start through the
  // Parameters and Secrets extension. The others' bundles (LAMBDA_BUNDLE_OMITS_SECRETS) leave the
  // reader out: in them this branch is dead, and the import with it. The import is a static one: a
  // dynamic import would make esbuild wrap the reader and all it imports (zod among them) in lazy
  // initialisers, which keep every top-level statement of those modules.
  return process.env.LAMBDA_BUNDLE_OMITS_SECRETS === 'true' || !process.env.PROVIDER_SECRETS_ARN
    ? resolverFor(config)
    : resolverFor(withProviderSecrets(config, await getProviderSecrets()));
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

/**
 * The local stack and tests install their own dependencies (DynamoDB Local, the in-process queue, or
 * a few stand-ins): handlers then take what they list from this set, and build nothing.
 */
export function useDependencies(dependencies: Dependencies): void {
  current = Promise.resolve(<K extends DependencyName>(dependency: Dependency<K>) => dependencies[dependency.name]);
}
