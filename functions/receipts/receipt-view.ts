import { receiptPath } from '../../domain/receipts/receipt-link';
import type { StoredReceipt } from './receipt-repository';
import type { ReceiptBody } from './receipt-schemas';

/** The receipt as the API shows it: its fields in CONTRACT order, the link instead of the bare token. */
export function receiptView(receipt: StoredReceipt, publicBaseUrl: string): ReceiptBody {
  return {
    receiptNo: receipt.receiptNo,
    templateCode: receipt.templateCode,
    series: receipt.series,
    issuedAt: receipt.issuedAt,
    collector: { name: receipt.collector.name, taxCode: receipt.collector.taxCode },
    payer: { name: receipt.payer.name },
    paymentId: receipt.paymentId,
    agencyCode: receipt.agencyCode,
    dossierId: receipt.dossierId,
    procedureCode: receipt.procedureCode,
    lines: receipt.lines.map(({ feeCode, name, kind, amount }) => ({ feeCode, name, kind, amount })),
    amount: receipt.amount,
    amountInWords: receipt.amountInWords,
    status: receipt.status,
    ...(receipt.adjustment ? { adjustment: receipt.adjustment } : {}),
    receiptUrl: receiptUrlOf(receipt.linkToken, publicBaseUrl),
  };
}

export function receiptUrlOf(token: string, publicBaseUrl: string): string {
  return `${publicBaseUrl}${receiptPath(token)}`;
}
