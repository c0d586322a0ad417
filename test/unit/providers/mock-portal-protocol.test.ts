// Proves mock-portal fields are signed over the sorted, form-encoded canonical string and parsed into exact VND and UTC+7 business dates.
import { createHmac } from 'node:crypto';
import { parseMockPortalIpn } from '../../../domain/providers/mock-portal-ipn';
import { businessDateOf } from '../../../domain/shared/business-date';
import {
  canonicalPortalQuery,
  formatPortalDate,
  isPortalRspFinal,
  parsePortalDate,
  PORTAL_RSP,
  portalAmountToVnd,
  portalFieldsFrom,
  portalFieldsFromForm,
  type PortalFields,
  signPortalFields,
  verifyPortalFields,
  vndToPortalAmount,
  withPortalSecureHash,
} from '../../../domain/providers/mock-portal-protocol';

const SECRET = 'portal-secret-2026';

function anIpn(overrides: PortalFields = {}): PortalFields {
  return {
    pg_TmnCode: 'MOCKPORTAL',
    pg_Amount: '5200000',
    pg_TxnRef: 'pay_01',
    pg_TransactionNo: '14123456',
    pg_ResponseCode: '00',
    pg_TransactionStatus: '00',
    pg_PayDate: '20261122095959',
    pg_BankCode: 'NCB',
    ...overrides,
  };
}

describe('canonicalPortalQuery', () => {
  it('sorts pg_* fields by name, leaves out pg_SecureHash and foreign fields, and form-encodes values', () => {
    const fields = { pg_b: 'x y', pg_SecureHash: 'ignored', pg_A: 'a+b&c=d', other: 'not signed', pg_c: 'Lệ phí' };
    expect(canonicalPortalQuery(fields)).toBe('pg_A=a%2Bb%26c%3Dd&pg_b=x+y&pg_c=L%E1%BB%87+ph%C3%AD');
  });

  it('is HMAC-SHA512 of the canonical string, in hex', () => {
    const fields = anIpn();
    const expected = createHmac('sha512', SECRET).update(canonicalPortalQuery(fields)).digest('hex');
    expect(signPortalFields(fields, SECRET)).toBe(expected);
  });

  it('does not depend on the order fields arrive in', () => {
    const fields = anIpn();
    const reversed = Object.fromEntries(Object.entries(fields).reverse());
    expect(signPortalFields(reversed, SECRET)).toBe(signPortalFields(fields, SECRET));
  });
});

describe('verifyPortalFields', () => {
  it('accepts fields it signed', () => {
    expect(verifyPortalFields(withPortalSecureHash(anIpn(), SECRET), SECRET)).toEqual({ valid: true, secretIndex: 0 });
  });

  it('accepts a space sent as + or as %20, since both decode to the signed value', () => {
    const signed = withPortalSecureHash(anIpn({ pg_OrderInfo: 'Thanh toan le phi' }), SECRET);
    const hash = signed.pg_SecureHash!;
    const plus = 'pg_OrderInfo=Thanh+toan+le+phi';
    const percent = 'pg_OrderInfo=Thanh%20toan%20le%20phi';
    const rest = Object.entries(anIpn()).map(([name, value]) => `${name}=${value}`).join('&');
    for (const body of [`${rest}&${plus}&pg_SecureHash=${hash}`, `${percent}&pg_SecureHash=${hash}&${rest}`]) {
      const read = portalFieldsFromForm(Buffer.from(body));
      expect(read.ok && verifyPortalFields(read.fields, SECRET)).toEqual({ valid: true, secretIndex: 0 });
    }
  });

  it('tells a literal + (%2B) from a space', () => {
    const signed = withPortalSecureHash(anIpn({ pg_OrderInfo: 'a b' }), SECRET);
    const read = portalFieldsFrom(new URLSearchParams(`pg_OrderInfo=a%2Bb&pg_SecureHash=${signed.pg_SecureHash}`));
    expect(read.ok && read.fields.pg_OrderInfo).toBe('a+b');
  });

  it('refuses a changed, added or removed field', () => {
    const signed = withPortalSecureHash(anIpn(), SECRET);
    expect(verifyPortalFields({ ...signed, pg_Amount: '5200100' }, SECRET)).toEqual({ valid: false, reason: 'SIGNATURE_MISMATCH' });
    expect(verifyPortalFields({ ...signed, pg_Extra: '1' }, SECRET)).toEqual({ valid: false, reason: 'SIGNATURE_MISMATCH' });
    const { pg_BankCode: _dropped, ...withoutBank } = signed;
    expect(verifyPortalFields(withoutBank, SECRET)).toEqual({ valid: false, reason: 'SIGNATURE_MISMATCH' });
  });

  it('refuses another secret and accepts any secret of a rotation list', () => {
    const signed = withPortalSecureHash(anIpn(), 'old-secret');
    expect(verifyPortalFields(signed, SECRET)).toEqual({ valid: false, reason: 'SIGNATURE_MISMATCH' });
    expect(verifyPortalFields(signed, [SECRET, 'old-secret'])).toEqual({ valid: true, secretIndex: 1 });
  });

  it('reads the hash in either case and refuses one of the wrong shape', () => {
    const signed = withPortalSecureHash(anIpn(), SECRET);
    expect(verifyPortalFields({ ...signed, pg_SecureHash: signed.pg_SecureHash!.toUpperCase() }, SECRET)).toMatchObject({ valid: true });
    expect(verifyPortalFields({ ...signed, pg_SecureHash: 'abc' }, SECRET)).toEqual({ valid: false, reason: 'MALFORMED_HASH' });
    expect(verifyPortalFields(anIpn(), SECRET)).toEqual({ valid: false, reason: 'MISSING_HASH' });
    expect(verifyPortalFields({ ...signed, 'pg_a=1&pg_b': '2' }, SECRET)).toEqual({ valid: false, reason: 'MALFORMED_FIELDS' });
    expect(verifyPortalFields({ ...signed, pg_OrderInfo: '\ud800' }, SECRET)).toEqual({ valid: false, reason: 'MALFORMED_FIELDS' });
  });
});

describe('portalFieldsFrom', () => {
  it('refuses a field sent twice, since which copy was signed is unknowable', () => {
    expect(portalFieldsFrom(new URLSearchParams('pg_Amount=100&pg_Amount=200'))).toEqual({ ok: false, reason: 'DUPLICATE_FIELD', field: 'pg_Amount' });
  });

  it('limits fields, values and body size', () => {
    const many = Array.from({ length: 41 }, (_, i) => `pg_F${i}=1`).join('&');
    expect(portalFieldsFrom(new URLSearchParams(many))).toMatchObject({ ok: false, reason: 'TOO_MANY_FIELDS' });
    expect(portalFieldsFrom(new URLSearchParams(`pg_X=${'a'.repeat(2049)}`))).toMatchObject({ ok: false, reason: 'VALUE_TOO_LONG' });
    expect(portalFieldsFromForm('a'.repeat(17 * 1024))).toMatchObject({ ok: false, reason: 'BODY_TOO_LARGE' });
  });
});

describe('amounts and dates', () => {
  it('converts pg_Amount with integer math, refusing anything but a multiple of 100', () => {
    expect(portalAmountToVnd('5200000')).toBe(52000);
    expect(portalAmountToVnd('100000000000000')).toBe(1_000_000_000_000);
    expect(vndToPortalAmount(1_000_000_000_000)).toBe('100000000000000');
    for (const bad of ['5200050', '5200001', '52000.00', '-5200000', '05200000', '', '1e7', '100000000000100']) {
      expect(portalAmountToVnd(bad)).toBeUndefined();
    }
  });

  it('reads pg_PayDate as UTC+7 and keeps 23:59:59 and 00:00:00 on their own business dates', () => {
    const lastSecond = parsePortalDate('20261122235959')!;
    const midnight = parsePortalDate('20261123000000')!;
    expect(lastSecond.toISOString()).toBe('2026-11-22T16:59:59.000Z');
    expect(businessDateOf(lastSecond)).toBe('2026-11-22');
    expect(businessDateOf(midnight)).toBe('2026-11-23');
    expect(formatPortalDate(midnight)).toBe('20261123000000');
  });

  it.each(['20261131120000', '20261122240000', '20261122126000', '2026112212000', '2026-11-22', '202611221200000', 'abcdefghijklmn'])(
    'refuses %s as a pay date',
    (text) => {
      expect(parsePortalDate(text)).toBeUndefined();
    },
  );
});

describe('parseMockPortalIpn', () => {
  it('turns an IPN into a provider-neutral report', () => {
    expect(parseMockPortalIpn(anIpn({ pg_PayDate: '20261122235959' }))).toEqual({
      ok: true,
      ipn: expect.objectContaining({ tmnCode: 'MOCKPORTAL', succeeded: true, paidAt: '2026-11-22T23:59:59+07:00' }),
      report: {
        provider: 'mock-portal',
        eventId: '14123456:SUCCEEDED',
        providerTxnId: '14123456',
        paymentId: 'pay_01',
        amount: 52000,
        status: 'SUCCEEDED',
        occurredAt: '2026-11-22T23:59:59+07:00',
      },
    });
  });

  it('calls it a success only when both the response code and the transaction status are 00', () => {
    const statusOf = (fields: PortalFields) => {
      const result = parseMockPortalIpn(anIpn(fields));
      return result.ok ? result.report.status : result.reason;
    };
    expect(statusOf({})).toBe('SUCCEEDED');
    expect(statusOf({ pg_ResponseCode: '24', pg_TransactionStatus: '02' })).toBe('FAILED');
    expect(statusOf({ pg_ResponseCode: '00', pg_TransactionStatus: '02' })).toBe('FAILED');
    expect(statusOf({ pg_ResponseCode: '51', pg_TransactionStatus: '00' })).toBe('FAILED');
    const failed = parseMockPortalIpn(anIpn({ pg_ResponseCode: '51', pg_TransactionStatus: '02' }));
    expect(failed.ok && failed.report.eventId).toBe('14123456:FAILED');
  });

  it('reports a success whose pg_Amount is not a positive whole number of đồng with amount 0 and the text kept, so it is reviewed as a mismatch', () => {
    for (const pgAmount of ['5200050', '0', '-5200000']) {
      const result = parseMockPortalIpn(anIpn({ pg_Amount: pgAmount }));
      expect(result).toMatchObject({ ok: true, report: { status: 'SUCCEEDED', amount: 0, providerAmount: pgAmount } });
    }
    const whole = parseMockPortalIpn(anIpn({ pg_Amount: '5200000' }));
    expect(whole.ok && 'providerAmount' in whole.report).toBe(false);
  });

  it('answers 04 for such an amount on a failure (no money moved) or for an amount that is not a number', () => {
    const failed = parseMockPortalIpn(anIpn({ pg_Amount: '5200050', pg_ResponseCode: '24', pg_TransactionStatus: '02' }));
    expect(failed).toMatchObject({ ok: false, reason: 'INVALID_AMOUNT', rsp: { RspCode: '04' } });
    expect(parseMockPortalIpn(anIpn({ pg_Amount: '52000.50' }))).toMatchObject({ ok: false, reason: 'INVALID_AMOUNT', rsp: { RspCode: '04' } });
  });

  it('answers 99 for a bad pg_PayDate or a missing field, naming it', () => {
    const badDate = parseMockPortalIpn(anIpn({ pg_PayDate: '20261122240000' }));
    expect(badDate).toMatchObject({ ok: false, reason: 'INVALID_FIELDS', rsp: { RspCode: '99' }, issues: [{ path: 'pg_PayDate' }] });
    const { pg_TransactionNo: _dropped, ...missing } = anIpn();
    expect(parseMockPortalIpn(missing)).toMatchObject({ ok: false, rsp: { RspCode: '99' }, issues: [{ path: 'pg_TransactionNo' }] });
  });
});

describe('RspCode answers', () => {
  it('are the platform codes, and only 00 and 02 stop its retries', () => {
    expect(Object.values(PORTAL_RSP).map((rsp) => rsp.RspCode)).toEqual(['00', '01', '02', '04', '97', '99']);
    expect(PORTAL_RSP.INVALID_SIGNATURE).toEqual({ RspCode: '97', Message: 'Invalid signature' });
    expect(['00', '01', '02', '04', '97', '99'].filter(isPortalRspFinal)).toEqual(['00', '02']);
  });
});
