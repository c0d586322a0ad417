import { variable, wholeNumber, positiveNumber, httpUrl, text, oneOf, readVariables, type ValuesOf } from './config-variables';

/**
 * Configuration from environment variables, validated once at start. Local defaults make
 * `npm start` work with no setup; in Lambda the stack sets every variable it needs, and a missing
 * TABLE_NAME there fails loudly instead of falling back to a local default.
 */
const secret = (fallback: string) => variable(text((value) => value.length >= 16, 'must be at least 16 characters'), fallback);
/**
 * A provider secret may list several secrets separated by commas while one is rotated: the first
 * signs what the service sends, any of them verifies what it receives.
 */
const secrets = (fallback: string) =>
  variable(
    text((value) => value.split(',').every((part) => part.trim().length >= 16), 'each comma-separated secret must be at least 16 characters'),
    fallback,
  );
const matching = (pattern: RegExp, message: string) => text((value) => pattern.test(value), message);

const variables = {
  PORT: variable(wholeNumber(1, 65535), 3000),
  DATA_DIR: variable(text()),
  AUTH_JWT_SECRET: secret('local-dev-secret'),
  MOCK_BANK_SECRET: secrets('mock-bank-local-secret'),
  MOCK_PORTAL_SECRET: secrets('mock-portal-local-secret'),
  /** Secret the service signs its outbound PaymentSucceeded webhooks to the portal with. */
  PORTAL_WEBHOOK_SECRET: secrets('portal-webhook-local-secret'),
  /** Where PaymentSucceeded notifications go; locally the mock portal's receiver. */
  PORTAL_WEBHOOK_URL: variable(httpUrl()),
  /** Base URL of the providers' status APIs (the mop-up job asks them); locally the mock providers. */
  PROVIDERS_BASE_URL: variable(httpUrl()),
  /** The mop-up job asks providers about payments still PENDING this long after they were created. */
  MOPUP_AFTER_MINUTES: variable(wholeNumber(1, 1440), 5),
  /** First wait before a failed portal notification is tried again; it doubles on each try. */
  NOTIFY_BACKOFF_BASE_SECONDS: variable(positiveNumber(900, 'seconds'), 2),
  TABLE_NAME: variable(text((value) => value.length >= 3 && value.length <= 255, 'must be 3 to 255 characters long'), 'fee-payments'),
  DYNAMODB_ENDPOINT: variable(httpUrl('must be a URL such as http://127.0.0.1:8000')),
  AWS_REGION: variable(text(), 'ap-southeast-1'),
  /** Base URL citizens' browsers reach the service (and the local mock providers) at. */
  PUBLIC_BASE_URL: variable(httpUrl()),
  /** How long a payment request stays payable before the expiry job marks it EXPIRED. */
  PAYMENT_EXPIRY_MINUTES: variable(wholeNumber(1, 1440), 15),
  /** The merchant terminal code (pg_TmnCode) the service signs mock-portal payment links with. */
  MOCK_PORTAL_TMN_CODE: variable(matching(/^[A-Za-z0-9]{1,32}$/, 'must be 1–32 letters or digits'), 'MOCKPORTAL'),
  /** The collection account VietQR transfers go to: the bank's 6-digit NAPAS BIN and the account number. */
  VIETQR_BANK_BIN: variable(matching(/^\d{6}$/, 'must be a 6-digit NAPAS BIN'), '970436'),
  VIETQR_ACCOUNT_NUMBER: variable(matching(/^[A-Za-z0-9]{1,19}$/, 'must be 1–19 letters or digits'), '0071000888888'),
  /** The S3 bucket settlement files are kept in (AWS). Unset: a local directory (under DATA_DIR, else a temporary one). */
  SETTLEMENT_BUCKET: variable(matching(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')),
  /** The largest settlement file accepted through an upload URL (the API itself takes at most 10 MB). */
  SETTLEMENT_FILE_MAX_MB: variable(wholeNumber(1, 5120), 512),
  /**
   * A success paid this close before midnight and missing from that day's settlement file is expected
   * in the next day's file (PENDING_NEXT_DAY); that file's rows may be paid this long before its date.
   */
  RECONCILIATION_PENDING_WINDOW_MINUTES: variable(wholeNumber(0, 1440), 30),
  /** How long a staff session lasts from sign-in (a fixed lifetime, not extended by activity). */
  STAFF_SESSION_HOURS: variable(wholeNumber(1, 12), 8),
  LOG_LEVEL: variable(oneOf(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const), 'INFO'),
};

type Variables = ValuesOf<typeof variables>;

export type Config = Variables & {
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
  const result = readVariables(variables, env);
  if (!result.ok) throw new ConfigError(result.problems);
  if (env.AWS_LAMBDA_FUNCTION_NAME && !env.TABLE_NAME) throw new ConfigError(['TABLE_NAME: environment variable is not set']);
  return withDerived(result.values);
}

/** Fills in what follows from the variables. */
function withDerived(config: Variables): Config {
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
