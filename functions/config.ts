import * as z from 'zod/mini';
import { validateInput } from '../domain/shared/validation';

/**
 * Configuration from environment variables, validated once at start. Local defaults make
 * `npm start` work with no setup; in Lambda the stack sets every variable it needs, and a missing
 * TABLE_NAME there fails loudly instead of falling back to a local default.
 */
const wholeNumber = (from: number, to: number) =>
  z.coerce.number().check(z.int('must be a whole number'), z.minimum(from, `must be from ${from} to ${to}`), z.maximum(to, `must be from ${from} to ${to}`));
const url = (message = 'must be a URL') => z.optional(z.url(message));
const secret = (fallback: string) => z._default(z.string().check(z.minLength(16, 'must be at least 16 characters')), fallback);
/**
 * A provider secret may list several secrets separated by commas while one is rotated: the first
 * signs what the service sends, any of them verifies what it receives.
 */
const secrets = (fallback: string) =>
  z
    ._default(z.string(), fallback)
    .check(z.refine((value) => value.split(',').every((part) => part.trim().length >= 16), 'each comma-separated secret must be at least 16 characters'));

const schema = z.object({
  PORT: z._default(wholeNumber(1, 65535), 3000),
  DATA_DIR: z.optional(z.string().check(z.minLength(1))),
  AUTH_JWT_SECRET: secret('local-dev-secret'),
  MOCK_BANK_SECRET: secrets('mock-bank-local-secret'),
  MOCK_PORTAL_SECRET: secrets('mock-portal-local-secret'),
  /** Secret the service signs its outbound PaymentSucceeded webhooks to the portal with. */
  PORTAL_WEBHOOK_SECRET: secrets('portal-webhook-local-secret'),
  /** Where PaymentSucceeded notifications go; locally the mock portal's receiver. */
  PORTAL_WEBHOOK_URL: url(),
  /** Base URL of the providers' status APIs (the mop-up job asks them); locally the mock providers. */
  PROVIDERS_BASE_URL: url(),
  /** The mop-up job asks providers about payments still PENDING this long after they were created. */
  MOPUP_AFTER_MINUTES: z._default(wholeNumber(1, 1440), 5),
  /** First wait before a failed portal notification is tried again; it doubles on each try. */
  NOTIFY_BACKOFF_BASE_SECONDS: z._default(z.coerce.number().check(z.positive('must be a positive number of seconds'), z.maximum(900, 'must be at most 900')), 2),
  TABLE_NAME: z._default(z.string().check(z.minLength(3), z.maxLength(255)), 'fee-payments'),
  DYNAMODB_ENDPOINT: url('must be a URL such as http://127.0.0.1:8000'),
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'ap-southeast-1'),
  /** Base URL citizens' browsers reach the service (and the local mock providers) at. */
  PUBLIC_BASE_URL: url(),
  /** How long a payment request stays payable before the expiry job marks it EXPIRED. */
  PAYMENT_EXPIRY_MINUTES: z._default(wholeNumber(1, 1440), 15),
  /** The merchant terminal code (pg_TmnCode) the service signs mock-portal payment links with. */
  MOCK_PORTAL_TMN_CODE: z._default(z.string().check(z.regex(/^[A-Za-z0-9]{1,32}$/, 'must be 1–32 letters or digits')), 'MOCKPORTAL'),
  /** The collection account VietQR transfers go to: the bank's 6-digit NAPAS BIN and the account number. */
  VIETQR_BANK_BIN: z._default(z.string().check(z.regex(/^\d{6}$/, 'must be a 6-digit NAPAS BIN')), '970436'),
  VIETQR_ACCOUNT_NUMBER: z._default(z.string().check(z.regex(/^[A-Za-z0-9]{1,19}$/, 'must be 1–19 letters or digits')), '0071000888888'),
  /** The S3 bucket settlement files are kept in (AWS). Unset: a local directory (under DATA_DIR, else a temporary one). */
  SETTLEMENT_BUCKET: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'))),
  /** The largest settlement file accepted through an upload URL (the API itself takes at most 10 MB). */
  SETTLEMENT_FILE_MAX_MB: z._default(wholeNumber(1, 5120), 512),
  /**
   * A success paid this close before midnight and missing from that day's settlement file is expected
   * in the next day's file (PENDING_NEXT_DAY); that file's rows may be paid this long before its date.
   */
  RECONCILIATION_PENDING_WINDOW_MINUTES: z._default(wholeNumber(0, 1440), 30),
  LOG_LEVEL: z._default(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']), 'INFO'),
});

export type Config = z.infer<typeof schema> & {
  readonly publicBaseUrl: string;
  readonly portalWebhookUrl: string;
  readonly providersBaseUrl: string;
  /** Every accepted secret per counterpart, the signing one first (MOCK_BANK_SECRET etc. hold the signing one). */
  readonly secretLists: { readonly mockBank: readonly string[]; readonly mockPortal: readonly string[]; readonly portalWebhook: readonly string[] };
};

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= npm start`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = validateInput(schema, present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return `${name}: ${issue.message} (got ${JSON.stringify(present[name] ?? null)})`;
      }),
    );
  }
  if (env.AWS_LAMBDA_FUNCTION_NAME && !env.TABLE_NAME) throw new ConfigError(['TABLE_NAME: environment variable is not set']);
  return withDerived(result.data);
}

/** Fills in what follows from the variables. */
function withDerived(config: z.infer<typeof schema> & { PUBLIC_BASE_URL?: string | undefined }): Config {
  const publicBaseUrl = (config.PUBLIC_BASE_URL ?? `http://127.0.0.1:${config.PORT}`).replace(/\/+$/, '');
  const list = (value: string) => value.split(',').map((part) => part.trim());
  const secretLists = { mockBank: list(config.MOCK_BANK_SECRET), mockPortal: list(config.MOCK_PORTAL_SECRET), portalWebhook: list(config.PORTAL_WEBHOOK_SECRET) };
  return {
    ...config,
    MOCK_BANK_SECRET: secretLists.mockBank[0]!,
    MOCK_PORTAL_SECRET: secretLists.mockPortal[0]!,
    PORTAL_WEBHOOK_SECRET: secretLists.portalWebhook[0]!,
    secretLists,
    ...urlsFor(config, publicBaseUrl),
  };
}

/** The URLs that default to the service's own base URL (the local stack recomputes them once it has its port). */
export function urlsFor(config: { PORTAL_WEBHOOK_URL?: string | undefined; PROVIDERS_BASE_URL?: string | undefined }, publicBaseUrl: string) {
  return {
    publicBaseUrl,
    portalWebhookUrl: config.PORTAL_WEBHOOK_URL ?? `${publicBaseUrl}/mock-portal/notifications`,
    providersBaseUrl: (config.PROVIDERS_BASE_URL ?? publicBaseUrl).replace(/\/+$/, ''),
  };
}
