// Proves cases on DynamoDB Local: a problem found by a callback and by a run is one case; ACCEPT_PROVIDER on an amount mismatch makes the payment SUCCEEDED with the provider's amount and moves the counts once; REFUND leaves the case on the queue as REFUND_DUE; a decision is made once, by finance of the case's agency only; notes join the trail at any time; the queue lists oldest first, by status, type and agency.
import type { Payment } from '../../domain/payments/payment';
import { applyProviderReport } from '../../functions/callbacks/apply-provider-report';
import { decideCase } from '../../functions/cases/decide-case';
import { getCase } from '../../functions/cases/get-case';
import { listCases } from '../../functions/cases/list-cases';
import type { Principal } from '../../functions/http/principal';
import { DynamoDbReportCounterRepository } from '../../functions/reports/report-counter-repository';
import { createTestTable, type TestTable } from '../support/dynamodb';
import { ManualClock } from '../support/payments';
import { aPendingPayment, reconcileDay, reconciliationDependencies, uploadDay, type ReconciliationTestDependencies } from '../support/reconciliation';

const DAY = '2026-05-04';
const clock = new ManualClock(new Date(`${DAY}T08:00:00+07:00`));
const financeAll: Principal = { subject: 'kt-tinh', roles: ['finance'], agencies: ['*'] };
const financeTranBien: Principal = { subject: 'kt-tranbien', roles: ['finance'], agencies: ['TRANBIEN'] };
const financeOther: Principal = { subject: 'kt-stp', roles: ['finance'], agencies: ['STP'] };
const province: Principal = { subject: 'vp-tinh', roles: ['province'], agencies: [] };

describe('cases on DynamoDB Local', () => {
  let table: TestTable;
  let deps: ReconciliationTestDependencies;
  beforeAll(async () => {
    table = await createTestTable();
    deps = await reconciliationDependencies(table, clock);
  });
  afterAll(async () => table.drop());

  const counters = async () => (await new DynamoDbReportCounterRepository(table.doc, table.tableName).queryCounters({ agencies: ['TRANBIEN'], from: DAY, to: DAY })).find((counter) => counter.channel === 'ONLINE');
  const mismatch = (payment: Payment, providerTxnId: string, amount: number, eventId = `evt-${providerTxnId}`) =>
    applyProviderReport({ provider: 'mock-bank', eventId, providerTxnId, paymentId: payment.paymentId, amount, status: 'SUCCEEDED', occurredAt: `${DAY}T10:00:00+07:00` }, deps);

  let mismatched: Payment;
  let caseId: string;

  it('opens one case for an amount mismatch found by the callback, then by a run, and not twice for a repeated callback', async () => {
    mismatched = await aPendingPayment(deps, `${DAY}T09:55:00+07:00`);
    clock.set(`${DAY}T10:00:05+07:00`);
    expect(await mismatch(mismatched, 'MB-CASE-1', 15_000)).toMatchObject({ outcome: 'AMOUNT_MISMATCH' });
    expect(await mismatch(mismatched, 'MB-CASE-1', 15_000)).toMatchObject({ outcome: 'DUPLICATE' });

    const queue = await listCases({}, financeAll, deps);
    expect(queue).toMatchObject({ kind: 'LISTED' });
    const found = queue.kind === 'LISTED' ? queue.items.filter((item) => item.paymentId === mismatched.paymentId) : [];
    expect(found).toHaveLength(1);
    caseId = found[0]!.caseId;
    expect(found[0]).toMatchObject({ type: 'AMOUNT_MISMATCH', status: 'OPEN', agencyCode: 'TRANBIEN', expectedAmount: 14_000, providerAmount: 15_000, reviewReason: 'AMOUNT_MISMATCH' });
    expect(found[0]!.findings.map((finding) => finding.source)).toEqual(['CALLBACK']);

    clock.set(`${DAY.replace('04', '05')}T08:00:00+07:00`);
    await uploadDay(deps, DAY, [{ providerTxnId: 'MB-CASE-1', paymentId: mismatched.paymentId, amount: 15_000, paidAt: `${DAY}T10:00:00+07:00` }]);
    const first = await reconcileDay(deps, DAY);
    expect(first.outcome.kind).toBe('COMPLETED');
    const second = await reconcileDay(deps, DAY);
    const again = await getCase(caseId, financeAll, deps);
    expect(again.kind).toBe('FOUND');
    if (again.kind !== 'FOUND') return;
    const findings = again.case.findings.map((finding) => [finding.source, finding.contractType, finding.runId ?? null]);
    expect(findings[0]).toEqual(['CALLBACK', 'AMOUNT_MISMATCH', null]);
    // Both runs were requested at the same instant here; their order among themselves does not matter.
    expect(findings.slice(1)).toEqual(expect.arrayContaining([['RECONCILIATION', 'AMOUNT_MISMATCH', first.runId], ['RECONCILIATION', 'AMOUNT_MISMATCH', second.runId]]));
    expect(findings).toHaveLength(3);
    const runFinding = (await deps.reconciliations.listDiscrepancies(second.runId, { agencies: 'ALL', limit: 10 })).items[0]!;
    expect(runFinding).toMatchObject({ caseId, status: 'OPEN', type: 'AMOUNT_MISMATCH' });
    expect(await listCases({ runId: second.runId }, financeAll, deps)).toMatchObject({ kind: 'LISTED', items: [expect.objectContaining({ caseId })] });
  });

  it('lets only finance of the case’s agency decide, and no one see another agency’s case', async () => {
    expect(await decideCase({ caseId, action: 'WRITE_OFF', note: null, principal: financeOther }, deps)).toEqual({ kind: 'FORBIDDEN' });
    expect(await decideCase({ caseId, action: 'WRITE_OFF', note: null, principal: province }, deps)).toEqual({ kind: 'FORBIDDEN' });
    expect(await getCase(caseId, financeOther, deps)).toEqual({ kind: 'FORBIDDEN' });
    expect(await listCases({ agency: 'TRANBIEN' }, financeOther, deps)).toEqual({ kind: 'FORBIDDEN' });
    const otherQueue = await listCases({}, financeOther, deps);
    expect(otherQueue.kind === 'LISTED' && otherQueue.items.some((item) => item.caseId === caseId)).toBe(false);
    expect((await getCase(caseId, province, deps)).kind).toBe('FOUND');
    expect(await decideCase({ caseId: 'cas_AAAAAAAAAAAAAAAAAAAA', action: 'WRITE_OFF', note: null, principal: financeAll }, deps)).toEqual({ kind: 'NOT_FOUND' });
  });

  it('lets finance of the agency decide REFUND on it', async () => {
    const decided = await decideCase({ caseId, action: 'REFUND', note: 'Thu thừa 1.000 ₫, hoàn cho công dân', principal: financeTranBien }, deps);
    expect(decided).toMatchObject({ kind: 'DECIDED', effect: 'REFUND_DUE' });
  });

  it('ACCEPT_PROVIDER on a mismatch collects the provider’s amount once; a second decision changes nothing', async () => {
    const other = await aPendingPayment(deps, `${DAY}T09:56:00+07:00`);
    clock.set(`${DAY}T10:00:10+07:00`);
    await mismatch(other, 'MB-CASE-2', 16_000);
    const queue = await listCases({ type: 'AMOUNT_MISMATCH' }, financeTranBien, deps);
    const target = queue.kind === 'LISTED' ? queue.items.find((item) => item.paymentId === other.paymentId)! : undefined;
    const before = await counters();

    clock.set(`${DAY.replace('04', '05')}T09:00:00+07:00`);
    const decided = await decideCase({ caseId: target!.caseId, action: 'ACCEPT_PROVIDER', note: 'Ngân hàng xác nhận thu 16.000 ₫', principal: financeTranBien }, deps);
    expect(decided).toMatchObject({ kind: 'DECIDED', effect: 'PAYMENT_COLLECTED', case: { status: 'RESOLVED', decision: { action: 'ACCEPT_PROVIDER', by: 'kt-tranbien', effect: 'PAYMENT_COLLECTED' } } });
    const paid = (await deps.payments.getPayment(other.paymentId))!;
    expect(paid).toMatchObject({ status: 'SUCCEEDED', paidAmount: 16_000, providerTxnId: 'MB-CASE-2', businessDate: DAY });
    const after = await counters();
    expect(after!.paymentTransactions - (before?.paymentTransactions ?? 0)).toBe(1);
    expect(after!.amount - (before?.amount ?? 0)).toBe(16_000);

    expect(await decideCase({ caseId: target!.caseId, action: 'ACCEPT_PROVIDER', note: null, principal: financeTranBien }, deps)).toMatchObject({ kind: 'ALREADY_DECIDED' });
    expect(await decideCase({ caseId: target!.caseId, action: 'REFUND', note: null, principal: financeAll }, deps)).toMatchObject({ kind: 'ALREADY_DECIDED' });
    expect(await counters()).toEqual(after);
    // A later report of the same transaction moves nothing either.
    expect(await mismatch(other, 'MB-CASE-2', 16_000, 'evt-late')).toMatchObject({ outcome: 'DUPLICATE' });
    expect(await counters()).toEqual(after);

    const noted = await decideCase({ caseId: target!.caseId, action: 'NOTE', note: 'Đã gửi biên lai', principal: financeTranBien }, deps);
    expect(noted).toMatchObject({ kind: 'DECIDED', effect: 'NOTED', case: { status: 'RESOLVED' } });
    if (noted.kind === 'DECIDED') expect(noted.trail.map((entry) => [entry.action, entry.status])).toEqual([['ACCEPT_PROVIDER', 'RESOLVED'], ['NOTE', 'RESOLVED']]);
  });

  it('REFUND collects where not yet and keeps the case on the queue as REFUND_DUE; the run’s findings show it resolved', async () => {
    const found = await getCase(caseId, financeAll, deps);
    expect(found).toMatchObject({ kind: 'FOUND', case: { status: 'REFUND_DUE', decision: { action: 'REFUND', effect: 'REFUND_DUE' } }, payment: { status: 'SUCCEEDED', paidAmount: 15_000 } });
    const queue = await listCases({}, financeTranBien, deps);
    expect(queue.kind === 'LISTED' && queue.items.map((item) => item.caseId)).toContain(caseId);
    expect(await listCases({ status: 'OPEN' }, financeTranBien, deps)).toMatchObject({ kind: 'LISTED' });
    const open = await listCases({ status: 'OPEN' }, financeTranBien, deps);
    expect(open.kind === 'LISTED' && open.items.map((item) => item.caseId)).not.toContain(caseId);
    const runs = found.kind === 'FOUND' ? found.case.findings.flatMap((finding) => (finding.runId ? [finding.runId] : [])) : [];
    for (const runId of runs) {
      const [copy] = (await deps.reconciliations.listDiscrepancies(runId, { agencies: 'ALL', limit: 10, status: 'RESOLVED' })).items;
      expect(copy).toMatchObject({ caseId, status: 'RESOLVED', caseStatus: 'REFUND_DUE', resolution: { action: 'REFUND', by: 'kt-tranbien' } });
    }
  });

  it('refuses ACCEPT_PROVIDER on a second payment of a paid dossier', async () => {
    const firstPayment = await aPendingPayment(deps, `${DAY}T11:00:00+07:00`, { dossierId: 'HS-CASES-TWICE' });
    const secondPayment = await aPendingPayment(deps, `${DAY}T11:01:00+07:00`, { dossierId: 'HS-CASES-TWICE' });
    const pay = (payment: Payment, txn: string) =>
      applyProviderReport({ provider: 'mock-bank', eventId: `evt-${txn}`, providerTxnId: txn, paymentId: payment.paymentId, amount: payment.amount, status: 'SUCCEEDED', occurredAt: `${DAY}T11:05:00+07:00` }, deps);
    expect(await pay(firstPayment, 'MB-TWICE-1')).toMatchObject({ outcome: 'APPLIED' });
    expect(await pay(secondPayment, 'MB-TWICE-2')).toMatchObject({ outcome: 'DUPLICATE', review: 'DUPLICATE_PAYMENT_FOR_DOSSIER' });
    const queue = await listCases({ type: 'SECOND_PAYMENT' }, financeAll, deps);
    const second = queue.kind === 'LISTED' ? queue.items.find((item) => item.paymentId === secondPayment.paymentId)! : undefined;
    expect(await decideCase({ caseId: second!.caseId, action: 'ACCEPT_PROVIDER', note: null, principal: financeAll }, deps)).toMatchObject({ kind: 'NOT_ALLOWED_FOR_TYPE' });
    expect(await decideCase({ caseId: second!.caseId, action: 'REFUND', note: 'Hoàn lần thanh toán thứ hai', principal: financeAll }, deps)).toMatchObject({ kind: 'DECIDED', case: { status: 'REFUND_DUE' } });
  });

  it('lists oldest first and pages through several statuses without losing any', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCases({ limit: 1, ...(cursor ? { cursor } : {}) }, financeAll, deps);
      if (page.kind !== 'LISTED') throw new Error(page.kind);
      seen.push(...page.items.map((item) => `${item.status}:${item.openedAt}`));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const everything = [...(await deps.cases.list({ statuses: ['OPEN'], agencies: 'ALL', limit: 100 })).items, ...(await deps.cases.list({ statuses: ['REFUND_DUE'], agencies: 'ALL', limit: 100 })).items];
    expect(seen).toEqual(everything.map((item) => `${item.status}:${item.openedAt}`));
    const opened = everything.filter((item) => item.status === 'REFUND_DUE').map((item) => item.openedAt);
    expect([...opened].sort()).toEqual(opened);
  });
});
