import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProviderName } from '../../domain/providers/provider-payment-report';
import type { AmountVnd } from '../../domain/shared/money';

/**
 * A mock provider's own record of what it did: the truth its settlement files and status answers
 * come from, kept apart from the service's data exactly as a real gateway's books are.
 */
export type LedgerStatus = 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface LedgerEntry {
  providerTxnId: string;
  paymentId: string;
  /** The event the provider reports this attempt with (a callback, or a status answer). */
  eventId: string;
  /** What the service's signed link asked for. */
  requestedAmount: AmountVnd;
  /** What the provider reports and settles: the requested amount unless an alterAmount fault applied. */
  amount: AmountVnd;
  status: LedgerStatus;
  /** Written with +07:00. */
  occurredAt: string;
  bankCode: string;
  /** Set by the reverse fault: the settlement file shows the payment as REVERSED. */
  reversed: boolean;
  /** Settlement-file faults taken when the payment was made. */
  settlement: { omit: boolean; duplicate: boolean; nextDay: boolean };
}

/** A ledger that outgrows this is a runaway test, not a demo. */
export const MAX_LEDGER_ENTRIES = 100_000;

export class LedgerFullError extends Error {
  constructor() {
    super(`the mock ledger holds ${MAX_LEDGER_ENTRIES} entries already`);
    this.name = 'LedgerFullError';
  }
}

export class MockLedger {
  private readonly entries: LedgerEntry[] = [];
  private readonly file: string | undefined;

  constructor(provider: ProviderName, dataDir?: string) {
    this.file = dataDir === undefined ? undefined : join(dataDir, `${provider}-ledger.json`);
    if (this.file !== undefined) this.load(this.file);
  }

  all(): readonly LedgerEntry[] {
    return this.entries;
  }

  has(providerTxnId: string): boolean {
    return this.entries.some((entry) => entry.providerTxnId === providerTxnId);
  }

  /** A payment's attempts, oldest first. */
  forPayment(paymentId: string): LedgerEntry[] {
    return this.entries.filter((entry) => entry.paymentId === paymentId);
  }

  /** What a status query reports: the success if there is one, else the latest attempt. */
  latestFor(paymentId: string): LedgerEntry | undefined {
    const attempts = this.forPayment(paymentId);
    return attempts.find((entry) => entry.status === 'SUCCEEDED') ?? attempts[attempts.length - 1];
  }

  record(entry: LedgerEntry): void {
    if (this.entries.length >= MAX_LEDGER_ENTRIES) throw new LedgerFullError();
    this.entries.push(entry);
    this.save();
  }

  update(providerTxnId: string, change: (entry: LedgerEntry) => void): boolean {
    const entry = this.entries.find((candidate) => candidate.providerTxnId === providerTxnId);
    if (entry === undefined) return false;
    change(entry);
    this.save();
    return true;
  }

  private load(file: string): void {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    // A corrupt ledger is a reason to stop, not to start empty and settle nothing.
    const saved = JSON.parse(text) as { entries: LedgerEntry[] };
    this.entries.push(...saved.entries);
  }

  private save(): void {
    if (this.file === undefined) return;
    mkdirSync(join(this.file, '..'), { recursive: true });
    // Write then rename, so a crash mid-write leaves the previous ledger, never half of one.
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify({ entries: this.entries }, null, 1));
    renameSync(temporary, this.file);
  }
}
