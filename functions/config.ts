import type { ProviderName } from '../domain/providers/provider-payment-report';
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
const settlementUrl = () =>
  text((value) => value.includes(SETTLEMENT_URL_DATE) && httpUrl()(value.replace(SETTLEMENT_URL_DATE, '2026-01-01')).ok, `must be a URL with ${SETTLEMENT_URL_DATE} in it`);

/** The placeholder a provider's settlement URL carries for the business date. */
export const SETTLEMENT_URL_DATE = '{businessDate}';

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
  /**
   * How staff prove who they are on /login: `local`, a username and password form against the local
   * users (npm start seeds demo users); `cognito`, the user pool's managed login (the stack sets it).
   */
  STAFF_SIGN_IN: variable(oneOf(['local', 'cognito'] as const), 'local'),
  /** With STAFF_SIGN_IN=cognito: the user pool domain's base URL (managed login, token endpoint). */
  COGNITO_LOGIN_URL: variable(httpUrl('must be the user pool domain, such as https://fee-payments.auth.ap-southeast-1.amazoncognito.com')),
  /** With STAFF_SIGN_IN=cognito: the app client of the staff pages (authorization code with PKCE). */
  COGNITO_STAFF_CLIENT_ID: variable(matching(/^[a-z0-9]{1,128}$/, 'must be a user pool app client id')),
  /** With STAFF_SIGN_IN=cognito: the pool's issuer, https://cognito-idp.<region>.amazonaws.com/<poolId>. */
  COGNITO_ISSUER: variable(httpUrl('must be the user pool issuer URL')),
  /** How long a staff session lasts from sign-in (a fixed lifetime, not extended by activity). */
  STAFF_SESSION_HOURS: variable(wholeNumber(1, 12), 8),
  /**
   * Where each provider publishes its settlement file for a day, with `{businessDate}` in the URL
   * (e.g. https://sftp-gw.bank.example/settlements/{businessDate}.csv). Unset: staff cannot fetch
   * that provider's file and upload it instead (in AWS files arrive by S3 upload); the local stack
   * points both at the mock providers.
   */
  MOCK_BANK_SETTLEMENT_URL: variable(settlementUrl()),
  MOCK_PORTAL_SETTLEMENT_URL: variable(settlementUrl()),
  LOG_LEVEL: variable(oneOf(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const), 'INFO'),
};

type Variables = ValuesOf<typeof variables>;

export type Config = Variables & {
  readonly publicBaseUrl: string;
  readonly portalWebhookUrl: string;
  readonly providersBaseUrl: string;
  /** Each provider's settlement-file URL template (with {businessDate}); a provider missing here cannot be fetched from. */
  readonly settlementSourceUrls: Readonly<Partial<Record<ProviderName, string>>>;
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
  if (result.values.STAFF_SIGN_IN === 'cognito') {
    const missing = (['COGNITO_LOGIN_URL', 'COGNITO_STAFF_CLIENT_ID', 'COGNITO_ISSUER'] as const).filter((name) => !result.values[name]);
    if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}: must be set when STAFF_SIGN_IN is cognito`));
  }
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
    settlementSourceUrls: settlementSourceUrls(config),
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

/** The providers whose settlement URL is configured; `localBaseUrl` fills in the mock providers' endpoints (the local stack). */
export function settlementSourceUrls(
  config: { MOCK_BANK_SETTLEMENT_URL?: string | undefined; MOCK_PORTAL_SETTLEMENT_URL?: string | undefined },
  localBaseUrl?: string,
): Partial<Record<ProviderName, string>> {
  const mock = (provider: ProviderName) => (localBaseUrl === undefined ? undefined : `${localBaseUrl.replace(/\/+$/, '')}/${provider}/settlements/${SETTLEMENT_URL_DATE}.csv`);
  const bank = config.MOCK_BANK_SETTLEMENT_URL ?? mock('mock-bank');
  const portal = config.MOCK_PORTAL_SETTLEMENT_URL ?? mock('mock-portal');
  return { ...(bank ? { 'mock-bank': bank } : {}), ...(portal ? { 'mock-portal': portal } : {}) };
}
