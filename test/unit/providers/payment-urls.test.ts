// Proves a payment-page URL is trusted by a mock only while it is unexpired and exactly as the service signed it.
import { buildMockBankPaymentUrl, verifyMockBankPaymentRequest } from '../../../domain/providers/mock-bank-payment-url';
import { buildMockPortalPaymentUrl, verifyMockPortalPaymentRequest } from '../../../domain/providers/mock-portal-payment-url';
import { verifyPortalFields, portalFieldsFrom } from '../../../domain/providers/mock-portal-protocol';

const NOW = new Date('2026-11-22T03:00:00Z');
const EXPIRES = new Date('2026-11-22T03:15:00Z');
const RETURN_URL = 'https://portal.example.vn/ho-so/123/ket-qua?lang=vi&x=a+b';

function split(url: string): { path: string; params: URLSearchParams } {
  const parsed = new URL(url);
  return { path: parsed.pathname, params: parsed.searchParams };
}

describe('mock-bank payment URL', () => {
  const url = buildMockBankPaymentUrl({
    baseUrl: 'http://127.0.0.1:3000/',
    paymentId: 'pay_01',
    amount: 52000,
    returnUrl: RETURN_URL,
    expiresAt: EXPIRES,
    secret: 'bank-secret',
    issuedAt: NOW,
  });
  const verify = (params: URLSearchParams, now = NOW, paymentId = 'pay_01', secrets: string | string[] = 'bank-secret') =>
    verifyMockBankPaymentRequest({ paymentId, params, secrets, now });

  it('has the documented shape', () => {
    const { path, params } = split(url);
    expect(url.startsWith('http://127.0.0.1:3000/mock-bank/pay/pay_01?amount=52000&returnUrl=')).toBe(true);
    expect(path).toBe('/mock-bank/pay/pay_01');
    expect([...params.keys()]).toEqual(['amount', 'returnUrl', 'expiresAt', 't', 'sig']);
    expect(params.get('expiresAt')).toBe('2026-11-22T10:15:00+07:00');
    expect(params.get('t')).toBe(String(NOW.getTime() / 1000));
    expect(params.get('returnUrl')).toBe(RETURN_URL);
  });

  it('verifies as signed', () => {
    expect(verify(split(url).params)).toEqual({
      ok: true,
      request: { paymentId: 'pay_01', amount: 52000, returnUrl: RETURN_URL, expiresAt: '2026-11-22T10:15:00+07:00' },
    });
    expect(verify(split(url).params, NOW, 'pay_01', ['new-secret', 'bank-secret']).ok).toBe(true);
  });

  it.each([
    ['amount', '1000'],
    ['returnUrl', 'https://attacker.example/steal'],
    ['expiresAt', '2026-12-31T00:00:00+07:00'],
    ['t', '1'],
  ])('refuses a link whose %s was changed', (name, value) => {
    const { params } = split(url);
    params.set(name, value);
    expect(verify(params)).toMatchObject({ ok: false, reason: 'SIGNATURE_MISMATCH' });
  });

  it('refuses the link for another payment, with another secret, or once expired', () => {
    expect(verify(split(url).params, NOW, 'pay_02')).toMatchObject({ ok: false, reason: 'SIGNATURE_MISMATCH' });
    expect(verify(split(url).params, NOW, 'pay_01', 'other')).toMatchObject({ ok: false, reason: 'SIGNATURE_MISMATCH' });
    expect(verify(split(url).params, EXPIRES)).toMatchObject({ ok: false, reason: 'EXPIRED' });
  });

  it('refuses missing, repeated and malformed parameters without throwing', () => {
    const missing = split(url).params;
    missing.delete('sig');
    expect(verify(missing)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    const repeated = split(url).params;
    repeated.append('amount', '52000');
    expect(verify(repeated)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    const oddHex = split(url).params;
    oddHex.set('sig', 'abc');
    expect(verify(oddHex)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(verify(new URLSearchParams('amount=1.5'))).toMatchObject({ ok: false, reason: 'MALFORMED' });
  });

  it('refuses to build a link the mock could not honour', () => {
    const base = { baseUrl: 'http://x', paymentId: 'pay_01', amount: 52000, returnUrl: RETURN_URL, expiresAt: EXPIRES, secret: 's' };
    expect(() => buildMockBankPaymentUrl({ ...base, amount: 0 })).toThrow(RangeError);
    expect(() => buildMockBankPaymentUrl({ ...base, amount: 1.5 })).toThrow(RangeError);
    expect(() => buildMockBankPaymentUrl({ ...base, returnUrl: 'javascript:alert(1)' })).toThrow(RangeError);
    expect(() => buildMockBankPaymentUrl({ ...base, paymentId: '../admin' })).toThrow(RangeError);
  });
});

describe('mock-portal payment URL', () => {
  const url = buildMockPortalPaymentUrl({
    baseUrl: 'http://127.0.0.1:3000',
    paymentId: 'pay_01',
    amount: 52000,
    returnUrl: RETURN_URL,
    expiresAt: EXPIRES,
    tmnCode: 'MOCKPORTAL',
    secret: 'portal-secret',
  });
  const verify = (params: URLSearchParams, now = NOW, paymentId = 'pay_01') =>
    verifyMockPortalPaymentRequest({ paymentId, params, secrets: 'portal-secret', now });

  it('has the documented shape and a pg_SecureHash over its pg_* fields', () => {
    const { path, params } = split(url);
    expect(path).toBe('/mock-portal/pay/pay_01');
    expect([...params.keys()]).toEqual(['pg_Amount', 'pg_TxnRef', 'pg_ReturnUrl', 'pg_ExpireDate', 'pg_TmnCode', 'pg_SecureHash']);
    expect(params.get('pg_Amount')).toBe('5200000');
    expect(params.get('pg_ExpireDate')).toBe('20261122101500');
    expect(params.get('pg_ReturnUrl')).toBe(RETURN_URL);
    const read = portalFieldsFrom(params);
    expect(read.ok && verifyPortalFields(read.fields, 'portal-secret')).toMatchObject({ valid: true });
  });

  it('verifies as signed', () => {
    expect(verify(split(url).params)).toEqual({
      ok: true,
      request: { paymentId: 'pay_01', amount: 52000, returnUrl: RETURN_URL, expiresAt: '2026-11-22T10:15:00+07:00', tmnCode: 'MOCKPORTAL' },
    });
  });

  it('refuses a changed amount, another payment, or an expired link', () => {
    const changed = split(url).params;
    changed.set('pg_Amount', '100000');
    expect(verify(changed)).toMatchObject({ ok: false, reason: 'SIGNATURE_MISMATCH' });
    expect(verify(split(url).params, NOW, 'pay_02')).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(verify(split(url).params, EXPIRES)).toMatchObject({ ok: false, reason: 'EXPIRED' });
    expect(verify(new URLSearchParams('pg_Amount=1'))).toMatchObject({ ok: false, reason: 'MALFORMED' });
  });
});
