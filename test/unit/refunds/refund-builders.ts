import type { Payment } from '../../../domain/payments/payment';
import type { Receipt } from '../../../domain/receipts/receipt';
import type { Refund } from '../../../domain/refunds/refund';
import type { RefundAnswer } from '../../../domain/refunds/refund-answer';

/** Test data with valid defaults: a SUCCEEDED 52 000 VND payment, its receipt, a SUBMITTED refund of it. */
export function aSucceededPayment(overrides: Partial<Payment> = {}): Payment {
  return {
    paymentId: 'pay_01KBWQ3F5S0000000000000',
    status: 'SUCCEEDED',
    dossierId: 'HS-001',
    procedureCode: 'CT-BANSAO',
    agencyCode: 'TRANBIEN',
    provider: 'mock-bank',
    amount: 52_000,
    currency: 'VND',
    lines: [],
    inputs: {},
    feeScheduleDate: '2026-06-02',
    payerName: 'Nguyễn Văn A',
    returnUrl: 'https://portal.example/return',
    paymentUrl: 'https://bank.example/pay',
    vietQr: '000201',
    createdAt: '2026-06-02T09:00:00+07:00',
    updatedAt: '2026-06-02T09:01:00+07:00',
    expiresAt: '2026-06-02T09:15:00+07:00',
    createdBy: 'portal',
    events: [],
    paidAt: '2026-06-02T09:01:00+07:00',
    businessDate: '2026-06-02',
    providerTxnId: 'BANK-TXN-1',
    paidAmount: 52_000,
    ...overrides,
  };
}

export function aReceipt(overrides: Partial<Receipt> = {}): Receipt {
  return {
    receiptNo: '0000001',
    templateCode: '01BLP0-001',
    series: 'AB-26E',
    issuedAt: '2026-06-02T09:02:00+07:00',
    collector: { name: 'UBND phường Trấn Biên', taxCode: '3600000000' },
    payer: { name: 'Nguyễn Văn A' },
    paymentId: 'pay_01KBWQ3F5S0000000000000',
    agencyCode: 'TRANBIEN',
    dossierId: 'HS-001',
    procedureCode: 'CT-BANSAO',
    lines: [],
    amount: 52_000,
    amountInWords: 'Năm mươi hai nghìn đồng',
    status: 'ISSUED',
    ...overrides,
  };
}

export function aSubmittedRefund(overrides: Partial<Refund> = {}): Refund {
  return {
    refundId: 'rfd_01KBWQ3F5S0000000000000',
    paymentId: 'pay_01KBWQ3F5S0000000000000',
    provider: 'mock-bank',
    amount: 52_000,
    reason: 'Nộp trùng',
    status: 'SUBMITTED',
    createdAt: '2026-06-03T10:00:00+07:00',
    createdBy: 'finance-1',
    updatedAt: '2026-06-03T10:00:00+07:00',
    events: [{ type: 'RefundSubmitted', at: '2026-06-03T10:00:00+07:00' }],
    ...overrides,
  };
}

export function anAnswer(overrides: Partial<RefundAnswer> = {}): RefundAnswer {
  return {
    provider: 'mock-bank',
    eventId: 'evt_refund_1',
    refundId: 'rfd_01KBWQ3F5S0000000000000',
    paymentId: 'pay_01KBWQ3F5S0000000000000',
    providerRefundId: 'BANK-RF-1',
    status: 'SUCCEEDED',
    amount: 52_000,
    occurredAt: '2026-06-03T10:00:05+07:00',
    ...overrides,
  };
}
