import { startOfBusinessDate, type BusinessDate } from '../shared/business-date';
import * as money from '../shared/money';
import type { AmountVnd } from '../shared/money';
import {
  LineFramer, MAX_LINE_BYTES, amountProblem, contentEnd,
  decodeText, identifierProblem, nextDelimiter, parseAmountDigits, readHeaderLine,
} from './csv-bytes';
import * as csvBytes from './csv-bytes';
import * as isoInstant from './iso-instant-bytes';
import { SettlementFileError } from './reconciliation-error';
import {
  SETTLEMENT_HEADER, SettlementRowBatch, type SettlementRow, type SettlementStatus,
} from './settlement-row';

// Byte values and the per-row helpers are bound locally: code compiled to CommonJS (jest, tsx) reads
// imported bindings through getters, which costs more than the parsing itself in a per-byte loop.
const COMMA = 44;
const LF = 10;
const CR = 13;
const parseIsoInstantBytes = isoInstant.parseIsoInstantBytes;
const bytesEqualAscii = csvBytes.bytesEqualAscii;
const MAX_AMOUNT_VND = money.MAX_AMOUNT_VND;
const MAX_ID_BYTES = csvBytes.MAX_ID_BYTES;

/*
 * Why this parser is written by hand, byte by byte: reconciliation reads a whole provider day (a
 * million rows and more) inside one Lambda invocation, and the upload path validates the same file
 * before storing it. A general CSV library or `split(',')` creates several strings per row and
 * dominates the run time and memory; here a row is read straight from the chunk's bytes into a reused
 * view (numbers parsed in place, identifiers left as byte ranges), at several hundred MB/s. The
 * format is strict and small (CONTRACT.md, "Settlement files and reconciliation"), which makes a
 * hand-written reader both simpler to prove and faster than a general one. Rows are handed over in
 * column batches (see SettlementRowBatch). The format:
 *  - UTF-8, an optional BOM, LF or CRLF line ends, an optional final line end;
 *  - the header exactly `provider_txn_id,payment_id,amount,fee,status,paid_at`;
 *  - fields are never quoted; identifiers are 1–128 bytes of text without control characters, quotes,
 *    or leading/trailing spaces;
 *  - `amount` and `fee` are digits only (no sign, no decimals), at most MAX_AMOUNT_VND;
 *  - `status` is SUCCEEDED or REVERSED;
 *  - `paid_at` is ISO 8601 with an explicit offset (Z or ±HH:MM);
 *  - an empty line, a missing or an extra column is an error.
 * Chunks may split a row, a CRLF pair or a multi-byte character anywhere (see LineFramer).
 */

export interface SettlementCsvOptions {
  /**
   * When set, every row's `paid_at` must fall on this business date (UTC+7), or the file is refused.
   */
  businessDate?: BusinessDate;
  /**
   * With `businessDate`: rows paid up to this many milliseconds before the date starts are accepted
   * too — payments made just before midnight that the provider settles on the next day (the same
   * window as the matching engine's `pendingNextDayWindowMs`). Default 0.
   */
  previousDayToleranceMs?: number;
}

const FIELDS = ['provider_txn_id', 'payment_id', 'amount', 'fee', 'status', 'paid_at'] as const;
const DAY_MS = 86_400_000;

export class SettlementCsvParser {
  /** Rows read so far (the header excluded). */
  rows = 0;
  private line = 0;
  private readonly framer: LineFramer;
  private readonly batch = new SettlementRowBatch();
  private readonly acceptFromMs: number;
  private readonly acceptBeforeMs: number;

  constructor(
    private readonly onBatch: (batch: SettlementRowBatch) => void,
    private readonly options: SettlementCsvOptions = {},
  ) {
    this.framer = new LineFramer(
      (buf, start, end) => this.parseLines(buf, start, end),
      () => this.fail(this.line + 1, 'row', `is longer than ${MAX_LINE_BYTES} bytes`),
    );
    if (options.businessDate !== undefined) {
      const startMs = startOfBusinessDate(options.businessDate).getTime();
      this.acceptFromMs = startMs - (options.previousDayToleranceMs ?? 0);
      this.acceptBeforeMs = startMs + DAY_MS;
    } else {
      this.acceptFromMs = -Infinity;
      this.acceptBeforeMs = Infinity;
    }
  }

  push(chunk: Uint8Array): void {
    this.framer.push(chunk);
  }

  /** Ends the input; throws when the file had no header at all. */
  finish(): void {
    this.framer.finish();
    if (this.line === 0) this.fail(1, 'header', `is missing: the file is empty; expected "${SETTLEMENT_HEADER}"`);
  }

  private fail(line: number, field: string, message: string): never {
    throw new SettlementFileError(line, field, message);
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
      batch.line[r] = line;

      // provider_txn_id and payment_id: the loop accepts up to 128 bytes of printable ASCII after the comma (45–126);
      // anything else goes through the careful path, which accepts other text and explains errors.
      let s = p;
      while (p < end && (c = buf[p]!) > COMMA && c < 127) p++;
      if (p === end || c !== COMMA || p === s || p - s > MAX_ID_BYTES) p = this.identifierSlowPath(buf, s, end, 0);
      batch.providerTxnIdStart[r] = s;
      batch.providerTxnIdEnd[r] = p;

      s = ++p;
      while (p < end && (c = buf[p]!) > COMMA && c < 127) p++;
      if (p === end || c !== COMMA || p === s || p - s > MAX_ID_BYTES) p = this.identifierSlowPath(buf, s, end, 1);
      batch.paymentIdStart[r] = s;
      batch.paymentIdEnd[r] = p;

      s = ++p;
      let amount = 0;
      while (p < end) {
        const d = buf[p]! - 48;
        if (d < 0 || d > 9) break;
        amount = amount * 10 + d;
        p++;
      }
      if (p === end || buf[p] !== COMMA || p === s || p - s > 16 || amount > MAX_AMOUNT_VND) {
        p = this.amountSlowPath(buf, s, end, 2);
        amount = parseAmountDigits(buf, s, p, MAX_AMOUNT_VND);
      }
      batch.amount[r] = amount;

      s = ++p;
      let fee = 0;
      while (p < end) {
        const d = buf[p]! - 48;
        if (d < 0 || d > 9) break;
        fee = fee * 10 + d;
        p++;
      }
      if (p === end || buf[p] !== COMMA || p === s || p - s > 16 || fee > MAX_AMOUNT_VND) {
        p = this.amountSlowPath(buf, s, end, 3);
        fee = parseAmountDigits(buf, s, p, MAX_AMOUNT_VND);
      }
      batch.fee[r] = fee;

      s = ++p;
      while (p < end && buf[p] !== COMMA && buf[p] !== LF) p++;
      const statusEnd = p === end || buf[p] === LF ? contentEnd(buf, s, p) : p;
      if (bytesEqualAscii(buf, s, statusEnd, 'SUCCEEDED')) batch.statusCode[r] = 0;
      else if (bytesEqualAscii(buf, s, statusEnd, 'REVERSED')) batch.statusCode[r] = 1;
      else this.fail(line, 'status', `must be SUCCEEDED or REVERSED, not "${decodeText(buf, s, statusEnd)}"`);
      if (p === end || buf[p] !== COMMA) this.missingColumn(line, 5);

      s = ++p;
      while (p < end && (c = buf[p]!) !== LF) {
        if (c === COMMA) this.fail(line, 'row', `has ${countColumns(buf, s, end) + 5} columns, expected 6`);
        p++;
      }
      const paidAtEnd = p > s && buf[p - 1] === CR ? p - 1 : p;
      const paidAtMs = parseIsoInstantBytes(buf, s, paidAtEnd);
      if (paidAtMs !== paidAtMs) {
        this.fail(line, 'paid_at', `"${decodeText(buf, s, paidAtEnd)}" ${isoInstant.isoInstantProblem}`);
      }
      if (paidAtMs < this.acceptFromMs || paidAtMs >= this.acceptBeforeMs) {
        this.fail(line, 'paid_at', `"${decodeText(buf, s, paidAtEnd)}" is not on the file's business date ${this.options.businessDate}`);
      }
      batch.paidAtStart[r] = s;
      batch.paidAtEnd[r] = paidAtEnd;
      batch.paidAtMs[r] = paidAtMs;
      if (p < end) p++;

      this.rows++;
      batch.count = r + 1;
      if (r + 1 === batch.line.length) {
        this.onBatch(batch);
        batch.count = 0;
      }
    }
    if (batch.count > 0) this.onBatch(batch);
    batch.count = 0;
  }

  private parseHeader(buf: Uint8Array, start: number, end: number): number {
    const header = readHeaderLine(buf, start, end, SETTLEMENT_HEADER);
    if (!header.matches) this.fail(1, 'header', `must be exactly "${SETTLEMENT_HEADER}", found "${header.found()}"`);
    return header.lineEnd;
  }

  /** Validates an identifier the fast loop did not accept; returns the index of its comma. */
  private identifierSlowPath(buf: Uint8Array, start: number, end: number, column: number): number {
    const line = this.line;
    const field = FIELDS[column]!;
    const q = nextDelimiter(buf, start, end);
    if (column === 0 && (q === start || (q === start + 1 && buf[start] === CR)) && (q === end || buf[q] === LF)) {
      this.fail(line, 'row', 'is an empty line');
    }
    const problem = identifierProblem(buf, start, q, true);
    if (problem !== null) this.fail(line, field, problem);
    if (q === end || buf[q] !== COMMA) this.missingColumn(line, column + 1);
    return q;
  }

  private amountSlowPath(buf: Uint8Array, start: number, end: number, column: number): number {
    const line = this.line;
    const q = nextDelimiter(buf, start, end);
    const fieldEnd = q === end || buf[q] === LF ? contentEnd(buf, start, q) : q;
    if (parseAmountDigits(buf, start, fieldEnd, MAX_AMOUNT_VND) < 0) {
      const text = decodeText(buf, start, fieldEnd);
      this.fail(line, FIELDS[column]!, `"${text}" ${amountProblem(text, MAX_AMOUNT_VND)}`);
    }
    if (q === end || buf[q] !== COMMA) this.missingColumn(line, column + 1);
    return q;
  }

  private missingColumn(line: number, column: number): never {
    this.fail(line, FIELDS[column]!, `is missing (the row has ${column} of ${FIELDS.length} columns)`);
  }
}

function countColumns(buf: Uint8Array, start: number, end: number): number {
  let columns = 1;
  for (let p = start; p < end && buf[p] !== LF; p++) if (buf[p] === COMMA) columns++;
  return columns;
}

/** Reads a whole settlement file into row objects, one batch per input chunk. */
export async function* readSettlementRows(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: SettlementCsvOptions = {},
): AsyncGenerator<SettlementRow[]> {
  let batch: SettlementRow[] = [];
  const parser = new SettlementCsvParser((rows) => {
    for (let r = 0; r < rows.count; r++) batch.push(settlementRowOf(rows, r));
  }, options);
  for await (const chunk of chunks) {
    parser.push(chunk);
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  parser.finish();
  if (batch.length > 0) yield batch;
}

export function settlementRowOf(batch: SettlementRowBatch, r: number): SettlementRow {
  const { buf } = batch;
  return {
    line: batch.line[r]!,
    providerTxnId: decodeText(buf, batch.providerTxnIdStart[r]!, batch.providerTxnIdEnd[r]!),
    paymentId: decodeText(buf, batch.paymentIdStart[r]!, batch.paymentIdEnd[r]!),
    amount: batch.amount[r]!,
    fee: batch.fee[r]!,
    status: (batch.statusCode[r] === 0 ? 'SUCCEEDED' : 'REVERSED') as SettlementStatus,
    paidAt: decodeText(buf, batch.paidAtStart[r]!, batch.paidAtEnd[r]!),
    paidAtMs: batch.paidAtMs[r]!,
  };
}

export interface SettlementFileTotals {
  rows: number;
  /** Sum of `amount` over SUCCEEDED rows: what the provider says it collected. */
  totalAmount: AmountVnd;
  totalFee: AmountVnd;
}

/** Validates a whole file (the upload path) and totals it, without keeping its rows. */
export async function validateSettlementFile(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: SettlementCsvOptions = {},
): Promise<SettlementFileTotals> {
  let totalAmount = 0;
  let totalFee = 0;
  const parser = new SettlementCsvParser((rows) => {
    for (let r = 0; r < rows.count; r++) {
      if (rows.statusCode[r] === 0) totalAmount += rows.amount[r]!;
      totalFee += rows.fee[r]!;
    }
  }, options);
  for await (const chunk of chunks) parser.push(chunk);
  parser.finish();
  if (!Number.isSafeInteger(totalAmount) || !Number.isSafeInteger(totalFee)) {
    throw new SettlementFileError(parser.rows + 1, 'amount', 'the file total exceeds the safe integer range');
  }
  return { rows: parser.rows, totalAmount, totalFee };
}
