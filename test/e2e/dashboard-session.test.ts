// Proves the provincial dashboard is a staff page: it opens only with a staff session (never a bearer token or the old token form), shows each user their agencies in Vietnamese with dd/mm/yyyy dates and the default period named, downloads its CSV through the same session, and refuses bad filters and other agencies with Vietnamese pages.
import type { LocalStack } from '../../functions/local/local-stack';
import { startTestStack, tokenFor } from '../support/local-stack';
import { ManualClock } from '../support/payments';
import { recordPayments } from '../support/report-payments';
import { demoUser, getPage, signIn } from '../support/staff';

const clock = new ManualClock(new Date('2026-04-10T09:00:00+07:00'));
const MARCH = 'from=01/03/2026&to=31/03/2026';
/** English a page must never show: the API's messages, codes and JSON. */
const ENGLISH = /VALIDATION_FAILED|FORBIDDEN|is not valid|must be|Unknown agency|"error"/;

describe('the dashboard in the staff frame', () => {
  let stack: LocalStack;
  let province: string;
  let financeStp: string;
  beforeAll(async () => {
    stack = await startTestStack({ clock });
    await recordPayments(stack.dependencies.reportCounters, [
      { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-03-02', channel: 'ONLINE', count: 1, amount: 200_000 },
      { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-03-31', channel: 'OFFLINE', count: 3, amount: 200_000 },
      { agencyCode: 'SXD', procedureCode: 'GPXD-NHAO', businessDate: '2026-03-01', channel: 'ONLINE', count: 3, amount: 75_000 },
      { agencyCode: 'SXD', procedureCode: 'GPXD-NHAO', businessDate: '2026-03-15', channel: 'OFFLINE', count: 7, amount: 75_000 },
      { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-04-01', channel: 'ONLINE', count: 2, amount: 200_000 },
    ]);
    const provinceUser = demoUser('province');
    const financeUser = demoUser('finance', ['STP']);
    province = (await signIn(stack, provinceUser.username, provinceUser.password)).cookie;
    financeStp = (await signIn(stack, financeUser.username, financeUser.password)).cookie;
  }, 30_000);
  afterAll(async () => stack.stop());

  it('shows the province every agency, in the frame, with the dates as dd/mm/yyyy', async () => {
    const response = await getPage(stack, `/dashboard?${MARCH}`, province);
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self'; script-src 'self'; style-src 'self'/);
    expect(page).toContain('<a href="/dashboard" aria-current="page">Theo dõi tỷ lệ</a>');
    expect(page).toContain('Văn phòng UBND tỉnh');
    expect(page).toContain('<span data-period-from="2026-03-01" data-period-to="2026-03-31">01/03/2026 – 31/03/2026</span>');
    expect(page).toContain('value="01/03/2026"');
    expect(page).toMatch(/<tr data-row-key="STP">[\s\S]*?data-field="paymentTransactions" data-value="4"/);
    expect(page).toMatch(/<tr data-row-key="SXD">[\s\S]*?data-field="paymentTransactions" data-value="10"/);
    expect(page).not.toMatch(/<script|<style|style=|type="date"/i);
    expect(page).not.toMatch(ENGLISH);
  });

  it('names the default period: the month so far', async () => {
    const page = await (await getPage(stack, '/dashboard', province)).text();
    expect(page).toContain('Kỳ báo cáo: từ đầu tháng đến hôm nay (<span data-period-from="2026-04-01" data-period-to="2026-04-10">01/04/2026 – 10/04/2026</span>)');
  });

  it('keeps every visible agency in the selector when the report is narrowed to one', async () => {
    const page = await (await getPage(stack, `/dashboard?${MARCH}&agency=STP`, province)).text();
    expect(page).toContain('<option value="STP" selected>Sở Tư pháp (STP)</option>');
    expect(page).toContain('<option value="SXD">Sở Xây dựng (SXD)</option>');
  });

  it('shows finance of one agency only that agency, and refuses another with a Vietnamese 403 page', async () => {
    const page = await (await getPage(stack, `/dashboard?${MARCH}`, financeStp)).text();
    expect(page).toContain('Sở Tư pháp');
    for (const trace of ['SXD', 'GPXD-NHAO', 'Sở Xây dựng']) expect(page).not.toContain(trace);
    const refused = await getPage(stack, `/dashboard?${MARCH}&agency=SXD`, financeStp);
    const refusal = await refused.text();
    expect([refused.status, refused.headers.get('content-type')]).toEqual([403, 'text/html; charset=utf-8']);
    expect(refusal).toContain('Bạn không có quyền xem báo cáo này');
    expect(refusal).not.toContain('Sở Xây dựng');
    expect(refusal).not.toMatch(ENGLISH);
  });

  it.each([
    ['a period backwards', 'from=10/03/2026&to=01/03/2026', 'Đến ngày'],
    ['an impossible date', 'from=30/02/2026&to=31/03/2026', 'Từ ngày'],
    ['an unknown agency', 'agency=XYZ', 'Đơn vị'],
    ['an unknown target set', 'targetSet=nope', 'Bộ chỉ tiêu'],
  ])('answers %s with a Vietnamese 400 page naming the field', async (_what, query, field) => {
    const response = await getPage(stack, `/dashboard?${query}`, province);
    const page = await response.text();
    expect(response.status).toBe(400);
    expect(page).toContain('Điều kiện lọc chưa hợp lệ');
    expect(page).toContain(field);
    expect(page).not.toMatch(ENGLISH);
  });

  it('downloads the same report as CSV through the session', async () => {
    const page = await (await getPage(stack, `/dashboard?${MARCH}`, province)).text();
    const link = /href="([^"]+format=csv)" download/.exec(page)![1]!.replace(/&amp;/g, '&');
    expect(link).toBe('/dashboard?from=2026-03-01&to=2026-03-31&groupBy=agency&targetSet=nq01-2021&format=csv');
    const csv = await getPage(stack, link, province);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="online-payments_2026-03-01_2026-03-31/);
    expect(await csv.text()).toMatch(/^Mã đơn vị,Tên đơn vị,/);
    expect((await getPage(stack, link)).status).toBe(303);
  });

  it('opens for no bearer token and no old session cookie: those lead to the sign-in', async () => {
    const token = await tokenFor(stack, 'province');
    for (const headers of [{ authorization: `Bearer ${token}` }, { cookie: `fp_session=${token}` }] as Array<Record<string, string>>) {
      const response = await fetch(`${stack.url}/dashboard`, { headers, redirect: 'manual' });
      expect([response.status, response.headers.get('location')]).toEqual([303, '/login?next=%2Fdashboard']);
    }
    expect((await fetch(`${stack.url}/dashboard/login`, { redirect: 'manual' })).headers.get('location')).toBe('/login?next=%2Fdashboard');
    // The report API keeps its bearer tokens and takes no cookie.
    expect((await fetch(`${stack.url}/v1/reports/online-payments?from=2026-03-01&to=2026-03-31`, { headers: { cookie: province } })).status).toBe(401);
    expect((await fetch(`${stack.url}/v1/reports/online-payments?from=2026-03-01&to=2026-03-31`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});
