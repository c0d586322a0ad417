/**
 * Row batches in columns whose identifiers are byte ranges of `buf` (SettlementRowBatch,
 * InternalTransactionBatch). A parser reuses one batch, valid only during its callback; a
 * {@link BlockWriter} copies such batches into larger blocks that own their bytes, which can be kept
 * or moved to another thread (their buffers transferred, not copied).
 */
/** Rows per block: a few hundred kilobytes, a cheap message between threads. */
export const BLOCK_ROWS = 4096;

export interface RowBlock<T> {
  buf: Uint8Array;
  count: number;
  readonly capacity: number;
  /** The bytes of `buf` its rows refer to: rows lie back to back, so one range holds them all. */
  spanStart(): number;
  spanEnd(): number;
  /** Appends all rows of `from` at row `at`, their byte ranges moved by `shift`. */
  copyRowsFrom(from: T, at: number, shift: number): void;
  /** Every typed array of the batch, `buf` included. */
  arrays(): ArrayBufferView[];
}

export class BlockWriter<T extends RowBlock<T>> {
  private block: T | null = null;
  private bytes = 0;
  // Bytes and rows copied so far: a new block's buffer is sized from them, so that it is allocated
  // once at about the size it ends up, instead of growing (each growth a copy, and fresh memory the
  // process faults in page by page).
  private bytesSeen = 0;
  private rowsSeen = 0;

  constructor(
    private readonly create: () => T,
    private readonly emit: (block: T) => void,
  ) {}

  append(batch: T): void {
    const count = batch.count;
    if (count === 0) return;
    if (this.block !== null && this.block.count + count > this.block.capacity) this.flush();
    const spanStart = batch.spanStart();
    const length = batch.spanEnd() - spanStart;
    this.bytesSeen += length;
    this.rowsSeen += count;
    const block = (this.block ??= this.create());
    if (this.bytes + length > block.buf.length) {
      const expected = Math.ceil((block.capacity * this.bytesSeen * 1.125) / this.rowsSeen);
      const grown = new Uint8Array(Math.max(Math.floor(block.buf.length * 1.5), this.bytes + length, expected));
      grown.set(block.buf.subarray(0, this.bytes));
      block.buf = grown;
    }
    block.buf.set(batch.buf.subarray(spanStart, spanStart + length), this.bytes);
    block.copyRowsFrom(batch, block.count, this.bytes - spanStart);
    block.count += count;
    this.bytes += length;
  }

  /** Hands over the block being filled, if it has rows. */
  flush(): void {
    const block = this.block;
    if (block === null || block.count === 0) return;
    this.block = null;
    this.bytes = 0;
    this.emit(block);
  }
}
