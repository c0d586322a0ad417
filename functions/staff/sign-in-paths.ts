/**
 * Where sign-in starts and where it may send a person back to. `next` is honoured only as a path of
 * this site ("/staff/cases?status=OPEN"), never "//other.example" or "https://…", so the sign-in page
 * cannot be used to send someone elsewhere (an open redirect).
 */
export const LOGIN_PATH = '/login';

export function loginPath(options: { readonly next?: string; readonly expired?: boolean } = {}): string {
  const query = new URLSearchParams();
  if (options.next && safeNext(options.next) && options.next !== '/staff') query.set('next', options.next);
  if (options.expired) query.set('reason', 'expired');
  const search = query.toString();
  return search ? `${LOGIN_PATH}?${search}` : LOGIN_PATH;
}

export function safeNext(next: string | null | undefined): string | undefined {
  if (!next || next.length > 2000) return undefined;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  if (/[\u0000-\u001f\\]/.test(next)) return undefined;
  // Not back to the sign-in pages themselves.
  if (next === LOGIN_PATH || next.startsWith(`${LOGIN_PATH}?`) || next.startsWith(`${LOGIN_PATH}/`) || next.startsWith('/logout')) return undefined;
  return next;
}
