import { createMockBank } from './mock-bank/mock-bank';
import { createMockPortal, MOCK_PORTAL_DEFAULT_TMN_CODE, type MockPortal } from './mock-portal/mock-portal';
import { DEFAULT_RETRY_POLICY, realSleep, type RetryPolicy, type Sleep } from './shared/callback-sender';
import type { MockRequest, MockResponse } from './shared/http';
import type { MockLedger } from './shared/ledger';
import type { MockProvider } from './shared/mock-gateway';

/**
 * The two mock providers, mounted by the dev server under /mock-bank/… and /mock-portal/…. They are
 * external systems: they share secrets with the service, never its data.
 */
export type { MockRequest, MockResponse } from './shared/http';
export type { LedgerEntry } from './shared/ledger';
export type { DeliveryAttempt, RetryPolicy, Sleep } from './shared/callback-sender';
export type { FaultRequest, FaultSwitch } from './shared/faults';
export type { ReceivedNotification } from './mock-portal/notification-receiver';
export type { MockProvider } from './shared/mock-gateway';
export type { MockPortal } from './mock-portal/mock-portal';

export interface MockProvidersOptions {
  /** Where callbacks go: `${serviceBaseUrl}/v1/callbacks/mock-bank` and `/v1/callbacks/mock-portal`. */
  serviceBaseUrl: string;
  /** The mocks' own base URL as a browser sees it (for log lines and links). */
  publicBaseUrl: string;
  bankSecret: string;
  portalSecret: string;
  /** mock-portal's terminal code (pg_TmnCode); default MOCKPORTAL. */
  portalTmnCode?: string;
  /** The secret the service signs `PaymentSucceeded` notifications with; defaults to portalSecret. */
  notificationSecret?: string;
  /** When set, each ledger is also kept in `<dataDir>/<provider>-ledger.json` and reloaded on start. */
  dataDir?: string;
  now?: () => Date;
  fetch?: typeof fetch;
  /** How callbacks wait between attempts; tests pass one that returns at once. */
  sleep?: Sleep;
  retry?: Partial<RetryPolicy>;
  log?: (line: string) => void;
}

export interface MockProviders {
  /** Undefined when the path belongs to neither mock. */
  handle(req: MockRequest): Promise<MockResponse | undefined>;
  /** Resolves once no callback is in flight or waiting for its next attempt. */
  whenIdle(): Promise<void>;
  /** Stops callback deliveries (pending waits end at once). */
  close(): void;
  bank: MockProvider;
  portal: MockPortal;
  ledgers: { 'mock-bank': MockLedger; 'mock-portal': MockLedger };
}

export function createMockProviders(options: MockProvidersOptions): MockProviders {
  for (const [name, value] of [
    ['bankSecret', options.bankSecret],
    ['portalSecret', options.portalSecret],
  ] as const) {
    if (!value) throw new TypeError(`createMockProviders: ${name} is not set`);
  }
  const shared = {
    serviceBaseUrl: options.serviceBaseUrl,
    now: options.now ?? (() => new Date()),
    // Wrapped so the global fetch is never called with another `this`.
    fetch: options.fetch ?? ((input: Parameters<typeof fetch>[0], init?: RequestInit) => globalThis.fetch(input, init)),
    sleep: options.sleep ?? realSleep,
    log: options.log ?? (() => undefined),
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
  };
  const bank = createMockBank({ ...shared, secret: options.bankSecret });
  const portal = createMockPortal({
    ...shared,
    secret: options.portalSecret,
    tmnCode: options.portalTmnCode ?? MOCK_PORTAL_DEFAULT_TMN_CODE,
    notificationSecret: options.notificationSecret ?? options.portalSecret,
  });
  const base = options.publicBaseUrl.replace(/\/+$/, '');
  shared.log(`[mocks] mock-bank at ${base}/mock-bank, mock-portal at ${base}/mock-portal; callbacks go to ${options.serviceBaseUrl}`);

  return {
    async handle(req) {
      return (await bank.handle(req)) ?? (await portal.handle(req));
    },
    async whenIdle() {
      await Promise.all([bank.whenIdle(), portal.whenIdle()]);
    },
    close() {
      bank.close();
      portal.close();
    },
    bank,
    portal,
    ledgers: { 'mock-bank': bank.ledger, 'mock-portal': portal.ledger },
  };
}
