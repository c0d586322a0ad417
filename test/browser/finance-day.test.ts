// Proves a finance officer's day works in Chromium on the local stack, by mouse and by keyboard alone: sign in, fetch and upload a day's settlement file (one refused with its line shown), reconcile it, open the run, decide a case of each kind planted through the mocks' fault switches (deciding twice gets a message), export the XLSX and read it back, record a counter payment after an inline error and see the dashboard count it, look a payment up; the province user sees every page without a form that changes anything and a finance officer of another agency sees none of the day; axe finds no serious or critical violation on any page.
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LocalStack } from '../../functions/local/local-stack';
import { actOnPaymentPage } from '../../functions/local/act-on-payment-page';
import { CASE_TYPE_LABELS } from '../../functions/staff/labels';
import { startTestStack, tokenFor } from '../support/local-stack';
import { ManualClock } from '../support/payments';
import { checkAccessibility, launchBrowser, newPage, screenshot, signInWithForm } from '../support/browser';
import { tabAndEnter, tabTo } from './keyboard';

jest.setTimeout(180_000);

const DAY = '2026-03-10';
const DAY_TEXT = '10/03/2026';
const clock = new ManualClock(new Date(`${DAY}T08:00:00+07:00`));
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("a finance officer's day in a browser", () => {
  let stack: LocalStack;
  let browser: Browser;
  let portal: string;
  let dossiers = 0;
  const planted: Record<string, Json> = {};

  /** Created two minutes before it is paid, well inside its payment link's lifetime. */
  async function createPayment(at: string, dossierId = `HS-WB-${++dossiers}`): Promise<Json> {
    clock.set(new Date(Date.parse(at) - 120_000));
    const response = await fetch(`${stack.url}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}`, 'idempotency-key': `wb-${dossierId}-${++dossiers}` },
      body: JSON.stringify({ dossierId, procedureCode: 'CT-BANSAO', agencyCode: 'TRANBIEN', provider: 'mock-bank', inputs: { pages: 5, copies: 2 }, payer: { name: 'Nguyễn Văn A' }, returnUrl: 'https://dichvucong.dongnai.gov.vn/ho-so/return' }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as Json;
  }

  async function pay(payment: Json, at: string, fault?: Record<string, unknown>): Promise<void> {
    if (fault) {
      const set = await fetch(`${stack.url}/mock-bank/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ paymentId: payment.paymentId, ...fault }) });
      expect(set.status).toBeLessThan(300);
    }
    clock.set(at);
    const answer = await actOnPaymentPage(payment.paymentUrl as string, 'pay');
    expect({ status: answer.status, body: answer.status === 303 ? '' : await answer.text() }).toEqual({ status: 303, body: '' });
  }

  beforeAll(async () => {
    stack = await startTestStack({ clock });
    portal = await tokenFor(stack, 'portal');
    // The day's problems, made as they happen: the portal asks, the bank misbehaves, the citizen pays.
    await pay(await createPayment(`${DAY}T09:00:00+07:00`), `${DAY}T09:00:00+07:00`);
    planted.altered = await createPayment(`${DAY}T09:10:00+07:00`);
    await pay(planted.altered, `${DAY}T09:10:00+07:00`, { alterAmount: -1000 });
    planted.alteredForKeyboard = await createPayment(`${DAY}T09:15:00+07:00`);
    await pay(planted.alteredForKeyboard, `${DAY}T09:15:00+07:00`, { alterAmount: 500 });
    planted.reversed = await createPayment(`${DAY}T09:20:00+07:00`);
    await pay(planted.reversed, `${DAY}T09:20:00+07:00`, { reverse: true });
    planted.dropped = await createPayment(`${DAY}T09:30:00+07:00`);
    await pay(planted.dropped, `${DAY}T09:30:00+07:00`, { drop: true });
    planted.first = await createPayment(`${DAY}T09:40:00+07:00`, 'HS-WB-TWICE');
    planted.second = await createPayment(`${DAY}T09:41:00+07:00`, 'HS-WB-TWICE');
    await pay(planted.first, `${DAY}T09:40:00+07:00`);
    await pay(planted.second, `${DAY}T09:41:00+07:00`);
    planted.late = await createPayment(`${DAY}T09:50:00+07:00`);
    const cancelled = await fetch(`${stack.url}/v1/payments/${planted.late.paymentId}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${portal}` } });
    expect(cancelled.status).toBe(200);
    await pay(planted.late, `${DAY}T09:50:00+07:00`);
    await stack.mocks.whenIdle();
    await stack.whenQueuesIdle(30_000);
    clock.set(`2026-03-11T08:00:00+07:00`);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function signIn(username: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await newPage(browser, { width: 1280, height: 900 });
    await signInWithForm(opened.page, stack, username, password);
    return opened;
  }

  async function look(page: Page, name: string): Promise<void> {
    await checkAccessibility(page);
    await screenshot(page, `workbench-${name}`);
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/\b(SUCCEEDED|PENDING|AMOUNT_MISMATCH|LATE_SUCCESS|REFUND_DUE|ACCEPT_PROVIDER|undefined|null|NaN)\b/);
  }

  const dayForm = (action: string) => `form[action="${action}"]:has(input[name=provider][value="mock-bank"]):has(input[name=businessDate][value="${DAY}"])`;

  async function openCase(page: Page, type: keyof typeof CASE_TYPE_LABELS): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.click('nav >> text=Hàng đợi xử lý')]);
    await Promise.all([page.waitForNavigation(), page.locator('li.case-item', { hasText: CASE_TYPE_LABELS[type] }).first().locator('h3 a').click()]);
  }

  async function decide(page: Page, type: keyof typeof CASE_TYPE_LABELS, action: string, screenshotName: string): Promise<void> {
    await openCase(page, type);
    await look(page, screenshotName);
    await page.check(`input[name=action][value=${action}]`);
    await page.fill('#note', `Đã kiểm tra với ngân hàng: ${CASE_TYPE_LABELS[type]}`);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Lưu quyết định")')]);
    await expect(page.locator('.notice.success').innerText()).resolves.toMatch(/^Đã lưu\./);
  }

  it('walks the day with the mouse', async () => {
    const { context, page } = await signIn('ketoan.tinh', 'ketoan-tinh-demo');
    expect(new URL(page.url()).pathname).toBe('/staff');
    await look(page, '01-board');

    // Fetch the day's file from the bank, then upload it by hand: a bad file first, refused by line.
    await Promise.all([page.waitForNavigation(), page.click(`${dayForm('/staff/settlements/fetch')} button`)]);
    await expect(page.locator('.notice.success').innerText()).resolves.toContain('Đã lấy file');
    const csv = await (await fetch(`${stack.url}/mock-bank/settlements/${DAY}.csv`)).text();
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/staff/settlements/upload?provider=mock-bank&date=${DAY}"]`)]);
    await page.setInputFiles('#file', { name: 'sai.csv', mimeType: 'text/csv', buffer: Buffer.from(`provider_txn_id,payment_id,amount,fee,status,paid_at\nTXN-1,pay_1,12a,0,SUCCEEDED,${DAY}T09:00:00+07:00\n`, 'utf8') });
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Tải lên")')]);
    await expect(page.locator('#file-error').innerText()).resolves.toMatch(/Dòng 2: Cột số tiền/);
    await look(page, '02-upload-refused');
    await page.setInputFiles('#file', { name: 'doi-soat.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Tải lên")')]);
    await expect(page.locator('.notice.success').innerText()).resolves.toContain('Đã nhận file');

    // Reconcile, then open the run from the board.
    await Promise.all([page.waitForNavigation(), page.click(`${dayForm('/staff/reconciliations')} button`)]);
    await stack.whenQueuesIdle(30_000);
    await page.reload();
    await Promise.all([page.waitForNavigation(), page.click('#provider-mock-bank ~ .table-wrap a:has-text("Đã hoàn tất")')]);
    expect(new URL(page.url()).pathname).toMatch(/^\/staff\/runs\/rec_/);
    await look(page, '03-run');
    const runUrl = page.url();
    await expect(page.locator('main').innerText()).resolves.toContain(CASE_TYPE_LABELS.REVERSAL);

    // Export the run and read the XLSX back.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("Tải file Excel")')]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['Mã thanh toán']));
    expect(sheet.rowCount).toBeGreaterThan(2);

    // A stale form: a second tab opens the mismatch before the first decides it.
    const stale = await context.newPage();
    await stale.goto(runUrl);
    await openCase(stale, 'AMOUNT_MISMATCH');
    await decide(page, 'AMOUNT_MISMATCH', 'ACCEPT_PROVIDER', '04-case-amount-mismatch');
    await look(page, '05-case-decided');
    await stale.check('input[name=action][value=WRITE_OFF]');
    await Promise.all([stale.waitForNavigation(), stale.click('button:has-text("Lưu quyết định")')]);
    await expect(stale.locator('main').innerText()).resolves.toMatch(/đã được .* xử lý lúc/);
    await stale.close();

    await decide(page, 'REVERSAL', 'ACCEPT_PROVIDER', '06-case-reversal');
    await decide(page, 'SECOND_PAYMENT', 'REFUND', '07-case-second-payment');
    await decide(page, 'LATE_SUCCESS', 'ACCEPT_PROVIDER', '08-case-late-success');
    await page.goto(runUrl);
    await look(page, '09-run-after-decisions');

    // The provincial dashboard, in the same navigation, before the counter payment.
    const paymentTransactions = async () => {
      await Promise.all([page.waitForNavigation(), page.click('nav >> text=Theo dõi tỷ lệ')]);
      return Number(await page.getAttribute('#totals [data-field="paymentTransactions"]', 'data-value'));
    };
    const before = await paymentTransactions();
    await look(page, '10-dashboard-before');

    // A counter payment: an invalid try shows the message next to the field, then it is recorded.
    await Promise.all([page.waitForNavigation(), page.click('nav >> text=Thu tại quầy')]);
    await page.fill('#dossierId', 'HS-QUAY-1');
    await page.fill('#procedureCode', 'CT-BANSAO');
    await page.selectOption('#agencyCode', 'TRANBIEN');
    await page.fill('#amount', '4.000,5');
    await page.check('#method');
    await page.fill('#paidAt', '11/03/2026 07:30');
    await page.fill('#receiptNo', 'BL-QUAY-1');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Ghi nhận")')]);
    await expect(page.locator('#amount-error').innerText()).resolves.toContain('số nguyên đồng');
    await expect(page.locator('.error-summary a[href="#amount"]').count()).resolves.toBe(1);
    await look(page, '10-counter-refused');
    await page.fill('#amount', '4.000');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Ghi nhận")')]);
    await expect(page.locator('.notice.success').innerText()).resolves.toContain('4.000 ₫');
    await expect(page.locator('table').innerText()).resolves.toContain('BL-QUAY-1');
    await look(page, '11-counter-recorded');
    expect(await paymentTransactions()).toBe(before + 1);
    await screenshot(page, 'workbench-11-dashboard-after');

    // Look a payment up by its dossier, with its timeline.
    await Promise.all([page.waitForNavigation(), page.click('nav >> text=Tra cứu thanh toán')]);
    await page.fill('#q', planted.late!.dossierId as string);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Tra cứu")')]);
    const found = await page.locator('main').innerText();
    expect(found).toContain('Thành công muộn');
    expect(found).toContain('Yêu cầu thanh toán bị hủy');
    await look(page, '12-lookup');
    await context.close();
  });

  it('walks a decision and a counter payment with the keyboard only', async () => {
    const { context, page } = await newPage(browser, { width: 1280, height: 900 });
    const keyboardSignIn = async (username: string, password: string) => {
      await page.goto(`${stack.url}/login`);
      await tabTo(page, '#username');
      await page.keyboard.type(username);
      await tabTo(page, '#password');
      await page.keyboard.type(password);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(new URL(page.url()).pathname).toBe('/staff');
    };

    await keyboardSignIn('ketoan.tinh', 'ketoan-tinh-demo');
    await tabAndEnter(page, 'nav a[href="/staff/cases"]');
    await tabAndEnter(page, 'li.case-item h3 a');
    // Tab reaches a radio group once, on its first choice; Space chooses it.
    await tabTo(page, 'input[name=action]');
    await page.keyboard.press('Space');
    await tabTo(page, '#note');
    await page.keyboard.type('Khớp với sao kê của ngân hàng');
    await tabTo(page, 'button.button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expect(page.locator('.notice.success').innerText()).resolves.toMatch(/^Đã lưu\./);
    await look(page, '20-keyboard-case');
    await tabAndEnter(page, 'header form[action="/logout"] button');

    // A finance officer of one agency: its agency is already chosen in the form.
    await keyboardSignIn('ketoan.stp', 'ketoan-stp-demo');
    await tabAndEnter(page, 'nav a[href="/staff/counter-payments"]');
    for (const [field, text] of [['#dossierId', 'HS-QUAY-2'], ['#procedureCode', 'LLTP-CAP'], ['#amount', '200000'], ['#paidAt', '11/03/2026 07:45'], ['#receiptNo', 'BL-QUAY-2']] as const) {
      await tabTo(page, field);
      await page.keyboard.type(text);
    }
    await tabTo(page, 'input[name=method]');
    await page.keyboard.press('Space');
    await tabTo(page, 'form[method=post] button.button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await screenshot(page, 'workbench-21-keyboard-counter');
    await expect(page.locator('.notice.success').innerText()).resolves.toContain('200.000 ₫');
    await look(page, '21-keyboard-counter');
    await context.close();
  });

  it('shows the province user every page read-only, and another agency nothing', async () => {
    const { context, page } = await signIn('vanphong.tinh', 'vanphong-tinh-demo');
    for (const [path, name] of [['/staff', '30-province-board'], ['/staff/cases?status=RESOLVED', '31-province-cases'], ['/staff/payments?q=HS-WB-TWICE', '32-province-lookup']] as const) {
      await page.goto(`${stack.url}${path}`);
      expect(await page.locator('main form[method=post]').count()).toBe(0);
      await look(page, name);
    }
    await page.goto(`${stack.url}/staff/cases?status=RESOLVED`);
    await Promise.all([page.waitForNavigation(), page.locator('li.case-item h3 a').first().click()]);
    expect(await page.locator('main form[method=post]').count()).toBe(0);
    await look(page, '33-province-case');
    const tranBienCase = new URL(page.url()).pathname;
    await context.close();

    // A finance officer of another agency sees none of it, not even by typing the address.
    const other = await signIn('ketoan.stp', 'ketoan-stp-demo');
    for (const path of ['/staff/cases', '/staff/cases?status=RESOLVED', '/staff/payments?q=HS-WB-TWICE']) {
      await other.page.goto(`${stack.url}${path}`);
      const text = await other.page.locator('main').innerText();
      expect(text).not.toContain('Trấn Biên');
      expect(text).not.toContain('pay_');
    }
    await expect(other.page.locator('main').innerText()).resolves.toContain('Không tìm thấy');
    const refused = await other.page.goto(`${stack.url}${tranBienCase}`);
    expect(refused?.status()).toBe(403);
    await look(other.page, '34-other-agency-refused');
    await other.context.close();
  });
});
