// The reconciliation domain's public surface: what a worker or the upload handler imports.
export { reconcile, settlementFileOptions } from './matching-engine';
export type {
  DiscrepancySink, InternalTransactionSource, KnownPayment, SettlementFileSource, PaymentLookup, ReconciliationInput, ReconciliationResult,
} from './matching-engine';
export {
  DISCREPANCY_TYPES, emptyDiscrepancyCounts,
  type CarriedOverPayment, type CountAndAmount, type Discrepancy, type DiscrepancyReason, type DiscrepancyType,
  type ReconciliationSummary,
} from './discrepancy';
export { PAYMENT_STATUSES, type InternalTransaction, type PaymentStatus } from './internal-transaction';
export {
  SETTLEMENT_HEADER, SETTLEMENT_STATUSES, SettlementRowBatch, type SettlementRow, type SettlementStatus,
} from './settlement-row';
export {
  SettlementCsvParser, readSettlementRows, validateSettlementFile,
  type SettlementCsvOptions, type SettlementFileTotals,
} from './settlement-csv-parser';
export { InternalTransactionError, ReconciliationError, SettlementFileError } from './reconciliation-error';
