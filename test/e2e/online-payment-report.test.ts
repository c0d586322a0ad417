// Proves the online-payment report over HTTP on the local stack: JSON, CSV and HTML of the same figures, target boundaries, validation that names the field, and that a finance token never sees another agency's numbers by any parameter.
import type { OnlinePaymentReport } from '../../domain/reports/report-rows';
import { renderReportCsv } from '../../functions/reports/report-csv';
import { catalogNames } from '../../functions/reports/report-responses';
import { demoCatalog } from '../../functions/catalog/seed-catalog';
import type { LocalStack } from '../../functions/local/local-stack';
import { recordPayments } from '../support/report-payments';
import { startTestStack, tokenFor } from '../support/local-stack';

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string; message: string }>; requestId: string };
}

describe('GET /v1/reports/online-payments', () => {
  let stack: LocalStack;
  let province: string;
  let financeStp: string;
  const march = 'from=2026-03-01&to=2026-03-31';

  beforeAll(async () => {
    stack = await startTestStack();
    province = await tokenFor(stack, 'province');
    financeStp = await tokenFor(stack, 'finance'); // agencies: ["STP"]
    await recordPayments(stack.dependencies.reportCounters, [
      // STP: 1 online of 4 = exactly 25.00 %.
      { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-03-02', channel: 'ONLINE', count: 1, amount: 200_000 },
      { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-03-31', channel: 'OFFLINE', count: 3, amount: 200_000 },
      // SXD (with the transport procedures it took over in 2025): 6 online of 20 = exactly 30.00 %, each of its 3 procedures paid online.
      { agencyCode: 'SXD', procedureCode: 'GPXD-NHAO', businessDate: '2026-03-01', channel: 'ONLINE', count: 3, amount: 75_000 },
      { agencyCode: 'SXD', procedureCode: 'GPXD-NHAO', businessDate: '2026-03-15', channel: 'OFFLINE', count: 7, amount: 75_000 },
      { agencyCode: 'SXD', procedureCode: 'GPLX-DOI', businessDate: '2026-03-02', channel: 'ONLINE', count: 2, amount: 135_000 },
      { agencyCode: 'SXD', procedureCode: 'GPLX-DOI', businessDate: '2026-03-16', channel: 'OFFLINE', count: 7, amount: 135_000 },
      { agencyCode: 'SXD', procedureCode: 'DKX-BIENSO', businessDate: '2026-03-03', channel: 'ONLINE', count: 1, amount: 500_000 },
      // STC: counter payments only; and something outside the period on both sides.
      { agencyCode: 'STC', procedureCode: 'DKDN-THAYDOI', businessDate: '2026-03-20', channel: 'OFFLINE', count: 4, amount: 150_000 },
      { agencyCode: 'SXD', procedureCode: 'GPXD-NHAO', businessDate: '2026-02-28', channel: 'ONLINE', count: 5, amount: 75_000 },
      { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-04-01', channel: 'ONLINE', count: 5, amount: 200_000 },
    ]);
  }, 30_000);
  afterAll(async () => stack.stop());

  const get = (path: string, token: string | undefined, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, redirect: 'manual' });
  const report = async (query: string, token = province) => {
    const response = await get(`/v1/reports/online-payments?${query}`, token);
    expect(response.status).toBe(200);
    return (await response.json()) as OnlinePaymentReport;
  };
  const refused = async (response: Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe(code);
    expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
    return body;
  };

  describe('as JSON', () => {
    it('answers the CONTRACT shape by agency, with totals from the period only', async () => {
      const body = await report(march);
      expect(body.period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
      expect(body.targetSet).toMatchObject({ id: 'nq01-2021', transactionRateTarget: '25.00', procedureRateTarget: '50.00' });
      expect(body.totals).toMatchObject({ paymentTransactions: 28, onlinePaymentTransactions: 7, transactionRatePercent: '25.00', feeBearingProcedures: 14, proceduresPaidOnline: 4 });
      const stp = body.rows.find((row) => 'agencyCode' in row && row.agencyCode === 'STP');
      expect(stp).toEqual(
        expect.objectContaining({
          agencyCode: 'STP',
          paymentTransactions: 4,
          onlinePaymentTransactions: 1,
          transactionRatePercent: '25.00',
          feeBearingProcedures: 1,
          proceduresPaidOnline: 1,
          procedureRatePercent: '100.00',
          dossierRatePercent: '25.00',
          meetsTransactionTarget: true,
          meetsProcedureTarget: true,
          gapToTransactionTarget: 0,
          points: null,
        }),
      );
      // Agencies with fee-bearing procedures and no payment still get a row, with no rate (not 0 %).
      expect(body.rows.find((row) => 'agencyCode' in row && row.agencyCode === 'SYT')).toMatchObject({ paymentTransactions: 0, transactionRatePercent: null, meetsTransactionTarget: null });
      expect(response200Headers(await get(`/v1/reports/online-payments?${march}`, province))).toMatchObject({ 'cache-control': 'private, no-store' });
    });

    it('groups by procedure and by month with the same totals', async () => {
      const byAgency = await report(march);
      const byProcedure = await report(`${march}&groupBy=procedure`);
      const byMonth = await report('from=2026-02-01&to=2026-04-30&groupBy=month');
      expect(byProcedure.totals).toEqual(byAgency.totals);
      expect(byProcedure.rows.find((row) => 'procedureCode' in row && row.procedureCode === 'GPXD-NHAO')).toMatchObject({ paymentTransactions: 10, onlinePaymentTransactions: 3 });
      expect(byMonth.rows.map((row) => ('month' in row ? [row.month, row.paymentTransactions] : []))).toEqual([
        ['2026-02', 5],
        ['2026-03', 28],
        ['2026-04', 5],
      ]);
    });
  });

  describe('target boundaries, compared exactly', () => {
    it('an agency at exactly 25.00 % meets nq01-2021 (at least 25 %)', async () => {
      const body = await report(`${march}&agency=STP&targetSet=nq01-2021`);
      expect(body.totals).toMatchObject({ transactionRatePercent: '25.00', meetsTransactionTarget: true, gapToTransactionTarget: 0 });
    });

    it('an agency at exactly 30.00 % misses haiphong-2024 (above 30 %) and needs one more online payment', async () => {
      const body = await report(`${march}&agency=SXD&targetSet=haiphong-2024`);
      expect(body.targetSet).toMatchObject({ id: 'haiphong-2024', transactionRateTarget: '30.00' });
      expect(body.totals).toMatchObject({
        transactionRatePercent: '30.00',
        meetsTransactionTarget: false,
        gapToTransactionTarget: 1,
        procedureRatePercent: '100.00',
        meetsProcedureTarget: true,
        points: '0.00',
      });
    });
  });

  describe('as CSV and HTML', () => {
    it('gives the same report as CSV for Accept: text/csv, as a download', async () => {
      const json = await report(`${march}&groupBy=procedure`);
      const response = await get(`/v1/reports/online-payments?${march}&groupBy=procedure`, province, { accept: 'text/csv' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="online-payments_2026-03-01_2026-03-31_by-procedure_nq01-2021.csv"');
      // Read as bytes: response.text() would drop the byte order mark Excel needs.
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString('utf8')).toBe(renderReportCsv(json, catalogNames(demoCatalog())));
    });

    it('lets format= choose when a link cannot set Accept, and refuses what it cannot send with 406', async () => {
      const csv = await get(`/v1/reports/online-payments?${march}&format=csv`, province, { accept: 'text/html' });
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      await refused(await get(`/v1/reports/online-payments?${march}`, province, { accept: 'application/xml' }), 406, 'NOT_ACCEPTABLE');
      const anything = await get(`/v1/reports/online-payments?${march}`, province, { accept: '*/*' });
      expect(anything.headers.get('content-type')).toMatch(/^application\/json/);
    });

    it('gives the dashboard as a plain page for Accept: text/html, with the JSON figures in its data attributes and a strict CSP', async () => {
      const json = await report(march);
      const response = await get(`/v1/reports/online-payments?${march}`, province, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self'; style-src 'self'/);
      const page = await response.text();
      expect(page).toContain('<html lang="vi">');
      expect(page).toContain('Thủ tục có nghĩa vụ tài chính chưa có giao dịch trực tuyến');
      expect(page).toMatch(/<tr data-row-key="STP">[\s\S]*?data-field="transactionRatePercent" data-value="25.00">25,00%/);
      expect(page).toContain(`data-field="paymentTransactions" data-value="${json.totals.paymentTransactions}"`);
      expect(page).not.toMatch(/<script|<style|style=/i);
    });
  });

  describe('scoping: a finance token sees only its agencies', () => {
    const sxdTraces = ['SXD', 'GPXD-NHAO', 'Sở Xây dựng'];

    it('keeps other agencies out of rows and totals, by agency, procedure and month', async () => {
      for (const groupBy of ['agency', 'procedure', 'month']) {
        const response = await get(`/v1/reports/online-payments?${march}&groupBy=${groupBy}`, financeStp);
        const text = await response.text();
        const body = JSON.parse(text) as OnlinePaymentReport;
        expect(body.totals).toMatchObject({ paymentTransactions: 4, onlinePaymentTransactions: 1, feeBearingProcedures: 1 });
        for (const trace of sxdTraces) expect(text).not.toContain(trace);
      }
    });

    it('keeps them out of the CSV and the HTML page too', async () => {
      const csv = await (await get(`/v1/reports/online-payments?${march}&groupBy=procedure`, financeStp, { accept: 'text/csv' })).text();
      const page = await (await get(`/v1/reports/online-payments?${march}`, financeStp, { accept: 'text/html' })).text();
      for (const trace of sxdTraces) {
        expect(csv).not.toContain(trace);
        expect(page).not.toContain(trace);
      }
      expect(page).toContain('Sở Tư pháp');
    });

    it.each([
      ['another agency', 'agency=SXD'],
      ['a list with another agency', 'agency=STP,SXD'],
      ['the parameter repeated (joined with commas, as API Gateway does)', 'agency=STP&agency=SXD'],
      ['another agency, grouped by procedure', 'agency=SXD&groupBy=procedure'],
      ['another agency, grouped by month', 'agency=SXD&groupBy=month'],
      ['another agency as CSV', 'agency=SXD&format=csv'],
    ])('refuses %s with 403 FORBIDDEN', async (_what, query) => {
      const body = await refused(await get(`/v1/reports/online-payments?${march}&${query}`, financeStp), 403, 'FORBIDDEN');
      for (const trace of ['GPXD-NHAO', '"paymentTransactions"']) expect(JSON.stringify(body)).not.toContain(trace);
    });

    it.each([
      ['lower case', 'agency=sxd'],
      ['a wildcard', 'agency=*'],
      ['an empty list item', 'agency=STP,'],
      ['markup', `agency=${encodeURIComponent('<b>')}`],
    ])('refuses an agency written as %s with 400 naming agency', async (_what, query) => {
      const body = await refused(await get(`/v1/reports/online-payments?${march}&${query}`, financeStp), 400, 'VALIDATION_FAILED');
      expect(body.error.details.map((detail) => detail.path)).toEqual(['agency']);
    });

    it('answers its own agency, and a token for two agencies sees both', async () => {
      expect((await report(`${march}&agency=STP`, financeStp)).totals.paymentTransactions).toBe(4);
      const two = await tokenFor(stack, { sub: 'finance-two', roles: ['finance'], agencies: ['STP', 'SXD'] });
      const body = await report(march, two);
      expect(body.rows.map((row) => ('agencyCode' in row ? row.agencyCode : ''))).toEqual(['STP', 'SXD']);
      expect(body.totals.paymentTransactions).toBe(24);
    });
  });

  describe('authentication and validation', () => {
    it('needs a token (401) of a reporting role (403)', async () => {
      await refused(await get(`/v1/reports/online-payments?${march}`, undefined), 401, 'UNAUTHENTICATED');
      await refused(await get(`/v1/reports/online-payments?${march}`, await tokenFor(stack, 'portal')), 403, 'FORBIDDEN');
    });

    it.each([
      ['no from', 'to=2026-03-31', 'from'],
      ['no to', 'from=2026-03-01', 'to'],
      ['an impossible date', 'from=2026-02-30&to=2026-03-31', 'from'],
      ['a date in another format', 'from=01/03/2026&to=2026-03-31', 'from'],
      ['to before from', 'from=2026-03-02&to=2026-03-01', 'to'],
      ['more than 366 days', 'from=2025-01-01&to=2026-01-02', 'to'],
      ['an unknown grouping', `${march}&groupBy=week`, 'groupBy'],
      ['an unknown target set', `${march}&targetSet=hanoi-2030`, 'targetSet'],
      ['a malformed target set', `${march}&targetSet=${encodeURIComponent('NQ 01')}`, 'targetSet'],
      ['an unknown format', `${march}&format=xlsx`, 'format'],
    ])('answers %s with 400 naming %s', async (_what, query, path) => {
      const body = await refused(await get(`/v1/reports/online-payments?${query}`, province), 400, 'VALIDATION_FAILED');
      expect(body.error.details.map((detail) => detail.path)).toContain(path);
    });

    it('accepts exactly 366 days (a leap year)', async () => {
      expect((await report('from=2028-01-01&to=2028-12-31')).period).toEqual({ from: '2028-01-01', to: '2028-12-31' });
    });
  });
});

describe('GET /v1/target-sets', () => {
  let stack: LocalStack;
  beforeAll(async () => (stack = await startTestStack()));
  afterAll(async () => stack.stop());

  it('lists the shipped target sets for reporting roles', async () => {
    const response = await fetch(`${stack.url}/v1/target-sets`, { headers: { authorization: `Bearer ${await tokenFor(stack, 'finance')}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: Array<{ id: string; transactionRateTarget: string; transactionRateComparison: string; points: unknown }> };
    expect(body.items).toEqual([
      expect.objectContaining({ id: 'nq01-2021', transactionRateTarget: '25.00', transactionRateComparison: 'gte', points: null }),
      expect.objectContaining({ id: 'haiphong-2024', transactionRateTarget: '30.00', transactionRateComparison: 'gt', points: { meets: '1.00', misses: '-1.00' } }),
    ]);
    expect((await fetch(`${stack.url}/v1/target-sets`)).status).toBe(401);
  });

});

function response200Headers(response: Response): Record<string, string> {
  expect(response.status).toBe(200);
  return Object.fromEntries(response.headers.entries());
}
