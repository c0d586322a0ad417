// Proves configuration has working local defaults, reads each kind of variable strictly, and names
// every wrong variable in one clear message.
import { ConfigError, loadConfig, settlementSourceUrls } from '../../functions/config';

/** The problems loadConfig reports for `env`, or [] when it loads. */
function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}

describe('loadConfig', () => {
  it('runs with no variables set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBeUndefined();
    expect(config.AUTH_JWT_SECRET).toBe('local-dev-secret');
    expect(config.publicBaseUrl).toBe('http://127.0.0.1:3000');
    expect(config.portalWebhookUrl).toBe('http://127.0.0.1:3000/mock-portal/notifications');
    expect(config.LOG_LEVEL).toBe('INFO');
    expect(config.NOTIFY_BACKOFF_BASE_SECONDS).toBe(2);
    expect(config.SETTLEMENT_BUCKET).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATA_DIR: '', PORT: '' }).PORT).toBe(3000);
  });

  it('reads each kind of variable into its value', () => {
    const config = loadConfig({
      PORT: '8080',
      RECONCILIATION_PENDING_WINDOW_MINUTES: '0',
      NOTIFY_BACKOFF_BASE_SECONDS: '0.05',
      PUBLIC_BASE_URL: 'https://pay.example.gov.vn/',
      PROVIDERS_BASE_URL: 'https://providers.example.vn//',
      LOG_LEVEL: 'WARN',
      SETTLEMENT_BUCKET: 'fee-settlements.dev-1',
      DATA_DIR: '/var/data',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      RECONCILIATION_PENDING_WINDOW_MINUTES: 0,
      NOTIFY_BACKOFF_BASE_SECONDS: 0.05,
      LOG_LEVEL: 'WARN',
      SETTLEMENT_BUCKET: 'fee-settlements.dev-1',
      DATA_DIR: '/var/data',
      publicBaseUrl: 'https://pay.example.gov.vn',
      portalWebhookUrl: 'https://pay.example.gov.vn/mock-portal/notifications',
      providersBaseUrl: 'https://providers.example.vn',
    });
  });

  it('lists every invalid variable with what it got', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', AUTH_JWT_SECRET: 'short', DYNAMODB_ENDPOINT: 'localhost' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      'PORT: must be a whole number (got "eighty")',
      'AUTH_JWT_SECRET: must be at least 16 characters (got "short")',
      'DYNAMODB_ENDPOINT: must be a URL such as http://127.0.0.1:8000 (got "localhost")',
    ]);
    expect((caught as Error).message).toBe(
      'Invalid configuration:\n' +
        '  - PORT: must be a whole number (got "eighty")\n' +
        '  - AUTH_JWT_SECRET: must be at least 16 characters (got "short")\n' +
        '  - DYNAMODB_ENDPOINT: must be a URL such as http://127.0.0.1:8000 (got "localhost")',
    );
  });

  it.each([
    ['PORT', '0', 'must be from 1 to 65535'],
    ['PORT', '65536', 'must be from 1 to 65535'],
    ['PORT', '80.5', 'must be a whole number'],
    ['PORT', '-1', 'must be a whole number'],
    ['PORT', '1e3', 'must be a whole number'],
    ['PAYMENT_EXPIRY_MINUTES', '1441', 'must be from 1 to 1440'],
    ['NOTIFY_BACKOFF_BASE_SECONDS', '0', 'must be a positive number of seconds'],
    ['NOTIFY_BACKOFF_BASE_SECONDS', 'Infinity', 'must be a positive number of seconds'],
    ['NOTIFY_BACKOFF_BASE_SECONDS', '0x10', 'must be a positive number of seconds'],
    ['NOTIFY_BACKOFF_BASE_SECONDS', '901', 'must be at most 900'],
    ['PUBLIC_BASE_URL', 'localhost:3000', 'must be a URL'],
    ['PORTAL_WEBHOOK_URL', 'ftp://portal.example.vn/notifications', 'must be a URL'],
    ['MOCK_BANK_SECRET', 'mock-bank-local-secret,short', 'each comma-separated secret must be at least 16 characters'],
    ['TABLE_NAME', 'ab', 'must be 3 to 255 characters long'],
    ['SETTLEMENT_BUCKET', 'Fee_Settlements', 'must be an S3 bucket name'],
    ['VIETQR_BANK_BIN', '97043', 'must be a 6-digit NAPAS BIN'],
    ['MOCK_PORTAL_TMN_CODE', 'MOCK PORTAL', 'must be 1–32 letters or digits'],
    ['LOG_LEVEL', 'info', 'must be one of DEBUG, INFO, WARN, ERROR, SILENT'],
  ])('refuses %s=%j: %s', (name, value, problem) => {
    expect(problemsOf({ [name]: value })).toEqual([`${name}: ${problem} (got ${JSON.stringify(value)})`]);
  });

  it('keeps every secret of a rotation, the first one signing', () => {
    const config = loadConfig({ MOCK_BANK_SECRET: 'new-bank-secret-2026, old-bank-secret-2025' });
    expect(config.MOCK_BANK_SECRET).toBe('new-bank-secret-2026');
    expect(config.secretLists.mockBank).toEqual(['new-bank-secret-2026', 'old-bank-secret-2025']);
  });

  it('fails loudly in Lambda when TABLE_NAME is missing', () => {
    expect(() => loadConfig({ AWS_LAMBDA_FUNCTION_NAME: 'fn' })).toThrow(/TABLE_NAME/);
    expect(loadConfig({ AWS_LAMBDA_FUNCTION_NAME: 'fn', TABLE_NAME: 'fee-payments-dev' }).TABLE_NAME).toBe('fee-payments-dev');
  });

  it('has no settlement URL unless one is set, and refuses one without {businessDate}', () => {
    expect(loadConfig({}).settlementSourceUrls).toEqual({});
    expect(loadConfig({ MOCK_BANK_SETTLEMENT_URL: 'https://bank.example/files/{businessDate}.csv' }).settlementSourceUrls).toEqual({
      'mock-bank': 'https://bank.example/files/{businessDate}.csv',
    });
    expect(problemsOf({ MOCK_PORTAL_SETTLEMENT_URL: 'https://portal.example/files/today.csv' })).toEqual([
      'MOCK_PORTAL_SETTLEMENT_URL: must be a URL with {businessDate} in it (got "https://portal.example/files/today.csv")',
    ]);
    expect(problemsOf({ MOCK_BANK_SETTLEMENT_URL: 'ftp://bank/{businessDate}' })).toHaveLength(1);
  });

  it('points the local stack at the mock providers’ settlement files unless told otherwise', () => {
    expect(settlementSourceUrls({}, 'http://127.0.0.1:3000/')).toEqual({
      'mock-bank': 'http://127.0.0.1:3000/mock-bank/settlements/{businessDate}.csv',
      'mock-portal': 'http://127.0.0.1:3000/mock-portal/settlements/{businessDate}.csv',
    });
    expect(settlementSourceUrls({ MOCK_BANK_SETTLEMENT_URL: 'https://bank.example/{businessDate}' }, 'http://127.0.0.1:3000')['mock-bank']).toBe('https://bank.example/{businessDate}');
  });
});
