/**
 * Errors of the reconciliation domain. Expected outcomes (a mismatch, a duplicate) are discrepancies,
 * returned as values; these errors are for input that cannot be reconciled at all.
 */
export class ReconciliationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A settlement file that breaks the contract's format. The upload path answers 400 with `line` and
 * `field`; a reconciliation run fails without storing anything.
 */
export class SettlementFileError extends ReconciliationError {
  /** 1-based line number in the file, the header being line 1. */
  readonly line: number;
  /** The column name, or `header` / `row` for errors that are not about one column. */
  readonly field: string;
  /** What is wrong, without the line and field. */
  readonly detail: string;

  constructor(line: number, field: string, detail: string) {
    super(`line ${line}, ${field}: ${detail}`);
    this.line = line;
    this.field = field;
    this.detail = detail;
  }
}

/**
 * The service's own transactions handed to the engine break its preconditions (a payment listed
 * twice, a success outside the business date). This is a bug in the caller, never a discrepancy.
 */
export class InternalTransactionError extends ReconciliationError {
  /** 1-based position in the internal input (the CSV line number when the input is CSV). */
  readonly position: number;
  readonly field: string;

  constructor(position: number, field: string, message: string) {
    super(`internal transaction ${position}, ${field}: ${message}`);
    this.position = position;
    this.field = field;
  }
}
