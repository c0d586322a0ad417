import { ByteKeySet } from './byte-key-set';
import { BLOCK_ROWS, BlockWriter } from './row-blocks';
import { SettlementCsvParser, type SettlementCsvOptions } from './settlement-csv-parser';
import { ROW_BATCH_SIZE, SettlementRowBatch } from './settlement-row';

export interface SettlementFileReaderOptions extends SettlementCsvOptions {
  /**
   * `borrow` (default) hands over the parser's own batch, valid only during the callback. `copy`
   * hands over blocks of up to {@link BLOCK_ROWS} rows that own their bytes: they can be
   * kept, or moved to another thread.
   */
  readonly mode?: 'borrow' | 'copy';
  /** Sizes the provider_txn_id table up front; a guess is fine. */
  readonly expectedRows?: number;
}

/**
 * Reads a settlement file into the row batches the matching engine classifies: parsed and validated
 * by {@link SettlementCsvParser}, and each row marked `repeated` when an earlier row has its
 * provider_txn_id (RULES.md, rule 1). That mark needs nothing but the file itself, so this whole
 * stage can run apart from the engine — on another thread while the engine reads the day's
 * transactions (functions/reconciliation/file-reader-thread.ts).
 */
export class SettlementFileReader {
  private readonly parser: SettlementCsvParser;
  private readonly providerTxns: ByteKeySet;
  private readonly blocks: BlockWriter<SettlementRowBatch> | null;

  constructor(
    private readonly onBatch: (batch: SettlementRowBatch) => void,
    options: SettlementFileReaderOptions = {},
  ) {
    this.parser = new SettlementCsvParser((batch) => this.markRepeats(batch), options);
    this.providerTxns = new ByteKeySet(Math.max(1024, options.expectedRows ?? 0), ROW_BATCH_SIZE);
    this.blocks = options.mode === 'copy' ? new BlockWriter(() => new SettlementRowBatch(BLOCK_ROWS), onBatch) : null;
  }

  /** Rows read so far (the header excluded). */
  get rows(): number {
    return this.parser.rows;
  }

  push(chunk: Uint8Array): void {
    this.parser.push(chunk);
  }

  /** Ends the input, handing over the last block; throws when the file had no header at all. */
  finish(): void {
    this.parser.finish();
    this.blocks?.flush();
  }

  private markRepeats(batch: SettlementRowBatch): void {
    const { buf, count, repeated } = batch;
    const seen = this.providerTxns;
    seen.prepare(buf, batch.providerTxnIdStart, batch.providerTxnIdEnd, 0, count);
    for (let r = 0; r < count; r++) {
      repeated[r] = seen.addPrepared(r, buf, batch.providerTxnIdStart[r]!, batch.providerTxnIdEnd[r]!) ? 1 : 0;
    }
    if (this.blocks !== null) this.blocks.append(batch);
    else this.onBatch(batch);
  }

}
