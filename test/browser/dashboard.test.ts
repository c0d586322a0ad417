// Proves the provincial office in Chromium signs in, lands on the dashboard, types a period as dd/mm/yyyy, picks a target set and sees exactly the JSON report's numbers for every agency, with nothing on the page that changes anything; that a finance user sees only its agency; that the pages pass the accessibility check and fit a phone; with screenshots in test-artifacts/screenshots/.
import type { Browser, Page } from 'playwright-core';
import type { OnlinePaymentReport } from '../../domain/reports/report-rows';
import type { LocalStack } from '../../functions/local/local-stack';
import { checkAccessibility, fitsWidth, launchBrowser, newPage, screenshot, signInWithForm } from '../support/browser';
import { startTestStack, tokenFor } from '../support/local-stack';
import { recordPayments, type PaymentsToRecord } from '../support/report-payments';
import { demoUser } from '../support/staff';

jest.setTimeout(90_000);

/** A province's March, with February before it for the trend, under the agencies after the 2025 reorganisation. */
const month = (businessDate: string, rows: Array<[string, string, number, number, number]>): PaymentsToRecord[] =>
  rows.flatMap(([agencyCode, procedureCode, online, offline, amount]) => [
    { agencyCode, procedureCode, businessDate, channel: 'ONLINE' as const, count: online, amount },
    { agencyCode, procedureCode, businessDate, channel: 'OFFLINE' as const, count: offline, amount },
  ]);
const PAYMENTS = [
  ...month('2026-02-10', [
    ['STP', 'LLTP-CAP', 15, 85, 200_000],
    ['SXD', 'GPLX-DOI', 30, 70, 135_000],
    ['STC', 'DKDN-THAYDOI', 10, 20, 100_000],
    ['TRANBIEN', 'CT-CHUKY', 4, 26, 10_000],
  ]),
  ...month('2026-03-16', [
    ['STP', 'LLTP-CAP', 30, 90, 200_000], // exactly 25.00 %
    ['SXD', 'GPLX-DOI', 48, 52, 135_000],
    ['SXD', 'DKX-BIENSO', 6, 34, 150_000],
    ['SXD', 'GPXD-NHAO', 9, 21, 75_000],
    ['TRANBIEN', 'CT-CHUKY', 12, 28, 10_000],
    ['TRANBIEN', 'CT-BANSAO', 0, 15, 4_000],
    ['TRANBIEN', 'HKD-DANGKY', 4, 16, 100_000],
    ['TRANBIEN', 'CT-BANSAO-H', 0, 20, 4_000],
    ['SNNMT', 'TB-NHADAT', 2, 38, 500_000],
    ['SNNMT', 'DD-THAMDINH', 0, 10, 300_000],
    ['STC', 'DKDN-THAYDOI', 25, 15, 100_000],
    ['SYT', 'CCHN-KCB', 0, 5, 360_000],
  ]),
];

describe('dashboard in a browser', () => {
  let stack: LocalStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack();
    await recordPayments(stack.dependencies.reportCounters, PAYMENTS);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Signs the demo user of a role in with the form, starting from the dashboard's address. */
  async function logIn(role: 'province' | 'finance', viewport?: { width: number; height: number }): Promise<Page> {
    const { page } = await newPage(browser, viewport);
    await page.goto(`${stack.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/login');
    const user = demoUser(role, role === 'finance' ? ['STP'] : undefined);
    await signInWithForm(page, stack, user.username, user.password, `/login${new URL(page.url()).search}`);
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    return page;
  }

  async function reportJson(query: string, token: string): Promise<OnlinePaymentReport> {
    const response = await fetch(`${stack.url}/v1/reports/online-payments?${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as OnlinePaymentReport;
  }

  /** Every [data-field] of an element, as the data-value strings the page carries. */
  async function figuresIn(page: Page, selector: string): Promise<Record<string, string>> {
    return page.$eval(selector, (element) =>
      Object.fromEntries([...element.querySelectorAll('[data-field]')].map((cell) => [cell.getAttribute('data-field'), cell.getAttribute('data-value')])),
    );
  }

  const asDataValue = (value: unknown) => (value === null ? 'null' : String(value));

  it('renders the province’s report with the JSON API’s numbers for every agency, read-only, and a screenshot', async () => {
    const token = await tokenFor(stack, 'province');
    const page = await logIn('province');
    await checkAccessibility(page);

    await page.fill('input[name=from]', '01/02/2026');
    await page.fill('input[name=to]', '31/03/2026');
    await page.selectOption('select[name=targetSet]', 'nq01-2021');
    await Promise.all([page.waitForURL(/from=01%2F02%2F2026/), page.click('button:has-text("Xem báo cáo")')]);

    const json = await reportJson('from=2026-02-01&to=2026-03-31&groupBy=agency&targetSet=nq01-2021', token);
    await expect(page.title()).resolves.toBe('Theo dõi tỷ lệ thanh toán trực tuyến 01/02/2026 – 31/03/2026 — Thu phí, lệ phí trực tuyến');
    expect(await page.inputValue('input[name=from]')).toBe('01/02/2026');

    // Every agency with payments is on the province's page (the table shows exactly the JSON rows, below).
    const shownAgencies = await page.$$eval('#rows tbody tr[data-row-key]', (rows) => rows.map((row) => row.getAttribute('data-row-key')));
    expect(shownAgencies).toEqual(expect.arrayContaining(['SNNMT', 'STC', 'STP', 'SXD', 'SYT', 'TRANBIEN']));
    // Nothing on the page changes anything: its forms only read (GET), but the sign-out button; no counter-payment link.
    const forms = await page.$$eval('form', (all) => all.map((form) => [form.getAttribute('method'), form.getAttribute('action')]));
    expect(forms).toEqual([['post', '/logout'], ['get', '/dashboard']]);
    expect(await page.$$('a[href="/staff/counter-payments"]')).toHaveLength(0);
    expect(await page.textContent('h1')).toBe('Tỷ lệ thanh toán trực tuyến so với chỉ tiêu');

    // Every row and the totals line of the table carry the JSON row's figures.
    const rowKeys = await page.$$eval('#rows tbody tr[data-row-key]', (rows) => rows.map((row) => row.getAttribute('data-row-key')));
    expect(rowKeys).toEqual(json.rows.map((row) => ('agencyCode' in row ? row.agencyCode : '')));
    for (const row of json.rows) {
      const code = 'agencyCode' in row ? row.agencyCode : '';
      const shown = await figuresIn(page, `#rows tr[data-row-key="${code}"]`);
      for (const [field, value] of Object.entries(shown)) expect([code, field, value]).toEqual([code, field, asDataValue(row[field as keyof typeof row])]);
    }
    const totals = await figuresIn(page, '#rows tfoot tr');
    for (const [field, value] of Object.entries(totals)) expect([field, value]).toEqual([field, asDataValue(json.totals[field as keyof typeof json.totals])]);
    const cards = await figuresIn(page, '#totals');
    for (const [field, value] of Object.entries(cards)) expect([field, value]).toEqual([field, asDataValue(json.totals[field as keyof typeof json.totals])]);

    // What a reader sees: the rate as text, the verdict in words, the gap, the procedures to promote.
    // STC: 35 online of 70 over the two months.
    expect(await page.textContent('#rows tr[data-row-key="STC"] td[data-field="transactionRatePercent"]')).toBe('50,00%');
    expect(await page.textContent('#rows tr[data-row-key="STC"] td[data-field="meetsTransactionTarget"]')).toBe('✓ Đạt');
    expect(await page.textContent('#rows tr[data-row-key="SNNMT"] td[data-field="meetsTransactionTarget"]')).toBe('✗ Chưa đạt');
    expect(await page.textContent(`#totals [data-field="transactionRatePercent"]`)).toBe(`${json.totals.transactionRatePercent?.replace('.', ',')}%`);
    const notPaidOnline = await page.$$('#not-paid-online tbody tr');
    expect(notPaidOnline).toHaveLength(json.totals.feeBearingProcedures - json.totals.proceduresPaidOnline);

    // Charts: per agency for both rates, per month for both; bars carry the rates of the JSON rows.
    const barsOf = (chart: string) =>
      page.$$eval(`[data-chart="${chart}"] svg g.bar`, (bars) => bars.map((bar) => [bar.getAttribute('data-label'), bar.getAttribute('data-rate')] as const));
    const agencyBars = new Map(await barsOf('procedure-rate-by-agency'));
    expect(agencyBars.size).toBe(json.rows.length);
    expect(agencyBars.get('Sở Nông nghiệp và Môi trường')).toBe(json.rows.find((row) => 'agencyCode' in row && row.agencyCode === 'SNNMT')?.procedureRatePercent);
    const monthBars = (await barsOf('transaction-rate-by-month')).map(([, rate]) => rate);
    const byMonth = await reportJson('from=2026-02-01&to=2026-03-31&groupBy=month&targetSet=nq01-2021', token);
    expect(monthBars).toEqual(byMonth.rows.map((row) => row.transactionRatePercent ?? 'null'));

    // The CSV link downloads the same report with the browser's session.
    const csvHref = await page.getAttribute('a:has-text("Tải CSV")', 'href');
    const csv = await page.request.get(`${stack.url}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="online-payments_2026-02-01_2026-03-31_by-agency_nq01-2021\.csv"$/);

    await checkAccessibility(page);
    await screenshot(page, 'dashboard-province');
  });

  it('fits a phone’s width: filters stack, tables scroll in their own box', async () => {
    const page = await logIn('province', { width: 360, height: 740 });
    await page.goto(`${stack.url}/dashboard?from=01/02/2026&to=31/03/2026`);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'dashboard-narrow');
  });

  it('refuses a bad period with a Vietnamese page that passes the accessibility check', async () => {
    const page = await logIn('province');
    await page.fill('input[name=from]', '31/03/2026');
    await page.fill('input[name=to]', '01/02/2026');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Xem báo cáo")')]);
    expect(await page.textContent('h1')).toBe('Điều kiện lọc chưa hợp lệ');
    expect(await page.textContent('.error-summary')).toContain('Đến ngày');
    await checkAccessibility(page);
    await screenshot(page, 'dashboard-bad-period');
  });

  it('shows a finance user its own agency only, and the Hai Phong targets with points', async () => {
    const token = await tokenFor(stack, 'finance'); // agencies: ["STP"], as the demo user ketoan.stp
    const page = await logIn('finance');
    await page.goto(`${stack.url}/dashboard?from=2026-03-01&to=2026-03-31&targetSet=haiphong-2024`);

    const json = await reportJson('from=2026-03-01&to=2026-03-31&targetSet=haiphong-2024', token);
    expect(json.rows.map((row) => ('agencyCode' in row ? row.agencyCode : ''))).toEqual(['STP']);
    const content = await page.content();
    for (const other of ['Sở Xây dựng', 'GPXD-NHAO', 'Sở Giao thông vận tải']) expect(content).not.toContain(other);
    expect(await page.textContent('#rows tr[data-row-key="STP"] td[data-field="meetsTransactionTarget"]')).toBe('✗ Chưa đạt');
    expect(await page.getAttribute('#rows tfoot td[data-field="points"]', 'data-value')).toBe(json.totals.points);
    expect(await page.textContent('#totals .gap')).toBe(`Cần thêm ${json.totals.gapToTransactionTarget} giao dịch trực tuyến để đạt chỉ tiêu`);
    await screenshot(page, 'dashboard-finance');
  });
});
