// Proves a finance officer in Chromium signs in with the form (by mouse and by keyboard alone), sees the frame with their name and navigation, signs out with the button and is then asked to sign in again; that a wrong password shows the error summary; and that these pages pass the accessibility check, with a screenshot of each.
import type { Browser } from 'playwright-core';
import type { LocalStack } from '../../functions/local/local-stack';
import { checkAccessibility, fitsWidth, launchBrowser, newPage, screenshot, signInWithForm } from '../support/browser';
import { startTestStack } from '../support/local-stack';
import { demoUser } from '../support/staff';

jest.setTimeout(90_000);

describe('staff sign-in in a browser', () => {
  let stack: LocalStack;
  let browser: Browser;
  const finance = demoUser('finance', ['STP']);
  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs in, shows the frame, and signs out so the next visit asks again', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${stack.url}/staff`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await checkAccessibility(page);
    await screenshot(page, 'sign-in');

    await signInWithForm(page, stack, finance.username, finance.password);
    expect(new URL(page.url()).pathname).toBe('/staff');
    expect(await page.textContent('header .name')).toBe(finance.displayName);
    expect(await page.$$eval('nav a', (links) => links.map((link) => link.textContent))).toEqual(['Bảng đối soát', 'Hàng đợi xử lý', 'Thu tại quầy', 'Tra cứu thanh toán', 'Theo dõi tỷ lệ']);
    const cookie = (await context.cookies()).find((candidate) => candidate.name === 'fp_staff_session')!;
    expect([cookie.httpOnly, cookie.sameSite]).toEqual([true, 'Lax']);
    await checkAccessibility(page);
    await screenshot(page, 'staff-home');

    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Đăng xuất")')]);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.textContent('.notice')).toContain('Bạn đã đăng xuất.');
    await page.goto(`${stack.url}/staff`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('shows a wrong password in the error summary, linked to the field, and sets no cookie', async () => {
    const { page, context } = await newPage(browser);
    await signInWithForm(page, stack, finance.username, 'not-the-password');
    expect(await page.textContent('.error-summary')).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(await page.inputValue('input[name=username]')).toBe(finance.username);
    expect(await page.inputValue('input[name=password]')).toBe('');
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('fp_staff_session');
    await checkAccessibility(page);
    await screenshot(page, 'sign-in-wrong-password');
    await context.close();
  });

  it('signs in and out with the keyboard alone, the skip link first', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${stack.url}/login`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Bỏ qua, đến nội dung chính');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('username');
    await page.keyboard.type(finance.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(finance.password);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe('/staff');

    // From the top: skip link, the service name, then the sign-out button.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Đăng xuất');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('fits a phone’s width', async () => {
    const { page, context } = await newPage(browser, { width: 360, height: 740 });
    await signInWithForm(page, stack, finance.username, finance.password);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'staff-home-narrow');
    await context.close();
  });
});
