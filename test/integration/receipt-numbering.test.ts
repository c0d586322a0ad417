// Proves receipt numbers are consecutive within a series and year with no gaps and no repeats when 100 receipts are issued at once from four containers (with replays mixed in), and that a new year starts a new sequence.
import { DynamoDbReceiptRepository, type ReceiptDraft } from '../../functions/receipts/receipt-repository';
import { createTestTable, type TestTable } from '../support/dynamodb';

const draft = (paymentId: string, issuedAt = '2026-06-02T09:00:00+07:00', series = 'TP-26E'): ReceiptDraft => ({
  templateCode: '01BLP0-001',
  series,
  issuedAt,
  collector: { name: 'Sở Tư pháp', taxCode: '3600251418' },
  payer: { name: 'Nguyễn Văn A' },
  paymentId,
  agencyCode: 'STP',
  dossierId: `HS-${paymentId}`,
  procedureCode: 'CT-BANSAO',
  lines: [{ feeCode: 'LP-CTBS', name: 'Phí chứng thực', kind: 'PHI', amount: 52_000 }],
  amount: 52_000,
  amountInWords: 'Năm mươi hai nghìn đồng',
});

describe('receipt numbering on DynamoDB Local', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable();
  });
  afterAll(() => table.drop());

  it('gives 100 concurrent issues the numbers 0000001..0000100, each once, and replays their own receipt', async () => {
    // Several repositories, as several Lambda containers would each have their own. A hundred issues
    // all in flight at once contend for the series' counter as hard as five hundred do (DynamoDB Local
    // runs transactions one at a time); each number costs a round of retries, so five hundred took a minute.
    const containers = Array.from({ length: 4 }, () => new DynamoDbReceiptRepository(table.doc, table.tableName, { maxAttempts: 100_000 }));
    const count = 100;
    const ids = Array.from({ length: count }, (_, i) => `pay_concurrent${String(i).padStart(4, '0')}`);
    const replayed = ids.filter((_, i) => i % 10 === 0);
    const calls = [...ids, ...replayed].map((id, i) => containers[i % containers.length]!.issue(draft(id)));

    const outcomes = await Promise.all(calls);

    const issued = outcomes.filter((outcome) => outcome.kind === 'ISSUED');
    const numbers = issued.map((outcome) => (outcome.kind === 'ISSUED' ? outcome.receipt.receiptNo : '')).sort();
    expect(issued).toHaveLength(count);
    expect(numbers).toEqual(Array.from({ length: count }, (_, i) => String(i + 1).padStart(7, '0')));
    expect(outcomes.filter((outcome) => outcome.kind === 'ALREADY_ISSUED')).toHaveLength(replayed.length);
    // Every call for a payment answers the same receipt, and the table holds exactly those numbers.
    const byPayment = new Map<string, string>();
    [...ids, ...replayed].forEach((id, i) => {
      const outcome = outcomes[i]!;
      const receiptNo = outcome.kind === 'NOT_ELIGIBLE' ? 'none' : outcome.receipt.receiptNo;
      expect([id, byPayment.get(id) ?? receiptNo]).toEqual([id, receiptNo]);
      byPayment.set(id, receiptNo);
    });
    expect(await containers[0]!.listNumbers('01BLP0-001', 'TP-26E', 2026)).toEqual(numbers);
  });

  it('starts again from 0000001 in a new calendar year (Vietnam time), and keeps series apart', async () => {
    const repository = new DynamoDbReceiptRepository(table.doc, table.tableName);
    const lastOf2026 = await repository.issue(draft('pay_newyear1', '2026-12-31T23:59:59+07:00', 'YT-26E'));
    const firstOf2027 = await repository.issue(draft('pay_newyear2', '2026-12-31T17:00:00Z', 'YT-27E'));
    const secondOf2027 = await repository.issue(draft('pay_newyear3', '2027-01-01T08:00:00+07:00', 'YT-27E'));
    const otherSeries = await repository.issue(draft('pay_newyear4', '2027-01-01T08:00:00+07:00', 'XD-27E'));

    expect([lastOf2026, firstOf2027, secondOf2027, otherSeries].map((outcome) => (outcome.kind === 'NOT_ELIGIBLE' ? outcome.kind : outcome.receipt.receiptNo))).toEqual([
      '0000001',
      '0000001',
      '0000002',
      '0000001',
    ]);
    expect(await repository.listNumbers('01BLP0-001', 'YT-27E', 2027)).toEqual(['0000001', '0000002']);
  });

  it('writes nothing, not even a number, when the caller\'s own condition fails', async () => {
    const repository = new DynamoDbReceiptRepository(table.doc, table.tableName);
    const refused = await repository.issue(draft('pay_notpaid', '2026-03-01T08:00:00+07:00', 'SC-26E'), () => [
      { ConditionCheck: { TableName: table.tableName, Key: { pk: 'PAYMENT#pay_notpaid', sk: 'PAYMENT' }, ConditionExpression: 'attribute_exists(pk)' } },
    ]);
    const next = await repository.issue(draft('pay_paid', '2026-03-01T08:00:00+07:00', 'SC-26E'));

    expect(refused).toEqual({ kind: 'NOT_ELIGIBLE' });
    expect(await repository.getByPayment('pay_notpaid')).toBeUndefined();
    expect(next.kind === 'ISSUED' && next.receipt.receiptNo).toBe('0000001');
  });

  it('adjusts and then cancels a receipt on refunds, keeping it and its number', async () => {
    const repository = new DynamoDbReceiptRepository(table.doc, table.tableName);
    await repository.issue(draft('pay_refund', '2026-04-01T08:00:00+07:00', 'RF-26E'));

    const partial = await repository.applyRefund('pay_refund', 2_000, '2026-04-02T08:00:00+07:00');
    const rest = await repository.applyRefund('pay_refund', 50_000, '2026-04-03T08:00:00+07:00');
    const again = await repository.applyRefund('pay_refund', 1, '2026-04-04T08:00:00+07:00');

    expect(partial).toMatchObject({ kind: 'APPLIED', receipt: { status: 'ADJUSTED', adjustment: { refundedAmount: 2_000, adjustedAmount: 50_000, adjustedAmountInWords: 'Năm mươi nghìn đồng' } } });
    expect(rest).toMatchObject({ kind: 'APPLIED', receipt: { status: 'CANCELLED', adjustment: { refundedAmount: 52_000, adjustedAmount: 0 } } });
    expect(again).toEqual({ kind: 'ALREADY_CANCELLED' });
    expect(await repository.getByPayment('pay_refund')).toMatchObject({ receiptNo: '0000001', amount: 52_000, status: 'CANCELLED' });
    expect(await repository.applyRefund('pay_unknown', 1, '2026-04-04T08:00:00+07:00')).toEqual({ kind: 'NOT_FOUND' });
  });
});
