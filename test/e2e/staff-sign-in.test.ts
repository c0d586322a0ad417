// Proves staff sign in with a username and password into a server-side session (cookie flags, role homes, safe `next`), that wrong, unknown and non-staff accounts get a Vietnamese refusal and no cookie, that an expired or ended session leads back to the sign-in, and that a cross-site or token-less POST changes nothing.
import type { LocalStack } from '../../functions/local/local-stack';
import { hashPassword } from '../../functions/staff/password-hash';
import { startTestStack } from '../support/local-stack';
import { ManualClock } from '../support/payments';
import { csrfTokenIn, demoUser, getPage, postForm, signIn } from '../support/staff';

const clock = new ManualClock(new Date('2026-04-02T09:00:00+07:00'));
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

describe('staff sign-in', () => {
  let stack: LocalStack;
  const finance = demoUser('finance', ['STP']);
  const province = demoUser('province');
  beforeAll(async () => {
    stack = await startTestStack({ clock });
  });
  afterAll(async () => stack.stop());

  it('shows a Vietnamese sign-in form with the security headers and no inline style or script', async () => {
    const response = await getPage(stack, '/login');
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('<label for="username">Tên đăng nhập</label>');
    expect(page).not.toMatch(/<script|<style|style=/i);
    const sheet = await fetch(`${stack.url}${/<link rel="stylesheet" href="([^"]+)"/.exec(page)![1]!.replace(/&amp;/g, '&')}`);
    expect([sheet.status, sheet.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
  });

  it('signs a finance user in with an HttpOnly, SameSite cookie of at most 12 h and sends them to the board', async () => {
    const session = await signIn(stack, finance.username, finance.password);
    expect(session.location).toBe('/staff');
    expect(session.setCookie).toMatch(/^fp_staff_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=(\d+); HttpOnly; SameSite=Lax$/);
    expect(Number(/Max-Age=(\d+)/.exec(session.setCookie)![1])).toBeLessThanOrEqual(12 * 3600);
    const home = await getPage(stack, '/staff', session.cookie);
    const page = await home.text();
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toBe(CSP);
    expect(page).toContain('Bảng đối soát');
    expect(page).toContain(finance.displayName);
    expect(page).toContain('href="/staff/counter-payments"');
  });

  it('marks the cookie Secure when the browser came over HTTPS', async () => {
    const response = await postForm(stack, '/login', { username: finance.username, password: finance.password }, { 'x-forwarded-proto': 'https' });
    expect(response.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('sends the province user to the dashboard, with no counter-payment link', async () => {
    const session = await signIn(stack, province.username, province.password);
    expect(session.location).toBe('/dashboard');
    const page = await (await getPage(stack, '/staff', session.cookie)).text();
    expect(page).toContain('Văn phòng UBND tỉnh');
    expect(page).not.toContain('/staff/counter-payments');
  });

  it('returns to `next` when it is a path of this site, and ignores any other', async () => {
    expect((await signIn(stack, finance.username, finance.password, '/dashboard?groupBy=month')).location).toBe('/dashboard?groupBy=month');
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/login']) {
      expect([next, (await signIn(stack, finance.username, finance.password, next)).location]).toEqual([next, '/staff']);
    }
  });

  it('answers a wrong password and an unknown username alike: a Vietnamese message and no cookie', async () => {
    const wrong = await postForm(stack, '/login', { username: finance.username, password: 'not-the-password' });
    const unknown = await postForm(stack, '/login', { username: 'nobody.here', password: 'not-the-password' });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(400);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(await response.text()).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
  });

  it('names an empty field next to it and in the error summary', async () => {
    const response = await postForm(stack, '/login', { username: '', password: '' });
    const page = await response.text();
    expect(response.status).toBe(400);
    expect(page).toContain('<a href="#username">Nhập tên đăng nhập</a>');
    expect(page).toContain('<span class="error-message" id="password-error"><span class="visually-hidden">Lỗi: </span>Nhập mật khẩu</span>');
  });

  it('refuses a portal (system) account in Vietnamese, even with the right password, and sets no cookie', async () => {
    await stack.dependencies.staffUsers.put({ username: 'portal.system', passwordHash: await hashPassword('portal-password'), roles: ['portal'], agencies: ['*'], displayName: 'Cổng DVC' });
    const response = await postForm(stack, '/login', { username: 'portal.system', password: 'portal-password' });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.text()).toContain('Tài khoản này không dùng được cho trang nghiệp vụ');
  });

  it('slows guessing: after five wrong passwords the username is refused for a while, even with the right one', async () => {
    await stack.dependencies.staffUsers.put({ username: 'guessed.user', passwordHash: await hashPassword('right-password'), roles: ['finance'], agencies: ['STP'], displayName: 'Kế toán thử' });
    for (let i = 0; i < 5; i += 1) expect((await postForm(stack, '/login', { username: 'guessed.user', password: `guess-${i}` })).status).toBe(400);
    const locked = await postForm(stack, '/login', { username: 'guessed.user', password: 'right-password' });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('set-cookie')).toBeNull();
    clock.advance(16 * 60 * 1000);
    expect((await postForm(stack, '/login', { username: 'guessed.user', password: 'right-password' })).status).toBe(303);
  });

  it('sends a page without a session to the sign-in, coming back to it afterwards', async () => {
    const response = await getPage(stack, '/dashboard?groupBy=month');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Fdashboard%3FgroupBy%3Dmonth');
    expect((await getPage(stack, '/dashboard/login')).headers.get('location')).toBe('/login?next=%2Fdashboard');
  });

  it('ends an expired session: the page says so in Vietnamese and what to do', async () => {
    const session = await signIn(stack, finance.username, finance.password);
    clock.advance(stack.config.STAFF_SESSION_HOURS * 3600 * 1000 + 1000);
    const response = await getPage(stack, '/staff', session.cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?reason=expired');
    expect(await (await getPage(stack, '/login?reason=expired')).text()).toContain('Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.');
  });

  it('ends the session on sign-out: the old cookie opens nothing any more', async () => {
    const session = await signIn(stack, finance.username, finance.password);
    const csrf = csrfTokenIn(await (await getPage(stack, '/staff', session.cookie)).text());
    const response = await postForm(stack, '/logout', { csrf }, { cookie: session.cookie });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?reason=signed-out');
    expect(response.headers.get('set-cookie')).toMatch(/^fp_staff_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax/);
    const replayed = await getPage(stack, '/staff', session.cookie);
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get('location')).toBe('/login?reason=expired');
  });

  it('refuses a cross-site POST, or one without the session’s token, with a Vietnamese 403, and nothing changes', async () => {
    const session = await signIn(stack, finance.username, finance.password);
    const csrf = csrfTokenIn(await (await getPage(stack, '/staff', session.cookie)).text());
    const attempts = [
      postForm(stack, '/logout', { csrf }, { cookie: session.cookie, origin: 'https://evil.example', 'sec-fetch-site': '' }),
      postForm(stack, '/logout', { csrf }, { cookie: session.cookie, 'sec-fetch-site': 'cross-site' }),
      postForm(stack, '/logout', { csrf }, { cookie: session.cookie, 'sec-fetch-site': 'same-site' }),
      postForm(stack, '/logout', {}, { cookie: session.cookie }),
      postForm(stack, '/logout', { csrf: `${csrf.slice(0, -1)}A` }, { cookie: session.cookie }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403);
      expect(response.headers.get('content-security-policy')).toBe(CSP);
      const page = await response.text();
      expect(page).toContain('không có gì thay đổi');
      expect(page).not.toMatch(/forbidden|error|"code"/i);
    }
    // The session is still there: none of those requests signed the person out.
    expect((await getPage(stack, '/staff', session.cookie)).status).toBe(200);
  });
});
