// Test data builders for reconciliation tests: valid defaults, override what the test is about.
import type { CarriedOverPayment } from '../../../domain/reconciliation/discrepancy';
import type { InternalTransaction } from '../../../domain/reconciliation/internal-transaction';
import { SETTLEMENT_HEADER } from '../../../domain/reconciliation/settlement-row';

export const BUSINESS_DATE = '2026-11-22';

export interface RowFields {
  providerTxnId: string;
  paymentId: string;
  amount: number | string;
  fee: number | string;
  status: string;
  paidAt: string;
}

export function aRow(overrides: Partial<RowFields> = {}): RowFields {
  return {
    providerTxnId: 'MB000001',
    paymentId: 'PAY-000001',
    amount: 52_000,
    fee: 1_100,
    status: 'SUCCEEDED',
    paidAt: '2026-11-22T09:30:00+07:00',
    ...overrides,
  };
}

export function rowLine(row: RowFields): string {
  return [row.providerTxnId, row.paymentId, row.amount, row.fee, row.status, row.paidAt].join(',');
}

/** A settlement file: the header, then the rows (objects or raw lines), LF line ends. */
export function aSettlementFile(rows: readonly (RowFields | string)[], eol = '\n'): string {
  return [SETTLEMENT_HEADER, ...rows.map((row) => (typeof row === 'string' ? row : rowLine(row)))].join(eol) + eol;
}

export function aTransaction(overrides: Partial<InternalTransaction> = {}): InternalTransaction {
  return {
    paymentId: 'PAY-000001',
    providerTxnId: 'MB000001',
    dossierId: '000.00.13.H43-261122-0001',
    amount: 52_000,
    status: 'SUCCEEDED',
    paidAt: '2026-11-22T09:30:00+07:00',
    ...overrides,
  };
}

export function aCarriedOverPayment(overrides: Partial<CarriedOverPayment> = {}): CarriedOverPayment {
  return {
    paymentId: 'PAY-000900',
    dossierId: '000.00.13.H43-261121-0900',
    amount: 52_000,
    paidAt: '2026-11-21T23:50:00+07:00',
    businessDate: '2026-11-21',
    ...overrides,
  };
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Splits bytes at the given cut points (sorted, deduplicated, inside the array). */
export function chunksAt(data: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(data.length, c))))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let previous = 0;
  for (const point of [...points, data.length]) {
    chunks.push(data.subarray(previous, point));
    previous = point;
  }
  return chunks;
}
