import { addDays, businessDateOf, type BusinessDate } from '../../domain/shared/business-date';
import type { AmountVnd } from '../../domain/shared/money';
import type { LedgerEntry } from './ledger';

/**
 * A provider's settlement file for one business date, generated from its own ledger in the format
 * CONTRACT.md fixes: `provider_txn_id,payment_id,amount,fee,status,paid_at`, one row per settled
 * payment, ordered by payment time. Only successes are settled; a reversed one is listed as REVERSED
 * with no fee, since the provider gives its fee back with the money.
 */
export const SETTLEMENT_HEADER = 'provider_txn_id,payment_id,amount,fee,status,paid_at';

export interface SettlementRow {
  providerTxnId: string;
  paymentId: string;
  amount: AmountVnd;
  fee: AmountVnd;
  status: 'SUCCEEDED' | 'REVERSED';
  paidAt: string;
}

export function settlementRows(entries: readonly LedgerEntry[], businessDate: BusinessDate, feeOf: (amount: AmountVnd) => AmountVnd): SettlementRow[] {
  const rows: SettlementRow[] = [];
  for (const entry of entries) {
    if (entry.status !== 'SUCCEEDED' || entry.settlement.omit) continue;
    const paidDate = businessDateOf(entry.occurredAt);
    const settledDate = entry.settlement.nextDay ? addDays(paidDate, 1) : paidDate;
    if (settledDate !== businessDate) continue;
    const row: SettlementRow = {
      providerTxnId: entry.providerTxnId,
      paymentId: entry.paymentId,
      amount: entry.amount,
      fee: entry.reversed ? 0 : feeOf(entry.amount),
      status: entry.reversed ? 'REVERSED' : 'SUCCEEDED',
      paidAt: entry.occurredAt,
    };
    rows.push(row);
    if (entry.settlement.duplicate) rows.push({ ...row });
  }
  return rows.sort((a, b) => Date.parse(a.paidAt) - Date.parse(b.paidAt) || a.providerTxnId.localeCompare(b.providerTxnId));
}

export function settlementCsv(rows: readonly SettlementRow[]): string {
  const lines = rows.map((row) =>
    [row.providerTxnId, row.paymentId, String(row.amount), String(row.fee), row.status, row.paidAt].map(csvCell).join(','),
  );
  return `${[SETTLEMENT_HEADER, ...lines].join('\n')}\n`;
}

/** Ids are plain already; quoting anyway keeps a file readable if that ever changes. */
function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
