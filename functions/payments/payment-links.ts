import { buildVietQrPayload } from '../../domain/payments/vietqr';
import type { ProviderName } from '../../domain/providers/provider-payment-report';
import { buildMockBankPaymentUrl } from '../../domain/providers/mock-bank-payment-url';
import { buildMockPortalPaymentUrl } from '../../domain/providers/mock-portal-payment-url';
import type { AmountVnd } from '../../domain/shared/money';
import type { Config } from '../config';

/**
 * Where a citizen pays a payment: the chosen provider's signed payment page, and a VietQR code for a
 * transfer from any banking app. The one place that feeds the provider builders their base URL,
 * secrets and account from configuration.
 */
export interface PaymentLinkRequest {
  readonly paymentId: string;
  readonly provider: ProviderName;
  readonly amount: AmountVnd;
  readonly returnUrl: string;
  readonly expiresAt: Date;
  readonly issuedAt: Date;
}

export interface PaymentLinks {
  readonly paymentUrl: string;
  readonly vietQr: string;
}

export type PaymentLinkBuilder = (request: PaymentLinkRequest) => PaymentLinks;

/** The words after the payment id in a VietQR purpose; cut to fit, never at the id's expense. */
const VIETQR_NOTE = 'le phi';

export function paymentLinkBuilder(config: Config): PaymentLinkBuilder {
  return (request) => {
    const common = {
      baseUrl: config.publicBaseUrl,
      paymentId: request.paymentId,
      amount: request.amount,
      returnUrl: request.returnUrl,
      expiresAt: request.expiresAt,
    };
    const paymentUrl =
      request.provider === 'mock-bank'
        ? buildMockBankPaymentUrl({ ...common, secret: config.MOCK_BANK_SECRET, issuedAt: request.issuedAt })
        : buildMockPortalPaymentUrl({ ...common, secret: config.MOCK_PORTAL_SECRET, tmnCode: config.MOCK_PORTAL_TMN_CODE });
    const vietQr = buildVietQrPayload({
      bankBin: config.VIETQR_BANK_BIN,
      accountNumber: config.VIETQR_ACCOUNT_NUMBER,
      amount: request.amount,
      paymentId: request.paymentId,
      note: VIETQR_NOTE,
    });
    return { paymentUrl, vietQr };
  };
}
