import * as money from '../shared/money';
import {
  LineFramer, MAX_LINE_BYTES, amountProblem, contentEnd,
  decodeText, identifierProblem, nextDelimiter, parseAmountDigits, readHeaderLine,
} from './csv-bytes';
import {
  INTERNAL_TRANSACTION_HEADER, InternalTransactionBatch, PAYMENT_STATUSES,
} from './internal-transaction';
import * as csvBytes from './csv-bytes';
import * as isoInstant from './iso-instant-bytes';
import { InternalTransactionError } from './reconciliation-error';

// Byte values and the per-row helpers are bound locally: code compiled to CommonJS (jest, tsx) reads
// imported bindings through getters, which costs more than the parsing itself in a per-byte loop.
const COMMA = 44;
const LF = 10;
const CR = 13;
const parseIsoInstantBytes = isoInstant.parseIsoInstantBytes;
const bytesEqualAscii = csvBytes.bytesEqualAscii;
const MAX_AMOUNT_VND = money.MAX_AMOUNT_VND;
const MAX_ID_BYTES = csvBytes.MAX_ID_BYTES;

const FIELDS = ['payment_id', 'provider_txn_id', 'dossier_id', 'amount', 'status', 'paid_at'] as const;

/**
 * Reads internal transactions in the CSV shape of {@link INTERNAL_TRANSACTION_HEADER} from byte
 * chunks, with the same byte-level technique as the settlement parser (see its header comment): it is
 * the other half of a reconciliation run's input.
 */
export class InternalTransactionCsvParser {
  rows = 0;
  private line = 0;
  private readonly framer: LineFramer;
  private readonly batch = new InternalTransactionBatch();

  constructor(private readonly onBatch: (batch: InternalTransactionBatch) => void) {
    this.framer = new LineFramer(
      (buf, start, end) => this.parseLines(buf, start, end),
      () => this.fail(this.line + 1, 'row', `is longer than ${MAX_LINE_BYTES} bytes`),
    );
  }

  push(chunk: Uint8Array): void {
    this.framer.push(chunk);
  }

  finish(): void {
    this.framer.finish();
    if (this.line === 0) this.fail(1, 'header', `is missing; expected "${INTERNAL_TRANSACTION_HEADER}"`);
  }

  private fail(line: number, field: string, message: string): never {
    throw new InternalTransactionError(line, field, message);
  }

  private parseLines(buf: Uint8Array, start: number, end: number): void {
    const batch = this.batch;
    batch.buf = buf;
    batch.count = 0;
    let p = start;
    let c = 0;
    while (p < end) {
      const line = ++this.line;
      if (line === 1) {
        p = this.parseHeader(buf, p, end);
        continue;
      }
      const r = batch.count;
      batch.position[r] = line;

      let s = p;
      while (p < end && (c = buf[p]!) > COMMA && c < 127) p++;
      if (p === end || c !== COMMA || p === s || p - s > MAX_ID_BYTES) p = this.identifierSlowPath(buf, s, end, 0, true);
      batch.paymentIdStart[r] = s;
      batch.paymentIdEnd[r] = p;

      s = ++p;
      while (p < end && (c = buf[p]!) > COMMA && c < 127) p++;
      if (p === end || c !== COMMA || p - s > MAX_ID_BYTES) p = this.identifierSlowPath(buf, s, end, 1, false);

      s = ++p;
      while (p < end && (c = buf[p]!) > COMMA && c < 127) p++;
      if (p === end || c !== COMMA || p === s || p - s > MAX_ID_BYTES) p = this.identifierSlowPath(buf, s, end, 2, true);
      batch.dossierIdStart[r] = s;
      batch.dossierIdEnd[r] = p;

      s = ++p;
      let amount = 0;
      while (p < end) {
        const d = buf[p]! - 48;
        if (d < 0 || d > 9) break;
        amount = amount * 10 + d;
        p++;
      }
      if (p === end || buf[p] !== COMMA || p === s || p - s > 16 || amount > MAX_AMOUNT_VND) {
        p = this.amountSlowPath(buf, s, end);
        amount = parseAmountDigits(buf, s, p, MAX_AMOUNT_VND);
      }
      batch.amount[r] = amount;

      s = ++p;
      while (p < end && buf[p] !== COMMA && buf[p] !== LF) p++;
      const statusEnd = p === end || buf[p] === LF ? contentEnd(buf, s, p) : p;
      const statusCode = statusCodeOf(buf, s, statusEnd);
      batch.statusCode[r] = statusCode;
      if (statusCode < 0) {
        this.fail(line, 'status', `must be one of ${PAYMENT_STATUSES.join(', ')}, not "${decodeText(buf, s, statusEnd)}"`);
      }
      if (p === end || buf[p] !== COMMA) this.missingColumn(line, 5);

      s = ++p;
      while (p < end && (c = buf[p]!) !== LF) {
        if (c === COMMA) this.fail(line, 'row', 'has more than 6 columns');
        p++;
      }
      const paidAtEnd = p > s && buf[p - 1] === CR ? p - 1 : p;
      if (paidAtEnd === s) {
        batch.paidAtMs[r] = NaN;
      } else {
        const paidAtMs = parseIsoInstantBytes(buf, s, paidAtEnd);
        if (paidAtMs !== paidAtMs) this.fail(line, 'paid_at', `"${decodeText(buf, s, paidAtEnd)}" ${isoInstant.isoInstantProblem}`);
        batch.paidAtMs[r] = paidAtMs;
      }
      if (p < end) p++;

      this.rows++;
      batch.count = r + 1;
      if (r + 1 === batch.position.length) {
        this.onBatch(batch);
        batch.count = 0;
      }
    }
    if (batch.count > 0) this.onBatch(batch);
    batch.count = 0;
  }

  private parseHeader(buf: Uint8Array, start: number, end: number): number {
    const header = readHeaderLine(buf, start, end, INTERNAL_TRANSACTION_HEADER);
    if (!header.matches) this.fail(1, 'header', `must be exactly "${INTERNAL_TRANSACTION_HEADER}"`);
    return header.lineEnd;
  }

  private identifierSlowPath(buf: Uint8Array, start: number, end: number, column: number, required: boolean): number {
    const line = this.line;
    const q = nextDelimiter(buf, start, end);
    if (column === 0 && (q === start || (q === start + 1 && buf[start] === CR)) && (q === end || buf[q] === LF)) {
      this.fail(line, 'row', 'is an empty line');
    }
    const problem = identifierProblem(buf, start, q, required);
    if (problem !== null) this.fail(line, FIELDS[column]!, problem);
    if (q === end || buf[q] !== COMMA) this.missingColumn(line, column + 1);
    return q;
  }

  private amountSlowPath(buf: Uint8Array, start: number, end: number): number {
    const q = nextDelimiter(buf, start, end);
    const fieldEnd = q === end || buf[q] === LF ? contentEnd(buf, start, q) : q;
    if (parseAmountDigits(buf, start, fieldEnd, MAX_AMOUNT_VND) < 0) {
      const text = decodeText(buf, start, fieldEnd);
      this.fail(this.line, 'amount', `"${text}" ${amountProblem(text, MAX_AMOUNT_VND)}`);
    }
    if (q === end || buf[q] !== COMMA) this.missingColumn(this.line, 4);
    return q;
  }

  private missingColumn(line: number, column: number): never {
    this.fail(line, FIELDS[column]!, `is missing (the row has ${column} of ${FIELDS.length} columns)`);
  }
}

const STATUSES: readonly string[] = [...PAYMENT_STATUSES];

/** The index of a payment status in PAYMENT_STATUSES, or -1. */
export function statusCodeOf(buf: Uint8Array, start: number, end: number): number {
  for (let code = 0; code < STATUSES.length; code++) {
    if (bytesEqualAscii(buf, start, end, STATUSES[code]!)) return code;
  }
  return -1;
}
