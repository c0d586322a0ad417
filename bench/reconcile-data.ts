/**
 * Deterministic test data for the reconciliation benchmark: one provider day of internal
 * transactions and its settlement file, with about 1% of each discrepancy type, written as the CSVs a
 * worker would read. The same seed always gives the same bytes.
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, startOfBusinessDate } from '../domain/shared/business-date';
import type { CarriedOverPayment } from '../domain/reconciliation/discrepancy';
import { INTERNAL_TRANSACTION_HEADER } from '../domain/reconciliation/internal-transaction';
import { SETTLEMENT_HEADER } from '../domain/reconciliation/settlement-row';
import { seededRandom } from '../domain/shared/seeded-random';

/** Part of the output folder's name: bump it when the generated data changes. */
export const BENCH_DATA_VERSION = 2;
export const BENCH_BUSINESS_DATE = '2026-11-22';
export const BENCH_WINDOW_MS = 30 * 60 * 1000;
export const CARRIED_OVER_HEADER = 'payment_id,dossier_id,amount,paid_at,business_date';

export interface BenchFiles {
  internalCsv: string;
  settlementCsv: string;
  carriedOverCsv: string;
  internalRows: number;
  settlementRows: number;
  carriedOverRows: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const FEES_VND = [10_000, 20_000, 35_000, 50_000, 52_000, 100_000, 150_000, 200_000, 500_000, 1_500_000];

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Buffered line writer: node:fs here, in the benchmark only (domain/ never touches files). */
class CsvWriter {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;
  lines = 0;

  constructor(path: string, header: string) {
    this.fd = openSync(path, 'w');
    this.line(header);
    this.lines = 0;
  }

  line(text: string): void {
    this.buffer.push(text);
    this.lines++;
    this.size += text.length + 1;
    if (this.size > 1 << 20) this.flushBuffer();
  }

  close(): void {
    this.flushBuffer();
    closeSync(this.fd);
  }

  private flushBuffer(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join('\n') + '\n');
    this.buffer = [];
    this.size = 0;
  }
}

/** 2026-11-22T09:30:00+07:00, or the UTC form 2026-11-22T02:30:00.123Z, with milliseconds when any. */
function isoOf(ms: number, utc: boolean): string {
  const shifted = new Date(utc ? ms : ms + 7 * HOUR_MS).toISOString();
  const millis = shifted.slice(19, 23);
  return shifted.slice(0, 19) + (millis === '.000' ? '' : millis) + (utc ? 'Z' : '+07:00');
}

export function generateBenchData(dir: string, rows: number, seed: number): BenchFiles {
  mkdirSync(dir, { recursive: true });
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const files = {
    internalCsv: join(dir, 'internal-transactions.csv'),
    settlementCsv: join(dir, 'settlement.csv'),
    carriedOverCsv: join(dir, 'carried-over.csv'),
  };
  const internal = new CsvWriter(files.internalCsv, INTERNAL_TRANSACTION_HEADER);
  const settlement = new CsvWriter(files.settlementCsv, SETTLEMENT_HEADER);
  const carried = new CsvWriter(files.carriedOverCsv, CARRIED_OVER_HEADER);

  const date = BENCH_BUSINESS_DATE;
  const compactDate = date.replaceAll('-', '');
  const dayStartMs = startOfBusinessDate(date).getTime();
  const windowStartMs = dayStartMs + DAY_MS - BENCH_WINDOW_MS;
  // Agencies have dossier codes like 000.00.13.H43-261122-00001; 200 of them, so dossier ids come in
  // more shapes than the compact key form interns and the byte-arena path is exercised too.
  const agencies = Array.from({ length: 200 }, (_, a) => `000.${pad(a % 7, 2)}.${pad(a % 100, 2)}.H${pad(a % 63 + 1, 2)}-${compactDate.slice(2)}-`);
  // Identifiers in the shapes the service and the mock bank issue: payment ids are `pay_` + 10
  // Crockford base32 characters of creation time + 11 random ones (domain/payments/payment-id.ts),
  // bank transaction numbers `MB` + 12 digits in no particular order. Neither comes in a sequence the
  // engine's hash tables could exploit.
  let txnSeq = 0;
  const nextTxnId = () => `MB${pad((++txnSeq * 999_983 + 123_457) % 1_000_000_000_000, 12)}`;
  const paymentId = (createdAtMs: number) => {
    let time = createdAtMs;
    let id = '';
    for (let i = 0; i < 10; i++) {
      id = BASE32[time % 32]! + id;
      time = Math.floor(time / 32);
    }
    for (let i = 0; i < 11; i++) id += BASE32[Math.floor(random() * 32)]!;
    return `pay_${id}`;
  };
  const feeOf = (amount: number) => Math.round(amount * 0.011) + 1_100;
  const row = (txn: string, pid: string, amount: number, status: string, ms: number) =>
    settlement.line(`${txn},${pid},${amount},${feeOf(amount)},${status},${isoOf(ms, random() < 0.1)}`);
  let lastDossier = '';
  const tx = (pid: string, txn: string, dossier: string, amount: number, status: string, ms: number | null) => {
    internal.line(`${pid},${txn},${dossier},${amount},${status},${ms === null ? '' : isoOf(ms, false)}`);
    if (status === 'SUCCEEDED') lastDossier = dossier;
  };

  // The previous day's late payments: most appear in this file, some in neither.
  const carriedCount = Math.round(rows * 0.01);
  for (let c = 0; c < carriedCount; c++) {
    const dossier = pick(agencies) + pad(900_000 + c, 6);
    const amount = pick(FEES_VND);
    const ms = dayStartMs - 1 - Math.floor(random() * BENCH_WINDOW_MS);
    const pid = paymentId(ms - Math.floor(random() * 600_000));
    carried.line(`${pid},${dossier},${amount},${isoOf(ms, false)},${addDays(date, -1)}`);
    if (random() < 0.8) row(nextTxnId(), pid, amount, 'SUCCEEDED', ms);
  }

  for (let k = 0; k < rows; k++) {
    const dossier = pick(agencies) + pad(k, 6);
    const amount = pick(FEES_VND);
    // Spread over the day before the next-day window, in order, like the day's transaction index;
    // created up to 10 minutes before being paid.
    const ms = dayStartMs + Math.floor(((k + random()) / rows) * (DAY_MS - BENCH_WINDOW_MS - 1000));
    const pid = paymentId(ms - Math.floor(random() * 600_000));
    const r = random();
    const txn = nextTxnId();
    if (r < 0.008) {
      // Lost callback: the provider settled it, the service still waits (MISSING_INTERNAL, auto-applied).
      tx(pid, '', dossier, amount, random() < 0.7 ? 'PENDING' : 'EXPIRED', null);
      row(txn, pid, amount, 'SUCCEEDED', ms);
    } else if (r < 0.01) {
      // Success after the service gave up on the payment (MISSING_INTERNAL, for review).
      tx(pid, '', dossier, amount, random() < 0.5 ? 'FAILED' : 'CANCELLED', null);
      row(txn, pid, amount, 'SUCCEEDED', ms);
    } else if (r < 0.02) {
      tx(pid, txn, dossier, amount, 'SUCCEEDED', ms); // MISSING_AT_PROVIDER
    } else if (r < 0.03) {
      tx(pid, txn, dossier, amount, 'SUCCEEDED', ms);
      row(txn, pid, random() < 0.5 ? amount * 100 : amount - 1_000, 'SUCCEEDED', ms); // AMOUNT_MISMATCH
    } else if (r < 0.04) {
      tx(pid, txn, dossier, amount, 'SUCCEEDED', ms);
      row(txn, pid, amount, 'REVERSED', ms); // STATUS_MISMATCH
    } else if (r < 0.0433) {
      tx(pid, txn, dossier, amount, 'SUCCEEDED', ms);
      row(txn, pid, amount, 'SUCCEEDED', ms);
      row(txn, pid, amount, 'SUCCEEDED', ms); // DUPLICATE: the same provider_txn_id again
    } else if (r < 0.0466 && lastDossier !== '') {
      tx(pid, txn, lastDossier, amount, 'SUCCEEDED', ms); // DUPLICATE: the dossier paid twice
      row(txn, pid, amount, 'SUCCEEDED', ms);
    } else if (r < 0.05) {
      tx(pid, txn, dossier, amount, 'SUCCEEDED', ms);
      row(txn, pid, amount, 'SUCCEEDED', ms);
      row(nextTxnId(), pid, amount, 'SUCCEEDED', ms); // DUPLICATE: one payment settled twice
    } else if (r < 0.06) {
      // Paid in the last 30 minutes, not in this file: PENDING_NEXT_DAY (the window's first instant included).
      const lateMs = random() < 0.01 ? windowStartMs : windowStartMs + Math.floor(random() * BENCH_WINDOW_MS);
      tx(pid, txn, dossier, amount, 'SUCCEEDED', lateMs);
    } else if (r < 0.065) {
      // Paid in the last 30 minutes and settled on time anyway.
      const lateMs = windowStartMs + Math.floor(random() * BENCH_WINDOW_MS);
      tx(pid, txn, dossier, amount, 'SUCCEEDED', lateMs);
      row(txn, pid, amount, 'SUCCEEDED', lateMs);
    } else if (r < 0.07) {
      tx(pid, '', dossier, amount, pick(['PENDING', 'EXPIRED', 'FAILED', 'CANCELLED']), null); // never paid
    } else if (r < 0.0705) {
      tx(pid, '', dossier, amount, 'FAILED', null);
      row(txn, pid, amount, 'REVERSED', ms); // charged and reversed: both sides agree nothing was collected
    } else if (r < 0.071) {
      tx(pid, txn, dossier, amount, 'SUCCEEDED', windowStartMs - 1); // MISSING_AT_PROVIDER, 1 ms before the window
    } else {
      tx(pid, txn, dossier, amount, 'SUCCEEDED', ms);
      row(txn, pid, amount, 'SUCCEEDED', ms); // matched
    }
    // Rows for payments the service never issued (UNKNOWN_REFERENCE).
    if (random() < 0.01) row(nextTxnId(), paymentId(ms - 1000), amount, 'SUCCEEDED', ms);
  }

  internal.close();
  settlement.close();
  carried.close();
  return { ...files, internalRows: internal.lines, settlementRows: settlement.lines, carriedOverRows: carried.lines };
}

/** Reads back the carried-over list written beside the day (a few thousand lines: plain splitting does). */
export function readCarriedOverCsv(path: string): CarriedOverPayment[] {
  return readFileSync(path, 'utf8').split('\n').slice(1).filter(Boolean).map((line) => {
    const [paymentId, dossierId, amount, paidAt, businessDate] = line.split(',');
    return { paymentId: paymentId!, dossierId: dossierId!, amount: Number(amount), paidAt: paidAt!, businessDate: businessDate! };
  });
}
