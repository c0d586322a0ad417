// Proves one case per problem over HTTP on the local stack: an amount mismatch found by the mop-up (its callback lost) or by the callback, and then by the day's run, is one case on both lists; ACCEPT_PROVIDER makes the payment SUCCEEDED with the provider's amount, issues the receipt and moves the counts once (a second decision is 409, counts unchanged); REFUND no longer leaves an OPEN review item or a PENDING payment; another agency's finance sees none of it and cannot decide.
import type { LocalStack } from '../../functions/local/local-stack';
import { DynamoDbReportCounterRepository } from '../../functions/reports/report-counter-repository';
import { startTestStack, tokenFor } from '../support/local-stack';
import { ManualClock } from '../support/payments';

const DAY = '2026-06-10';
const NEXT_DAY = '2026-06-11';
const clock = new ManualClock(new Date(`${DAY}T08:00:00+07:00`));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('cases over HTTP', () => {
  let stack: LocalStack;
  let portal: string;
  let finance: string;
  let province: string;
  let stpFinance: string;
  let dossierCounter = 0;
  let lostCallback: Json;
  let altered: Json;
  let run: Json;

  beforeAll(async () => {
    stack = await startTestStack({ clock });
    portal = await tokenFor(stack, 'portal');
    finance = await tokenFor(stack, { sub: 'kt-tranbien', roles: ['finance'], agencies: ['TRANBIEN'] });
    province = await tokenFor(stack, 'province');
    stpFinance = await tokenFor(stack, { sub: 'kt-stp', roles: ['finance'], agencies: ['STP'] });
  });
  afterAll(async () => stack.stop());

  const api = (path: string, token = finance, init: RequestInit = {}) => fetch(`${stack.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });
  const getJson = async (path: string, token = finance) => {
    const response = await api(path, token);
    expect(response.status).toBe(200);
    return (await response.json()) as Json;
  };
  const postJson = (path: string, body: unknown, token = finance) => api(path, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const settled = async () => {
    await stack.mocks.whenIdle();
    await stack.whenQueuesIdle(30_000);
  };
  const onlineCounter = async () =>
    (await new DynamoDbReportCounterRepository(stack.dependencies.dynamoDb.doc, stack.config.TABLE_NAME).queryCounters({ agencies: ['TRANBIEN'], from: DAY, to: DAY })).find(
      (counter) => counter.channel === 'ONLINE',
    );
  const reviewItems = async (status: 'OPEN' | 'RESOLVED', token = finance) => (await getJson(`/v1/review-items?status=${status}`, token)).items as Json[];

  async function createAndPay(at: string, fault: Record<string, unknown>): Promise<Json> {
    clock.set(at);
    const created = await fetch(`${stack.url}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}`, 'idempotency-key': `cases-${++dossierCounter}` },
      body: JSON.stringify({
        dossierId: `HS-CASES-${dossierCounter}`,
        procedureCode: 'CT-BANSAO',
        agencyCode: 'TRANBIEN',
        provider: 'mock-bank',
        inputs: { pages: 5, copies: 2 },
        payer: { name: 'Trần Thị B' },
        returnUrl: 'https://dichvucong.dongnai.gov.vn/ho-so/return',
      }),
    });
    expect(created.status).toBe(201);
    const payment = (await created.json()) as Json;
    expect((await fetch(`${stack.url}/mock-bank/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ paymentId: payment.paymentId, ...fault }) })).status).toBeLessThan(300);
    clock.advance(60_000);
    const link = new URL(payment.paymentUrl as string);
    const form = new URLSearchParams(link.search);
    form.set('action', 'pay');
    form.set('waitForCallback', '1');
    expect((await fetch(`${stack.url}${link.pathname}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' })).status).toBe(303);
    await settled();
    return payment;
  }
  const paymentOf = async (paymentId: string) => getJson(`/v1/payments/${paymentId}`, portal);

  it('opens a case when the mop-up finds the lost callback’s altered amount, and when the callback carries one', async () => {
    lostCallback = await createAndPay(`${DAY}T09:00:00+07:00`, { drop: true, alterAmount: 1000 });
    altered = await createAndPay(`${DAY}T10:00:00+07:00`, { alterAmount: 1000 });
    clock.set(`${DAY}T10:05:00+07:00`);
    await stack.runScheduled('MopUpPayments');
    await settled();
    expect((await paymentOf(lostCallback.paymentId)).status).toBe('PENDING');
    expect((await paymentOf(altered.paymentId)).status).toBe('PENDING');

    const open = await reviewItems('OPEN');
    const mine = open.filter((item) => [lostCallback.paymentId, altered.paymentId].includes(item.paymentId));
    // Oldest first: the callback's at 10:01, then the mop-up's at 10:05.
    expect(mine.map((item) => [item.paymentId, item.reason, item.reportedAmount, item.expectedAmount])).toEqual([
      [altered.paymentId, 'AMOUNT_MISMATCH', 15_000, 14_000],
      [lostCallback.paymentId, 'AMOUNT_MISMATCH', 15_000, 14_000],
    ]);
    const lost = await getJson(`/v1/cases/${mine[1]!.reviewId}`);
    expect(lost).toMatchObject({ caseId: mine[1]!.reviewId, type: 'AMOUNT_MISMATCH', status: 'OPEN', findings: [{ source: 'MOP_UP', contractType: 'AMOUNT_MISMATCH' }], payment: { status: 'PENDING' } });
    // The mop-up asked about the altered payment too (still PENDING): its answer joined the callback's case.
    expect((await getJson(`/v1/cases/${mine[0]!.reviewId}`)).findings.map((finding: Json) => finding.source)).toEqual(['CALLBACK', 'MOP_UP']);
  });

  it('joins what the day’s run finds to the same cases: one case per problem on both lists', async () => {
    clock.set(`${NEXT_DAY}T08:00:00+07:00`);
    const csv = await (await fetch(`${stack.url}/mock-bank/settlements/${DAY}.csv`)).text();
    expect((await api(`/v1/settlements/mock-bank/${DAY}`, finance, { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: csv })).status).toBe(201);
    const started = await postJson('/v1/reconciliations', { provider: 'mock-bank', businessDate: DAY });
    expect(started.status).toBe(202);
    await stack.whenQueuesIdle(30_000);
    run = await getJson(`/v1/reconciliations/${((await started.json()) as Json).runId}`);
    expect(run.status).toBe('COMPLETED');
    expect(run.summary.discrepancies).toMatchObject({ AMOUNT_MISMATCH: 2 });

    const discrepancies = (await getJson(`/v1/reconciliations/${run.runId}/discrepancies?type=AMOUNT_MISMATCH`)).items as Json[];
    const reviews = (await reviewItems('OPEN')).filter((item) => [lostCallback.paymentId, altered.paymentId].includes(item.paymentId));
    expect(new Set(discrepancies.map((item) => item.caseId))).toEqual(new Set(reviews.map((item) => item.reviewId)));
    const cases = (await getJson(`/v1/cases?runId=${run.runId}`)).items as Json[];
    expect(cases).toHaveLength(2);
    for (const found of cases) {
      expect(found.findings.map((finding: Json) => finding.source)).toEqual(found.paymentId === lostCallback.paymentId ? ['MOP_UP', 'RECONCILIATION'] : ['CALLBACK', 'MOP_UP', 'RECONCILIATION']);
    }
  });

  it('hides the cases from another agency’s finance and lets neither it nor the province decide', async () => {
    const [item] = (await getJson(`/v1/reconciliations/${run.runId}/discrepancies?type=AMOUNT_MISMATCH`)).items as Json[];
    expect((await api(`/v1/cases/${item!.caseId}`, stpFinance)).status).toBe(403);
    expect(((await getJson('/v1/cases', stpFinance)).items as Json[]).filter((found) => found.agencyCode === 'TRANBIEN')).toEqual([]);
    expect((await reviewItems('OPEN', stpFinance)).filter((found) => found.agencyCode === 'TRANBIEN')).toEqual([]);
    expect((await api(`/v1/cases?agency=TRANBIEN`, stpFinance)).status).toBe(403);
    expect((await postJson(`/v1/review-items/${item!.caseId}/resolve`, { action: 'WRITE_OFF', note: 'x' }, stpFinance)).status).toBe(403);
    expect((await postJson(`/v1/reconciliations/${run.runId}/discrepancies/${item!.discrepancyId}/resolve`, { action: 'WRITE_OFF' }, province)).status).toBe(403);
    expect((await api(`/v1/cases/${item!.caseId}`, province)).status).toBe(200);
  });

  it('ACCEPT_PROVIDER makes the payment SUCCEEDED with the provider’s amount, issues the receipt and counts it once', async () => {
    const before = await onlineCounter();
    const [discrepancy] = ((await getJson(`/v1/reconciliations/${run.runId}/discrepancies?type=AMOUNT_MISMATCH`)).items as Json[]).filter((item) => item.paymentId === lostCallback.paymentId);
    const accepted = await postJson(`/v1/reconciliations/${run.runId}/discrepancies/${discrepancy!.discrepancyId}/resolve`, { action: 'ACCEPT_PROVIDER', note: 'Ngân hàng xác nhận đã thu 15.000 ₫' });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ status: 'RESOLVED', caseStatus: 'RESOLVED', resolution: { action: 'ACCEPT_PROVIDER', by: 'kt-tranbien' }, trail: [{ action: 'ACCEPT_PROVIDER' }] });
    await settled();
    const paid = await paymentOf(lostCallback.paymentId);
    expect(paid).toMatchObject({ status: 'SUCCEEDED', businessDate: DAY });
    expect(paid.events.map((event: Json) => event.type)).toContain('EReceiptIssued');
    const after = await onlineCounter();
    expect(after!.paymentTransactions - (before?.paymentTransactions ?? 0)).toBe(1);
    expect(after!.amount - (before?.amount ?? 0)).toBe(15_000);

    // Decided through one route, the other list shows it resolved and refuses a second decision.
    const again = await postJson(`/v1/review-items/${discrepancy!.caseId}/resolve`, { action: 'ACCEPT', note: 'lần nữa' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Json).error.code).toBe('ALREADY_RESOLVED');
    expect((await postJson(`/v1/reconciliations/${run.runId}/discrepancies/${discrepancy!.discrepancyId}/resolve`, { action: 'ACCEPT_PROVIDER' })).status).toBe(409);
    expect((await reviewItems('RESOLVED')).find((item) => item.reviewId === discrepancy!.caseId)).toMatchObject({ status: 'RESOLVED', resolution: { action: 'ACCEPT' } });
    await settled();
    expect(await onlineCounter()).toEqual(after);
  });

  it('REFUND on the discrepancy closes the review item too, takes the money as collected and keeps the case on the queue', async () => {
    const [discrepancy] = ((await getJson(`/v1/reconciliations/${run.runId}/discrepancies?type=AMOUNT_MISMATCH`)).items as Json[]).filter((item) => item.paymentId === altered.paymentId);
    const refunded = await postJson(`/v1/reconciliations/${run.runId}/discrepancies/${discrepancy!.discrepancyId}/resolve`, { action: 'REFUND', note: 'Thu thừa, hoàn lại cho công dân' });
    expect(refunded.status).toBe(200);
    expect(await refunded.json()).toMatchObject({ status: 'RESOLVED', caseStatus: 'REFUND_DUE', resolution: { action: 'REFUND' } });

    expect((await reviewItems('OPEN')).find((item) => item.paymentId === altered.paymentId)).toBeUndefined();
    expect((await reviewItems('RESOLVED')).find((item) => item.paymentId === altered.paymentId)).toMatchObject({ status: 'RESOLVED', caseStatus: 'REFUND_DUE', resolution: { action: 'REFUND' } });
    expect((await paymentOf(altered.paymentId)).status).toBe('SUCCEEDED');
    const queue = (await getJson('/v1/cases')).items as Json[];
    expect(queue.find((found) => found.caseId === discrepancy!.caseId)).toMatchObject({ status: 'REFUND_DUE', decision: { action: 'REFUND', effect: 'REFUND_DUE' } });
    expect((await postJson(`/v1/review-items/${discrepancy!.caseId}/resolve`, { action: 'WRITE_OFF', note: 'x' })).status).toBe(409);
  });
});
