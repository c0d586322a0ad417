import type { LocalStack } from '../../functions/local/local-stack';
import { DEMO_STAFF_USERS } from '../../functions/local/demo-staff-users';
import type { Role } from '../../functions/http/principal';

/**
 * Staff pages over HTTP as a browser uses them: sign in with the form, keep the session cookie, read
 * the CSRF token from a page, post forms from the same origin.
 */
export interface StaffSession {
  /** `fp_staff_session=<id>`, ready for a Cookie header. */
  readonly cookie: string;
  /** The Set-Cookie header the sign-in answered with. */
  readonly setCookie: string;
  readonly location: string;
}

export function demoUser(role: Role, agencies?: readonly string[]) {
  const user = DEMO_STAFF_USERS.find((candidate) => candidate.role === role && (!agencies || candidate.agencies.join() === agencies.join()));
  if (!user) throw new Error(`no demo staff user ${role} ${agencies?.join() ?? ''}`);
  return user;
}

export function postForm(stack: LocalStack, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.url, 'sec-fetch-site': 'same-origin', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

export async function signIn(stack: LocalStack, username: string, password: string, next?: string): Promise<StaffSession> {
  const response = await postForm(stack, '/login', { username, password, ...(next ? { next } : {}) });
  const setCookie = response.headers.get('set-cookie') ?? '';
  if (response.status !== 303 || !setCookie) throw new Error(`sign-in of ${username} answered ${response.status}: ${await response.text()}`);
  return { cookie: setCookie.split(';')[0]!, setCookie, location: response.headers.get('location') ?? '' };
}

export function getPage(stack: LocalStack, path: string, cookie?: string): Promise<Response> {
  return fetch(`${stack.url}${path}`, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) }, redirect: 'manual' });
}

/** The CSRF token a page put in its forms. */
export function csrfTokenIn(page: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('the page has no csrf field');
  return token;
}
