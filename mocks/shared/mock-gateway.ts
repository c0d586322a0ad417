import { randomInt } from 'node:crypto';
import type * as z from 'zod/mini';
import { validateInput } from '../../domain/shared/validation';
import type { PaymentPageVerification } from '../../domain/providers/payment-page-request';
import { PROVIDER_REFERENCE_PATTERN, type ProviderName } from '../../domain/providers/provider-payment-report';
import { isBusinessDate, toVietnamIso } from '../../domain/shared/business-date';
import { type AmountVnd, formatVnd } from '../../domain/shared/money';
import { CallbackSender, type CallbackRequest, type CallbackVerdict, type DeliveryAttempt, type RetryPolicy, type Sleep } from './callback-sender';
import { type FaultRequest, faultRequestSchema, FaultSwitches, type FaultSwitch } from './faults';
import { csv, json, methodNotAllowed, type MockRequest, type MockResponse, readForm, readJson, redirect, tooLarge } from './http';
import { LedgerFullError, type LedgerEntry, type LedgerStatus, MockLedger } from './ledger';
import { errorPage, escapeHtml, formatVietnamTime, messagePage, paymentPage } from './page';
import { settlementCsv, settlementRows } from './settlement-file';

/**
 * What both mock gateways share: the payment page and its form, the ledger, the settlement files,
 * the fault switches and callback delivery. What differs between them (how links and callbacks are
 * signed, what counts as "delivered") comes in through GatewayProtocol.
 */
export interface CallbackEvent {
  entry: LedgerEntry;
  eventId: string;
  status: 'SUCCEEDED' | 'FAILED';
  occurredAt: string;
}

export interface GatewayProtocol {
  provider: ProviderName;
  /** Shown on pages, in Vietnamese. */
  displayName: string;
  defaultBankCode: string;
  verifyPaymentRequest(paymentId: string, params: URLSearchParams, now: Date): PaymentPageVerification;
  newProviderTxnId(): string;
  eventIdFor(providerTxnId: string, status: LedgerStatus): string;
  /** The signed callback for one event, built for each attempt so its signature is fresh. */
  callbackRequest(event: CallbackEvent, secret: string, at: Date): CallbackRequest;
  judge(status: number, responseText: string): CallbackVerdict;
  /** Query parameters added to the return URL when the payer is sent back. */
  returnParams(entry: LedgerEntry): Record<string, string>;
  /** The provider's fee for one settled payment, whole đồng. */
  feeOf(amount: AmountVnd): AmountVnd;
  secret: string;
}

/** Fault fields only one provider has (the portal's notification outage), stored outside the switches. */
export interface ExtraFaults {
  schema: z.core.$ZodType<FaultRequest & Record<string, unknown>>;
  apply(request: Record<string, unknown>): void;
  describe(): Record<string, unknown>;
  clear(): void;
}

export interface GatewayOptions {
  now: () => Date;
  fetch: typeof fetch;
  sleep: Sleep;
  log: (line: string) => void;
  retry: RetryPolicy;
  dataDir?: string;
  extraFaults?: ExtraFaults;
}

/** What each mock provider exposes to the dev server and to tests. */
export interface MockProvider {
  readonly provider: ProviderName;
  /** Undefined when the path is not under this provider's prefix. */
  handle(req: MockRequest): Promise<MockResponse | undefined>;
  readonly ledger: MockLedger;
  readonly faults: FaultSwitches;
  /** Every callback attempt made (the last 1000), oldest first. */
  deliveries(): readonly DeliveryAttempt[];
  /** Resolves when no callback is being delivered or waited for. */
  whenIdle(): Promise<void>;
  close(): void;
}

/** Wraps a gateway and a provider's own routes into a MockProvider. */
export function mockProvider(
  gateway: MockGateway,
  ownRoutes: (req: MockRequest, rest: string) => Promise<MockResponse | undefined> | MockResponse | undefined,
): MockProvider {
  return {
    provider: gateway.provider,
    ledger: gateway.ledger,
    faults: gateway.faults,
    deliveries: () => gateway.sender.log(),
    whenIdle: () => gateway.sender.whenIdle(),
    close: () => gateway.sender.close(),
    async handle(req) {
      if (req.path !== gateway.prefix && !req.path.startsWith(`${gateway.prefix}/`)) return undefined;
      const rest = req.path.slice(gateway.prefix.length);
      return (
        (await ownRoutes(req, rest)) ??
        (await gateway.handle(req, rest)) ??
        json(404, { error: { code: 'NOT_FOUND', message: `no such ${gateway.provider} route` } })
      );
    },
  };
}

const MAX_FORM_BYTES = 16 * 1024;
const MAX_FAULT_BYTES = 4 * 1024;
const MAX_ID_ATTEMPTS = 100;
const LEDGER_PAGE_ROWS = 50;

export class MockGateway {
  readonly ledger: MockLedger;
  readonly faults = new FaultSwitches();
  readonly sender: CallbackSender;
  readonly prefix: string;
  readonly provider: ProviderName;

  constructor(
    private readonly protocol: GatewayProtocol,
    private readonly options: GatewayOptions,
  ) {
    this.provider = protocol.provider;
    this.prefix = `/${protocol.provider}`;
    this.ledger = new MockLedger(protocol.provider, options.dataDir);
    this.sender = new CallbackSender({
      fetch: options.fetch,
      now: options.now,
      sleep: options.sleep,
      log: (line) => options.log(`[${protocol.provider}] callback ${line}`),
      retry: options.retry,
      judge: (status, text) => protocol.judge(status, text),
    });
  }

  /** Handles the shared routes; `rest` is the path after the provider prefix. Undefined: not a shared route. */
  async handle(req: MockRequest, rest: string): Promise<MockResponse | undefined> {
    const segments = rest.split('/').filter((segment) => segment !== '');
    const [first, second, ...more] = segments;
    if (more.length > 0) return undefined;

    if (first === undefined) return req.method === 'GET' ? this.indexPage() : methodNotAllowed(['GET']);
    if (first === 'pay' && second !== undefined) {
      const paymentId = decodeSegment(second);
      if (paymentId === undefined) return this.refusal(400, 'Liên kết thanh toán không hợp lệ', 'Mã thanh toán không hợp lệ.');
      if (req.method === 'GET') return this.showPaymentPage(req, paymentId);
      if (req.method === 'POST') return this.submitPayment(req, paymentId);
      return methodNotAllowed(['GET', 'POST']);
    }
    if (first === 'settlements' && second !== undefined) {
      return req.method === 'GET' ? this.settlementFile(second) : methodNotAllowed(['GET']);
    }
    if (first === 'faults' && second === undefined) return this.faultSwitches(req);
    if (first === 'ledger' && second === undefined) {
      return req.method === 'GET' ? json(200, { provider: this.protocol.provider, entries: this.ledger.all() }) : methodNotAllowed(['GET']);
    }
    if (first === 'callbacks' && second === undefined) {
      return req.method === 'GET' ? json(200, { provider: this.protocol.provider, attempts: this.sender.log() }) : methodNotAllowed(['GET']);
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------
  // The payment page and its form

  private showPaymentPage(req: MockRequest, paymentId: string): MockResponse {
    const verified = this.protocol.verifyPaymentRequest(paymentId, req.query, this.options.now());
    if (!verified.ok) return this.refusalFor(verified);
    if (this.alreadyPaid(paymentId)) {
      return this.refusal(409, 'Đã thanh toán', 'Khoản thanh toán này đã được thanh toán trước đó; không thể thanh toán lại.');
    }
    return paymentPage({
      providerName: this.protocol.displayName,
      formAction: `${this.prefix}/pay/${encodeURIComponent(paymentId)}`,
      request: verified.request,
      signedParams: req.query,
    });
  }

  private async submitPayment(req: MockRequest, paymentId: string): Promise<MockResponse> {
    const form = readForm(req, MAX_FORM_BYTES);
    if (form === undefined) return tooLarge(MAX_FORM_BYTES);
    const now = this.options.now();
    // The form carries the link's signed parameters; they are checked again, as a browser can edit them.
    const verified = this.protocol.verifyPaymentRequest(paymentId, form, now);
    if (!verified.ok) return this.refusalFor(verified);
    const status = statusOfAction(form.get('action'));
    if (status === undefined) return this.refusal(400, 'Thao tác không hợp lệ', 'Hãy chọn Thanh toán, Thanh toán thất bại hoặc Hủy.');
    if (this.alreadyPaid(paymentId)) {
      return this.refusal(409, 'Đã thanh toán', 'Khoản thanh toán này đã được thanh toán trước đó; không thể thanh toán lại.');
    }

    const faults = this.faults.forPayment(paymentId);
    const requested = verified.request.amount;
    const reported = status !== 'CANCELLED' && faults.alterAmount !== undefined ? Math.max(1, requested + faults.alterAmount) : requested;
    const providerTxnId = this.newProviderTxnId();
    const bankCode = form.get('bankCode');
    const entry: LedgerEntry = {
      providerTxnId,
      paymentId,
      eventId: this.protocol.eventIdFor(providerTxnId, status),
      requestedAmount: requested,
      amount: reported,
      status,
      occurredAt: toVietnamIso(wholeSecond(now)),
      bankCode: bankCode !== null && /^[A-Z0-9]{2,20}$/.test(bankCode) ? bankCode : this.protocol.defaultBankCode,
      reversed: status === 'SUCCEEDED' && faults.reverse === true,
      settlement: {
        omit: faults.omitFromSettlement === true,
        duplicate: faults.duplicateInSettlement === true,
        nextDay: faults.settleNextDay === true,
      },
    };
    try {
      this.ledger.record(entry);
    } catch (error) {
      if (error instanceof LedgerFullError) return this.refusal(503, 'Tạm ngừng phục vụ', error.message);
      throw error;
    }
    this.options.log(`[${this.protocol.provider}] ${status} ${paymentId} ${providerTxnId} ${formatVnd(entry.amount)}`);

    // Real gateways do not call back for a payer who cancels on their page: the payment just expires.
    const delivery = status === 'CANCELLED' ? Promise.resolve() : this.sender.track(this.sendCallbacks(entry, faults));
    // For scripts and tests that want the callback settled before they go on.
    if (form.get('waitForCallback') === '1') await delivery;
    return redirect(withQuery(verified.request.returnUrl, this.protocol.returnParams(entry)));
  }

  private async sendCallbacks(entry: LedgerEntry, faults: FaultSwitch): Promise<void> {
    if (entry.status === 'CANCELLED') return;
    if (faults.drop) {
      this.options.log(`[${this.protocol.provider}] callback for ${entry.paymentId} dropped (fault)`);
      return;
    }
    await this.sender.wait(faults.delayMs ?? 0);
    const secret = faults.wrongSecret ? `not-the-${this.protocol.provider}-secret` : this.protocol.secret;
    const event: CallbackEvent = { entry, eventId: entry.eventId, status: entry.status, occurredAt: entry.occurredAt };
    const meta = { paymentId: entry.paymentId, eventId: entry.eventId, label: entry.status };
    const copies = Array.from({ length: faults.duplicate ?? 1 }, () =>
      this.sender.deliver(meta, () => this.protocol.callbackRequest(event, secret, this.options.now())),
    );
    await Promise.all(copies);

    if (faults.failedAfterSucceeded && entry.status === 'SUCCEEDED') {
      const failed: CallbackEvent = {
        entry,
        eventId: this.protocol.eventIdFor(entry.providerTxnId, 'FAILED'),
        status: 'FAILED',
        occurredAt: toVietnamIso(wholeSecond(this.options.now())),
      };
      await this.sender.deliver({ paymentId: entry.paymentId, eventId: failed.eventId, label: 'FAILED_AFTER_SUCCEEDED' }, () =>
        this.protocol.callbackRequest(failed, secret, this.options.now()),
      );
    }
  }

  private alreadyPaid(paymentId: string): boolean {
    return this.ledger.forPayment(paymentId).some((entry) => entry.status === 'SUCCEEDED');
  }

  private newProviderTxnId(): string {
    for (let i = 0; i < MAX_ID_ATTEMPTS; i += 1) {
      const id = this.protocol.newProviderTxnId();
      if (!this.ledger.has(id)) return id;
    }
    throw new Error('could not find an unused transaction number');
  }

  // -------------------------------------------------------------------------------------------
  // Settlement files

  private settlementFile(fileName: string): MockResponse {
    const match = /^(\d{4}-\d{2}-\d{2})\.csv$/.exec(fileName);
    const businessDate = match?.[1];
    if (businessDate === undefined || !isBusinessDate(businessDate)) {
      return json(400, { error: { code: 'VALIDATION_FAILED', message: 'expected /settlements/YYYY-MM-DD.csv' } });
    }
    const rows = settlementRows(this.ledger.all(), businessDate, (amount) => this.protocol.feeOf(amount));
    return csv(`${this.protocol.provider}-${businessDate}.csv`, settlementCsv(rows));
  }

  // -------------------------------------------------------------------------------------------
  // Fault switches

  private faultSwitches(req: MockRequest): MockResponse {
    if (req.method === 'GET') return json(200, this.describeFaults());
    if (req.method === 'DELETE') {
      const paymentId = req.query.get('paymentId') ?? undefined;
      this.faults.clear(paymentId);
      if (paymentId === undefined) this.options.extraFaults?.clear();
      return json(200, this.describeFaults());
    }
    if (req.method !== 'POST') return methodNotAllowed(['GET', 'POST', 'DELETE']);

    const body = readJson(req, MAX_FAULT_BYTES);
    if (!body.ok) return body.response;
    const schema = this.options.extraFaults?.schema ?? faultRequestSchema;
    const parsed = validateInput(schema, body.value);
    if (!parsed.success) {
      const details = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      return json(400, { error: { code: 'VALIDATION_FAILED', message: 'not a fault switch', details } });
    }
    const request = parsed.data;
    const own = Object.fromEntries(Object.entries(request).filter(([name]) => name in faultRequestSchema.shape)) as FaultRequest;
    // A request made only of provider-specific fields (failNotifications) leaves the callback switches alone.
    const onlyExtra = Object.keys(own).length === 0 && Object.keys(request).length > 0;
    try {
      if (!onlyExtra) this.faults.set(own);
    } catch (error) {
      return json(400, { error: { code: 'TOO_MANY_FAULTS', message: (error as Error).message } });
    }
    this.options.extraFaults?.apply(request);
    // A reversal happens after the payment, so it also reaches payments already made.
    if (own.reverse && own.paymentId !== undefined) {
      for (const entry of this.ledger.forPayment(own.paymentId)) {
        if (entry.status === 'SUCCEEDED') this.ledger.update(entry.providerTxnId, (e) => (e.reversed = true));
      }
    }
    this.options.log(`[${this.protocol.provider}] fault switch set: ${JSON.stringify(request)}`);
    return json(200, this.describeFaults());
  }

  private describeFaults(): Record<string, unknown> {
    return { ...this.faults.list(), ...this.options.extraFaults?.describe() };
  }

  // -------------------------------------------------------------------------------------------
  // Pages

  private indexPage(): MockResponse {
    const entries = this.ledger.all().slice(-LEDGER_PAGE_ROWS).reverse();
    const rows = entries
      .map(
        (entry) =>
          `<tr><td>${escapeHtml(entry.paymentId)}</td><td>${escapeHtml(entry.providerTxnId)}</td><td>${escapeHtml(formatVnd(entry.amount))}</td>` +
          `<td>${escapeHtml(STATUS_VI[entry.status])}${entry.reversed ? ' (hoàn trả)' : ''}</td><td>${escapeHtml(formatVietnamTime(entry.occurredAt))}</td></tr>`,
      )
      .join('');
    const table = entries.length === 0
      ? 'Chưa có giao dịch nào.'
      : `<table><tr><th>Mã thanh toán</th><th>Mã giao dịch</th><th>Số tiền</th><th>Trạng thái</th><th>Thời gian</th></tr>${rows}</table>`;
    return messagePage(this.protocol.displayName, 'Sổ giao dịch', [
      `${this.ledger.all().length} giao dịch trong sổ. File đối soát theo ngày: <code>${escapeHtml(this.prefix)}/settlements/YYYY-MM-DD.csv</code>`,
      table,
    ]);
  }

  private refusalFor(verified: Exclude<PaymentPageVerification, { ok: true }>): MockResponse {
    this.options.log(`[${this.protocol.provider}] payment link refused: ${verified.reason} (${verified.detail})`);
    return verified.reason === 'EXPIRED'
      ? this.refusal(400, 'Liên kết đã hết hạn', 'Liên kết thanh toán đã hết hạn. Vui lòng quay lại cổng dịch vụ công để tạo yêu cầu thanh toán mới.')
      : this.refusal(400, 'Liên kết thanh toán không hợp lệ', 'Liên kết thanh toán không hợp lệ hoặc đã bị thay đổi. Giao dịch không được thực hiện.');
  }

  private refusal(status: number, title: string, message: string): MockResponse {
    return errorPage(status, this.protocol.displayName, title, message);
  }
}

const STATUS_VI: Record<LedgerStatus, string> = { SUCCEEDED: 'Thành công', FAILED: 'Thất bại', CANCELLED: 'Đã hủy' };

function statusOfAction(action: string | null): LedgerStatus | undefined {
  if (action === 'pay') return 'SUCCEEDED';
  if (action === 'fail') return 'FAILED';
  if (action === 'cancel') return 'CANCELLED';
  return undefined;
}

function decodeSegment(segment: string): string | undefined {
  try {
    const decoded = decodeURIComponent(segment);
    return PROVIDER_REFERENCE_PATTERN.test(decoded) ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** Gateways report payment times to the second (pg_PayDate has no more), so the ledger does too. */
function wholeSecond(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000);
}

/** Adds parameters to a URL that may already have a query string of its own. */
export function withQuery(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  return target.toString();
}

/** A random run of digits of the given length, not starting with 0. */
export function randomDigits(length: number): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < length) digits += String(randomInt(0, 10));
  return digits;
}
