// Proves the settlement file reader marks repeated provider_txn_ids and that its copying mode hands over the same rows in blocks that own their bytes.
import { settlementRowOf } from '../../../domain/reconciliation/settlement-csv-parser';
import { SettlementFileReader, type SettlementFileReaderOptions } from '../../../domain/reconciliation/settlement-file-reader';
import { BLOCK_ROWS } from '../../../domain/reconciliation/row-blocks';
import type { SettlementRowBatch } from '../../../domain/reconciliation/settlement-row';
import { SettlementFileError } from '../../../domain/reconciliation/reconciliation-error';
import { BUSINESS_DATE, aRow, aSettlementFile, bytes, chunksAt } from './builders';

function read(chunks: readonly Uint8Array[], options: SettlementFileReaderOptions) {
  const rows: (ReturnType<typeof settlementRowOf> & { repeated: number })[] = [];
  const batches: SettlementRowBatch[] = [];
  const reader = new SettlementFileReader((batch) => {
    batches.push(batch);
    for (let r = 0; r < batch.count; r++) rows.push({ ...settlementRowOf(batch, r), repeated: batch.repeated[r]! });
  }, options);
  for (const chunk of chunks) reader.push(chunk);
  reader.finish();
  return { rows, batches, reader };
}

describe('SettlementFileReader', () => {
  const rows = Array.from({ length: BLOCK_ROWS * 2 + 123 }, (_, i) =>
    aRow({ providerTxnId: `MB${String(i % 5000).padStart(8, '0')}`, paymentId: i % 7 === 0 ? `pay_Hải_${i}` : `PAY-${i}`, amount: 1000 + i }));
  const file = bytes(aSettlementFile(rows, '\r\n'));
  const chunks = chunksAt(file, [1, 17, 4096, 100_000, 100_001, 333_333, file.length - 2]);

  it('marks every row whose provider_txn_id an earlier row has, the first one not', () => {
    const { rows: read1 } = read(chunks, {});
    expect(read1).toHaveLength(rows.length);
    expect(read1.filter((row) => row.repeated === 1)).toHaveLength(rows.length - 5000);
    expect(read1.slice(0, 5000).every((row) => row.repeated === 0)).toBe(true);
    expect(read1[5000]).toMatchObject({ providerTxnId: 'MB00000000', line: 5002, repeated: 1 });
  });

  it('copies rows into blocks of at most BLOCK_ROWS that own their bytes, the same rows as borrowed batches', () => {
    const borrowed = read(chunks, {});
    const owned = chunks.map((chunk) => chunk.slice());
    const copied = read(owned, { mode: 'copy' });
    for (const chunk of owned) chunk.fill(0x3f); // the caller reuses its buffers: blocks must not care
    const again = copied.batches.flatMap((batch) => Array.from({ length: batch.count }, (_, r) => ({ ...settlementRowOf(batch, r), repeated: batch.repeated[r]! })));
    expect(again).toEqual(borrowed.rows);
    expect(copied.batches.length).toBe(3);
    expect(copied.batches.every((batch) => batch.count <= BLOCK_ROWS)).toBe(true);
    expect(new Set(copied.batches).size).toBe(copied.batches.length);
    expect(borrowed.batches.every((batch) => batch.count <= 512)).toBe(true);
    // A full block's buffer is about the size of its rows' bytes, not the result of doublings.
    const full = copied.batches.filter((batch) => batch.count > BLOCK_ROWS - 512);
    expect(full).toHaveLength(2);
    for (const batch of full) expect(batch.buf.length / (batch.spanEnd() - batch.spanStart())).toBeLessThan(1.3);
  });

  it('validates as the parser does: the business date of each row, with its line number', () => {
    const late = bytes(aSettlementFile([aRow(), aRow({ providerTxnId: 'MB2', paidAt: '2026-11-23T00:00:00+07:00' })]));
    expect(() => read([late], { mode: 'copy', businessDate: BUSINESS_DATE })).toThrow(SettlementFileError);
    expect(() => read([late], { mode: 'copy', businessDate: BUSINESS_DATE })).toThrow(/^line 3, paid_at: /);
    expect(() => read([], { mode: 'copy' })).toThrow(/line 1, header/);
  });
});
