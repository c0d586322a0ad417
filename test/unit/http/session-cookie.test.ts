// Proves the dashboard session cookie is read only in its exact form and written HttpOnly, SameSite=Strict, bounded in time and Secure over HTTPS.
import { clearedSessionCookie, sessionCookie, sessionTokenFromCookies, unverifiedExpiry } from '../../../functions/http/session-cookie';

const token = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"exp":1800000000}').toString('base64url')}.c2ln`;

describe('session cookie', () => {
  it('finds the token among other cookies, in a header or in API Gateway’s cookies list', () => {
    expect(sessionTokenFromCookies(`a=1; fp_session=${token}; b=2`)).toBe(token);
    expect(sessionTokenFromCookies(['a=1', `fp_session=${token}`])).toBe(token);
  });

  it('ignores a missing, look-alike or malformed cookie', () => {
    expect(sessionTokenFromCookies(undefined)).toBeUndefined();
    expect(sessionTokenFromCookies(`xfp_session=${token}`)).toBeUndefined();
    expect(sessionTokenFromCookies('fp_session=<script>')).toBeUndefined();
    expect(sessionTokenFromCookies('fp_session=a.b')).toBeUndefined();
  });

  it('reads the expiry without trusting anything else', () => {
    expect(unverifiedExpiry(token)).toBe(1_800_000_000);
    expect(unverifiedExpiry('a.b.c')).toBeUndefined();
  });

  it('writes HttpOnly, SameSite=Strict, at most 12 hours, Secure only over HTTPS', () => {
    expect(sessionCookie(token, { maxAgeSeconds: 99_999, secure: true })).toBe(`fp_session=${token}; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict; Secure`);
    expect(sessionCookie(token, { maxAgeSeconds: 60.7, secure: false })).toBe(`fp_session=${token}; Path=/; Max-Age=60; HttpOnly; SameSite=Strict`);
    expect(clearedSessionCookie({ secure: false })).toBe('fp_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict');
  });
});
