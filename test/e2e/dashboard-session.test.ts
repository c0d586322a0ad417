// Proves a browser reaches the report pages through the login form's HttpOnly session cookie, only on report pages, only with a valid token, and never from another site.
import type { LocalStack } from '../../functions/local/local-stack';
import { signLocalToken } from '../../functions/local/local-tokens';
import { startTestStack, tokenFor } from '../support/local-stack';

describe('dashboard session', () => {
  let stack: LocalStack;
  let token: string;
  beforeAll(async () => {
    stack = await startTestStack();
    token = await tokenFor(stack, 'finance');
  });
  afterAll(async () => stack.stop());

  const logIn = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}/dashboard/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.url, ...headers },
      body,
      redirect: 'manual',
    });
  const withCookie = (path: string, cookie: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}${path}`, { headers: { cookie, ...headers }, redirect: 'manual' });

  it('serves the login form in Vietnamese', async () => {
    const response = await fetch(`${stack.url}/dashboard/login`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Đăng nhập bảng theo dõi thanh toán trực tuyến');
  });

  it('keeps a token in an HttpOnly, SameSite=Strict cookie no longer than the token lives, and goes to the dashboard', async () => {
    const response = await logIn(new URLSearchParams({ token }).toString());
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/dashboard');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^fp_session=${token.replace(/\./g, '\\.')}; Path=/; Max-Age=(\\d+); HttpOnly; SameSite=Strict$`));
    expect(Number(/Max-Age=(\d+)/.exec(cookie)?.[1])).toBeLessThanOrEqual(12 * 3600);
  });

  it('opens the dashboard and the report (JSON, CSV) with the cookie alone', async () => {
    const cookie = `fp_session=${token}`;
    const page = await withCookie('/dashboard?from=2026-03-01&to=2026-03-31', cookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Người xem: <strong>finance-stp</strong>');
    const csv = await withCookie('/v1/reports/online-payments?from=2026-03-01&to=2026-03-31&format=csv', cookie);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="online-payments_/);
  });

  it('honours the cookie only on report pages, never on other API routes', async () => {
    const response = await withCookie('/v1/target-sets', `fp_session=${token}`);
    expect(response.status).toBe(401);
  });

  it('sends a browser without a valid session to the login form, and an API client gets 401', async () => {
    const forged = await signLocalToken('some-other-secret-of-16+', { sub: 'mallory', roles: ['province'], agencies: ['*'] });
    for (const cookie of ['', `fp_session=${forged}`, 'fp_session=not-a-token']) {
      const browser = await withCookie('/dashboard', cookie, { accept: 'text/html,*/*;q=0.8' });
      expect(browser.status).toBe(303);
      expect(browser.headers.get('location')).toBe('/dashboard/login');
      expect((await withCookie('/v1/reports/online-payments?from=2026-03-01&to=2026-03-31', cookie)).status).toBe(401);
    }
  });

  it('refuses a login posted from another site, a malformed or expired token, and a wrong content type', async () => {
    expect((await logIn(new URLSearchParams({ token }).toString(), { origin: 'https://evil.example' })).status).toBe(403);
    expect((await logIn(new URLSearchParams({ token }).toString(), { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await logIn('token=abc')).status).toBe(400);
    const expired = await signLocalToken(stack.config.AUTH_JWT_SECRET, { sub: 'x', roles: ['finance'], agencies: ['STP'] }, '-1m');
    const response = await logIn(new URLSearchParams({ token: expired }).toString());
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('đã hết hạn');
    expect(response.headers.get('set-cookie')).toBeNull();
    const json = await fetch(`${stack.url}/dashboard/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: stack.url }, body: JSON.stringify({ token }) });
    expect(json.status).toBe(415);
  });

  it('forgets the session on logout', async () => {
    const response = await fetch(`${stack.url}/dashboard/logout`, { method: 'POST', headers: { origin: stack.url, cookie: `fp_session=${token}` }, redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/dashboard/login');
    expect(response.headers.get('set-cookie')).toMatch(/^fp_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict/);
  });
});
