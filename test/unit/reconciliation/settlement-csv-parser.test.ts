// Proves the settlement file parser reads the contract's format exactly and refuses anything else with the line number and the field.
import fc from 'fast-check';
import { readSettlementRows, validateSettlementFile } from '../../../domain/reconciliation/settlement-csv-parser';
import { SettlementFileError } from '../../../domain/reconciliation/reconciliation-error';
import type { SettlementRow } from '../../../domain/reconciliation/settlement-row';
import { BUSINESS_DATE, aRow, aSettlementFile, bytes, chunksAt, rowLine } from './builders';

async function parse(input: string | Uint8Array | Uint8Array[], options = {}): Promise<SettlementRow[]> {
  const chunks = Array.isArray(input) ? input : [typeof input === 'string' ? bytes(input) : input];
  const rows: SettlementRow[] = [];
  for await (const batch of readSettlementRows(chunks, options)) rows.push(...batch);
  return rows;
}

async function parseError(input: string | Uint8Array[], options = {}): Promise<SettlementFileError> {
  try {
    await parse(input, options);
  } catch (error) {
    if (error instanceof SettlementFileError) return error;
    throw error;
  }
  throw new Error('expected a SettlementFileError');
}

describe('SettlementCsvParser', () => {
  it('reads rows with their line numbers, amounts and instants', async () => {
    const rows = await parse(aSettlementFile([
      aRow(),
      aRow({ providerTxnId: 'MB000002', paymentId: 'PAY-000002', amount: 1_500_000, fee: 0, status: 'REVERSED', paidAt: '2026-11-22T02:30:00.250Z' }),
    ]));
    expect(rows).toEqual([
      { line: 2, providerTxnId: 'MB000001', paymentId: 'PAY-000001', amount: 52_000, fee: 1_100, status: 'SUCCEEDED', paidAt: '2026-11-22T09:30:00+07:00', paidAtMs: Date.parse('2026-11-22T09:30:00+07:00') },
      { line: 3, providerTxnId: 'MB000002', paymentId: 'PAY-000002', amount: 1_500_000, fee: 0, status: 'REVERSED', paidAt: '2026-11-22T02:30:00.250Z', paidAtMs: Date.parse('2026-11-22T02:30:00.250Z') },
    ]);
  });

  it('accepts CRLF, a missing final line end and a UTF-8 BOM', async () => {
    const expected = await parse(aSettlementFile([aRow(), aRow({ providerTxnId: 'MB2' })]));
    expect(await parse(aSettlementFile([aRow(), aRow({ providerTxnId: 'MB2' })], '\r\n'))).toEqual(expected);
    expect(await parse(aSettlementFile([aRow(), aRow({ providerTxnId: 'MB2' })]).trimEnd())).toEqual(expected);
    expect(await parse('\uFEFF' + aSettlementFile([aRow(), aRow({ providerTxnId: 'MB2' })], '\r\n').trimEnd())).toEqual(expected);
  });

  it('reads a file with only the header as no rows, and totals the upload', async () => {
    expect(await parse(aSettlementFile([]))).toEqual([]);
    expect(await parse(aSettlementFile([]).trimEnd())).toEqual([]);
    await expect(validateSettlementFile([bytes(aSettlementFile([aRow(), aRow({ providerTxnId: 'MB2', status: 'REVERSED' })]))]))
      .resolves.toEqual({ rows: 2, totalAmount: 52_000, totalFee: 2_200 });
  });

  it('accepts identifiers of up to 128 bytes', async () => {
    const [row] = await parse(aSettlementFile([aRow({ providerTxnId: 'M'.repeat(128), paymentId: 'P'.repeat(128) })]));
    expect(row).toMatchObject({ providerTxnId: 'M'.repeat(128), paymentId: 'P'.repeat(128) });
  });

  it('keeps identifiers in any script, byte for byte', async () => {
    const [row] = await parse(aSettlementFile([aRow({ providerTxnId: 'GD-Hải Phòng-01', paymentId: 'mã-thanh-toán' })]));
    expect(row).toMatchObject({ providerTxnId: 'GD-Hải Phòng-01', paymentId: 'mã-thanh-toán' });
  });

  it.each([
    ['an empty file', '', 1, 'header', /empty/],
    ['a wrong header', 'provider_txn_id,payment_id,amount,fee,status\n', 1, 'header', /must be exactly/],
    ['a header in other case', aSettlementFile([]).toUpperCase(), 1, 'header', /must be exactly/],
    ['a float amount', aSettlementFile([aRow({ amount: '52000.50' })]), 2, 'amount', /without decimals/],
    ['a negative amount', aSettlementFile([aRow({ amount: -52_000 })]), 2, 'amount', /without a sign/],
    ['a signed fee', aSettlementFile([aRow({ fee: '+1100' })]), 2, 'fee', /without a sign/],
    ['an empty amount', aSettlementFile([aRow({ amount: '' })]), 2, 'amount', /empty/],
    ['an amount with spaces', aSettlementFile([aRow({ amount: '52 000' })]), 2, 'amount', /not a whole number/],
    ['an amount past the maximum', aSettlementFile([aRow({ amount: '10000000000001' })]), 2, 'amount', /maximum/],
    ['a bad status', aSettlementFile([aRow(), aRow({ providerTxnId: 'MB2', status: 'succeeded' })]), 3, 'status', /SUCCEEDED or REVERSED/],
    ['a date without offset', aSettlementFile([aRow({ paidAt: '2026-11-22T09:30:00' })]), 2, 'paid_at', /no offset/],
    ['a date that does not exist', aSettlementFile([aRow({ paidAt: '2026-02-30T09:30:00+07:00' })]), 2, 'paid_at', /calendar date/],
    ['a date in another format', aSettlementFile([aRow({ paidAt: '22/11/2026 09:30' })]), 2, 'paid_at', /ISO 8601/],
    ['a 25th hour', aSettlementFile([aRow({ paidAt: '2026-11-22T24:00:00+07:00' })]), 2, 'paid_at', /time of day/],
    ['a missing column', aSettlementFile([aRow(), 'MB2,PAY-2,52000,1100,SUCCEEDED']), 3, 'paid_at', /missing/],
    ['a row of three columns', aSettlementFile(['MB2,PAY-2,52000']), 2, 'fee', /missing \(the row has 3 of 6/],
    ['an extra column', aSettlementFile([`${rowLine(aRow())},extra`]), 2, 'row', /7 columns, expected 6/],
    ['an empty payment id', aSettlementFile([aRow({ paymentId: '' })]), 2, 'payment_id', /empty/],
    ['a quoted field', aSettlementFile([aRow({ providerTxnId: '"MB1"' })]), 2, 'provider_txn_id', /quote/],
    ['a provider_txn_id of 129 bytes', aSettlementFile([aRow({ providerTxnId: 'M'.repeat(129) })]), 2, 'provider_txn_id', /longer than 128 bytes/],
    ['a payment_id of 129 bytes', aSettlementFile([aRow(), aRow({ providerTxnId: 'MB2', paymentId: 'P'.repeat(129) })]), 3, 'payment_id', /longer than 128 bytes/],
    ['an empty line', aSettlementFile([aRow(), '', aRow({ providerTxnId: 'MB2' })]), 3, 'row', /empty line/],
    ['an empty line with CRLF', aSettlementFile([aRow(), ''], '\r\n'), 3, 'row', /empty line/],
  ])('refuses %s, naming line and field', async (_, text, line, field, message) => {
    const error = await parseError(text);
    expect(error).toMatchObject({ line, field });
    expect(error.message).toMatch(message);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const valid = bytes(aSettlementFile([aRow({ paymentId: 'PAY-X' })]));
    const at = valid.indexOf('X'.charCodeAt(0));
    valid[at] = 0xff;
    await expect(parseError([valid])).resolves.toMatchObject({ line: 2, field: 'payment_id' });
  });

  it('checks that each row falls on the business date in UTC+7 when asked', async () => {
    const options = { businessDate: BUSINESS_DATE };
    const file = (paidAt: string) => aSettlementFile([aRow(), aRow({ providerTxnId: 'MB2', paidAt })]);
    await expect(parse(file('2026-11-22T23:59:59.999+07:00'), options)).resolves.toHaveLength(2);
    await expect(parse(file('2026-11-22T00:00:00+07:00'), options)).resolves.toHaveLength(2);
    await expect(parse(file('2026-11-22T16:59:59Z'), options)).resolves.toHaveLength(2);
    await expect(parseError(file('2026-11-23T00:00:00+07:00'), options)).resolves.toMatchObject({ line: 3, field: 'paid_at' });
    await expect(parseError(file('2026-11-21T23:59:59+07:00'), options)).resolves.toMatchObject({ line: 3, field: 'paid_at' });
    // Late payments of the previous day are accepted inside the tolerance only.
    const tolerant = { ...options, previousDayToleranceMs: 30 * 60 * 1000 };
    await expect(parse(file('2026-11-21T23:30:00+07:00'), tolerant)).resolves.toHaveLength(2);
    await expect(parseError(file('2026-11-21T23:29:59.999+07:00'), tolerant)).resolves.toMatchObject({ line: 3 });
  });

  it('refuses a line longer than any row can be, without buffering it', async () => {
    const long = 'x'.repeat(5000);
    await expect(parseError([bytes(aSettlementFile([aRow()])), bytes(long), bytes(long)])).resolves.toMatchObject({ line: 3, field: 'row' });
  });

  describe('chunking', () => {
    const file = bytes('\uFEFF' + aSettlementFile([
      aRow(),
      aRow({ providerTxnId: 'GD-Hải Phòng-01', paymentId: 'mã-thanh-toán-ü', amount: 7, paidAt: '2026-11-22T23:59:59.999+07:00' }),
      aRow({ providerTxnId: 'MB3', paymentId: '₫€𝄞', status: 'REVERSED', paidAt: '2026-11-21T17:00:00Z' }),
    ], '\r\n'));
    const broken = bytes(aSettlementFile([aRow(), aRow({ providerTxnId: 'Hải', amount: '1.5' })], '\r\n'));

    it('gives the same rows however the bytes are cut, inside characters and CRLF pairs included', async () => {
      const expected = await parse([file]);
      expect(expected).toHaveLength(3);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 0, max: file.length }), { maxLength: 40 }), async (cuts) => {
          expect(await parse(chunksAt(file, cuts))).toEqual(expected);
        }),
        { numRuns: 300 },
      );
    });

    it('gives the same rows byte by byte', async () => {
      const single = Array.from(file, (byte) => Uint8Array.of(byte));
      expect(await parse(single)).toEqual(await parse([file]));
    });

    it('gives the same error however the bytes are cut', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 0, max: broken.length }), { maxLength: 20 }), async (cuts) => {
          await expect(parseError(chunksAt(broken, cuts))).resolves.toMatchObject({ line: 3, field: 'amount' });
        }),
        { numRuns: 100 },
      );
    });
  });
});
