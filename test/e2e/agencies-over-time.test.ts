// Proves agencies change on their dates over HTTP: a procedure is paid to its old agency on the old agency's last day and to the successor from the next, payments stay with the agency that collected them, and a report across the change adds up with and without rollUp=successor.
import type { OnlinePaymentReport, ReportRow } from '../../domain/reports/report-rows';
import type { LocalStack } from '../../functions/local/local-stack';
import { recordPayments } from '../support/report-payments';
import { startTestStack, tokenFor } from '../support/local-stack';
import { ManualClock } from '../support/payments';

type AgencyReport = OnlinePaymentReport<'agency'>;
interface ErrorBody {
  error: { code: string; details: Array<{ path: string; message: string }> };
}

describe('agencies that end and their successors', () => {
  let stack: LocalStack;
  let province: string;
  let financeTranBien: string;
  const clock = new ManualClock(new Date('2025-07-02T09:00:00+07:00'));
  const oldLastDay = '2025-06-30T23:59:59+07:00';
  const successorFirstDay = '2025-07-01T00:00:00+07:00';

  beforeAll(async () => {
    stack = await startTestStack({ clock });
    province = await tokenFor(stack, 'province');
    financeTranBien = await tokenFor(stack, { sub: 'ke-toan-tran-bien', roles: ['finance'], agencies: ['TRANBIEN'] });
    const financeAll = await tokenFor(stack, { sub: 'ke-toan-tinh', roles: ['finance'], agencies: ['*'] });
    // Counter payments through the route, on each side of midnight (UTC+7): 10 000 VND each.
    const counter = async (agencyCode: string, paidAt: string, receiptNo: string) =>
      fetch(`${stack.url}/v1/offline-payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${financeAll}` },
        body: JSON.stringify({ dossierId: `HS-${receiptNo}`, procedureCode: 'CT-CHUKY', agencyCode, amount: 10_000, method: 'CASH', paidAt, receiptNo }),
      });
    expect((await counter('TANPHONG', oldLastDay, 'TP-1')).status).toBe(201);
    expect((await counter('TANPHONG', oldLastDay, 'TP-2')).status).toBe(201);
    expect((await counter('TRANBIEN', successorFirstDay, 'TB-1')).status).toBe(201);
    // Online successes, as the callbacks count them: 1 at Tân Phong on its last day, 3 at Trấn Biên on its first.
    await recordPayments(stack.dependencies.reportCounters, [
      { agencyCode: 'TANPHONG', procedureCode: 'CT-CHUKY', businessDate: '2025-06-30', channel: 'ONLINE', count: 1, amount: 10_000 },
      { agencyCode: 'TRANBIEN', procedureCode: 'CT-CHUKY', businessDate: '2025-07-01', channel: 'ONLINE', count: 3, amount: 10_000 },
      // Early 2025: the transport department before its merger into construction.
      { agencyCode: 'SGTVT', procedureCode: 'GPLX-DOI', businessDate: '2025-02-28', channel: 'ONLINE', count: 2, amount: 135_000 },
      { agencyCode: 'SXD', procedureCode: 'GPLX-DOI', businessDate: '2025-03-01', channel: 'OFFLINE', count: 1, amount: 135_000 },
    ]);
  }, 30_000);
  afterAll(async () => stack.stop());

  const createPayment = async (agencyCode: string, key: string) =>
    fetch(`${stack.url}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(stack, 'portal')}`, 'idempotency-key': key },
      body: JSON.stringify({ dossierId: `HS-${key}`, procedureCode: 'CT-CHUKY', agencyCode, provider: 'mock-bank', inputs: {}, payer: { name: 'A' }, returnUrl: 'https://x.gov.vn/r' }),
    });
  const report = async (query: string, token = province) => {
    const response = await fetch(`${stack.url}/v1/reports/online-payments?${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as AgencyReport;
  };
  const rowOf = (body: AgencyReport, agencyCode: string): ReportRow<'agency'> | undefined => body.rows.find((row) => row.agencyCode === agencyCode);
  const codes = (body: AgencyReport) => body.rows.map((row) => row.agencyCode);

  it('creates an online payment for the old agency on its last day and for the successor from the next', async () => {
    clock.set(oldLastDay);
    expect((await createPayment('TANPHONG', 'old-last-day')).status).toBe(201);
    const tooEarly = await createPayment('TRANBIEN', 'successor-too-early');
    expect(tooEarly.status).toBe(422);
    expect(((await tooEarly.json()) as ErrorBody).error).toMatchObject({ code: 'AGENCY_MISMATCH', details: [{ path: 'agencyCode', message: expect.stringContaining('TANPHONG') }] });

    clock.set(successorFirstDay);
    const created = await createPayment('TRANBIEN', 'successor-first-day');
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ agencyCode: 'TRANBIEN', amount: 10_000 });
    const tooLate = await createPayment('TANPHONG', 'old-too-late');
    expect(tooLate.status).toBe(422);
    expect(((await tooLate.json()) as ErrorBody).error.details[0]?.message).toContain('TRANBIEN');
  });

  it('refuses a counter payment for an agency that did not serve the procedure on the day it was paid', async () => {
    const financeAll = await tokenFor(stack, { sub: 'ke-toan-tinh', roles: ['finance'], agencies: ['*'] });
    const response = await fetch(`${stack.url}/v1/offline-payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${financeAll}` },
      body: JSON.stringify({ dossierId: 'HS-LATE', procedureCode: 'CT-CHUKY', agencyCode: 'TANPHONG', amount: 10_000, method: 'CASH', paidAt: successorFirstDay, receiptNo: 'TP-late' }),
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).error.code).toBe('AGENCY_MISMATCH');
  });

  it('lists a procedure under the agency serving it today', async () => {
    clock.set('2026-01-05T09:00:00+07:00');
    const body = (await (await fetch(`${stack.url}/v1/procedures?agency=TRANBIEN`)).json()) as { items: Array<{ code: string; agencyCode: string }> };
    expect(body.items.map((item) => item.code).sort()).toEqual(['CT-BANSAO', 'CT-BANSAO-H', 'CT-CHUKY', 'HKD-DANGKY', 'HT-KETHON']);
    expect(new Set(body.items.map((item) => item.agencyCode))).toEqual(new Set(['TRANBIEN']));
    expect(((await (await fetch(`${stack.url}/v1/procedures?agency=TANPHONG`)).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('keeps payments with the agency that collected them across the change, and adds up either way', async () => {
    const period = 'from=2025-06-01&to=2025-07-31';
    const asItWas = await report(period);
    const rolledUp = await report(`${period}&rollUp=successor`);

    // As it was: Tân Phong keeps its last day's 3 payments (1 online), Trấn Biên has its first day's 4 (3 online).
    expect(rowOf(asItWas, 'TANPHONG')).toMatchObject({ paymentTransactions: 3, onlinePaymentTransactions: 1, amount: 30_000, feeBearingProcedures: 2, proceduresPaidOnline: 1 });
    expect(rowOf(asItWas, 'TRANBIEN')).toMatchObject({ paymentTransactions: 4, onlinePaymentTransactions: 3, amount: 40_000, feeBearingProcedures: 4, proceduresPaidOnline: 1 });
    // The district served its procedures until 30 June: it still has a row (no payments, its catalog).
    expect(rowOf(asItWas, 'BIENHOA')).toMatchObject({ paymentTransactions: 0, feeBearingProcedures: 2 });

    // Rolled up: the old agencies are counted under Trấn Biên, and have no rows of their own.
    expect(codes(rolledUp)).not.toEqual(expect.arrayContaining(['TANPHONG']));
    expect(codes(rolledUp)).not.toEqual(expect.arrayContaining(['BIENHOA']));
    expect(rowOf(rolledUp, 'TRANBIEN')).toMatchObject({ paymentTransactions: 7, onlinePaymentTransactions: 4, amount: 70_000, feeBearingProcedures: 4, proceduresPaidOnline: 1 });

    // The totals are the same whichever way the rows group, and each way the rows add up to them.
    expect(rolledUp.totals).toEqual(asItWas.totals);
    expect(asItWas.totals).toMatchObject({ paymentTransactions: 7, onlinePaymentTransactions: 4, amount: 70_000 });
    for (const body of [asItWas, rolledUp]) {
      expect(body.rows.reduce((sum, row) => sum + row.paymentTransactions, 0)).toBe(body.totals.paymentTransactions);
      expect(body.rows.reduce((sum, row) => sum + row.amount, 0)).toBe(body.totals.amount);
    }
    // Rolled up, the procedure counts add up too; as it was, CT-CHUKY is in both Tân Phong's and Trấn Biên's catalog.
    expect(rolledUp.rows.reduce((sum, row) => sum + row.feeBearingProcedures, 0)).toBe(rolledUp.totals.feeBearingProcedures);
    expect(asItWas.rows.reduce((sum, row) => sum + row.feeBearingProcedures, 0)).toBe(rolledUp.totals.feeBearingProcedures + 4);
  });

  it('includes the predecessors’ payments in agency=SUCCESSOR only with rollUp=successor', async () => {
    const period = 'from=2025-06-01&to=2025-07-31';
    const alone = await report(`${period}&agency=TRANBIEN`);
    expect(alone.totals).toMatchObject({ paymentTransactions: 4, amount: 40_000 });
    const withHistory = await report(`${period}&agency=TRANBIEN&rollUp=successor`);
    expect(codes(withHistory)).toEqual(['TRANBIEN']);
    expect(withHistory.totals).toMatchObject({ paymentTransactions: 7, onlinePaymentTransactions: 4, amount: 70_000 });
  });

  it('lets the successor’s finance staff see the history they took over only when rolled up', async () => {
    const period = 'from=2025-06-01&to=2025-07-31';
    expect((await report(period, financeTranBien)).totals).toMatchObject({ paymentTransactions: 4 });
    expect((await report(`${period}&rollUp=successor`, financeTranBien)).totals).toMatchObject({ paymentTransactions: 7 });
    const oldAgency = await fetch(`${stack.url}/v1/reports/online-payments?${period}&agency=TANPHONG`, { headers: { authorization: `Bearer ${financeTranBien}` } });
    expect(oldAgency.status).toBe(403);
  });

  it('shows the merged departments in a report of early 2025, and their successor when rolled up', async () => {
    const early = await report('from=2025-01-01&to=2025-03-31');
    expect(rowOf(early, 'SGTVT')).toMatchObject({ paymentTransactions: 2, onlinePaymentTransactions: 2, feeBearingProcedures: 2, proceduresPaidOnline: 1 });
    expect(rowOf(early, 'SXD')).toMatchObject({ paymentTransactions: 1, onlinePaymentTransactions: 0 });
    expect(codes(early)).toEqual(expect.arrayContaining(['STNMT', 'SKHDT', 'SNNMT', 'STC', 'BIENHOA', 'TANPHONG']));
    expect(codes(early)).not.toEqual(expect.arrayContaining(['TRANBIEN']));
    const rolled = await report('from=2025-01-01&to=2025-03-31&rollUp=successor');
    expect(codes(rolled)).not.toEqual(expect.arrayContaining(['SGTVT']));
    expect(rowOf(rolled, 'SXD')).toMatchObject({ paymentTransactions: 3, onlinePaymentTransactions: 2 });
    expect(rolled.totals).toEqual(early.totals);
  });

  it('answers an unknown rollUp with 400 naming the parameter', async () => {
    const response = await fetch(`${stack.url}/v1/reports/online-payments?from=2025-06-01&to=2025-07-31&rollUp=parent`, { headers: { authorization: `Bearer ${province}` } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.details[0]?.path).toBe('rollUp');
  });
});
