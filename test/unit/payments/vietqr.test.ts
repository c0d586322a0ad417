// Proves VietQR payloads carry the NAPAS layout and a CRC that matches payloads published by other issuers.
import {
  buildVietQrPayload,
  crc16CcittFalse,
  decodeTlv,
  encodeTlv,
  parseVietQr,
  sanitizeVietQrPurpose,
} from '../../../domain/payments/vietqr';

// Published payloads, each checked against its own CRC:
// - a dynamic QR returned by payOS (a licensed Vietnamese gateway) for a 7,000 VND order, MB Bank 970422;
// - NAPAS's funds-transfer example (card service QRIBFTTC, reference label NPS6869), as quoted by integrators;
// - the "ung ho lu lut" transfer used as a reference vector for the vietqr.io generator.
const PUBLISHED = [
  '00020101021238570010A000000727012700069704220113VQRQADAIJ55120208QRIBFTTA5303704540470005802VN62120808TL89 1006304E346',
  '00020101021238600010A00000072701300006970403011697040311012345670208QRIBFTTC530370454061800005802VN62340107NPS68690819thanh toan don hang6304A203',
  '00020101021238570010A0000007270127000697041501130011001932418' +
    '0208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C',
];

describe('crc16CcittFalse', () => {
  it('matches the CRC catalogue check value', () => {
    expect(crc16CcittFalse('123456789')).toBe('29B1');
  });

  it('matches the CRC of published VietQR payloads', () => {
    for (const payload of PUBLISHED) {
      expect(crc16CcittFalse(payload.slice(0, -4))).toBe(payload.slice(-4));
    }
  });

  it('pads to four uppercase hex digits', () => {
    expect(crc16CcittFalse('')).toBe('FFFF');
    expect(crc16CcittFalse('A')).toMatch(/^[0-9A-F]{4}$/);
  });
});

describe('buildVietQrPayload', () => {
  it('reproduces the published payOS payload byte for byte from its parts', () => {
    // The payOS purpose has a space, which our alphabet keeps; the account is letters and digits.
    const payload = buildVietQrPayload({ bankBin: '970422', accountNumber: 'VQRQADAIJ5512', amount: 7000, paymentId: 'TL89', note: '100' });
    expect(payload).toBe(PUBLISHED[0]);
  });

  it('reproduces the published 120,000 VND transfer from its parts', () => {
    const payload = buildVietQrPayload({ bankBin: '970415', accountNumber: '0011001932418', amount: 120000, paymentId: 'ung', note: 'ho lu lut' });
    expect(payload).toBe(PUBLISHED[2]);
  });

  it('parses back into the fields it was built from', () => {
    const payload = buildVietQrPayload({
      bankBin: '970436',
      accountNumber: '1023456789',
      amount: 52000,
      paymentId: 'PAY01JD3XK9',
      note: 'Lệ phí chứng thực bản sao',
    });
    const top = decodeTlv(payload)!;
    expect(top.map((field) => field.tag)).toEqual(['00', '01', '38', '53', '54', '58', '62', '63']);
    expect(top[0]!.value).toBe('01');
    expect(top[1]!.value).toBe('12');
    const merchant = decodeTlv(top[2]!.value)!;
    expect(merchant).toEqual([
      { tag: '00', value: 'A000000727' },
      { tag: '01', value: '000697043601101023456789' },
      { tag: '02', value: 'QRIBFTTA' },
    ]);
    expect(decodeTlv(merchant[1]!.value)).toEqual([
      { tag: '00', value: '970436' },
      { tag: '01', value: '1023456789' },
    ]);

    const parsed = parseVietQr(payload);
    expect(parsed).toEqual({
      ok: true,
      value: {
        pointOfInitiation: 'DYNAMIC',
        bankBin: '970436',
        accountNumber: '1023456789',
        serviceCode: 'QRIBFTTA',
        currency: '704',
        amount: 52000,
        countryCode: 'VN',
        purpose: 'PAY01JD3XK9 Le phi chung',
        crc: payload.slice(-4),
      },
    });
  });

  it('keeps the payment id whole and within 25 characters', () => {
    const payload = buildVietQrPayload({ bankBin: '970436', accountNumber: '1', amount: 1, paymentId: 'A'.repeat(25), note: 'dropped' });
    const parsed = parseVietQr(payload);
    expect(parsed.ok && parsed.value.purpose).toBe('A'.repeat(25));
    expect(() => buildVietQrPayload({ bankBin: '970436', accountNumber: '1', amount: 1, paymentId: 'A'.repeat(26) })).toThrow(RangeError);
    expect(() => buildVietQrPayload({ bankBin: '970436', accountNumber: '1', amount: 1, paymentId: 'pay/1' })).toThrow(RangeError);
  });

  it('refuses amounts and accounts a bank app would reject', () => {
    const base = { bankBin: '970436', accountNumber: '1023456789', amount: 52000, paymentId: 'P1' };
    expect(() => buildVietQrPayload({ ...base, amount: 0 })).toThrow(RangeError);
    expect(() => buildVietQrPayload({ ...base, amount: 1.5 })).toThrow(RangeError);
    expect(() => buildVietQrPayload({ ...base, bankBin: '97043' })).toThrow(RangeError);
    expect(() => buildVietQrPayload({ ...base, accountNumber: '1'.repeat(20) })).toThrow(RangeError);
  });
});

describe('parseVietQr', () => {
  it('reads the published payloads', () => {
    for (const payload of PUBLISHED) expect(parseVietQr(payload).ok).toBe(true);
    const napas = parseVietQr(PUBLISHED[1]!);
    expect(napas.ok && napas.value).toMatchObject({ bankBin: '970403', accountNumber: '9704031101234567', serviceCode: 'QRIBFTTC', amount: 180000, purpose: 'thanh toan don hang' });
  });

  it('refuses a payload whose CRC does not match', () => {
    const tampered = PUBLISHED[0]!.replace('54047000', '54047001');
    expect(parseVietQr(tampered)).toEqual({ ok: false, reason: 'CRC_MISMATCH' });
  });

  it('refuses text that is not TLV', () => {
    expect(parseVietQr('000201010212389')).toEqual({ ok: false, reason: 'MALFORMED_TLV' });
    expect(parseVietQr('hello')).toEqual({ ok: false, reason: 'MALFORMED_TLV' });
  });
});

describe('TLV helpers', () => {
  it('limits a value to 99 characters', () => {
    expect(encodeTlv('08', 'x'.repeat(99))).toHaveLength(103);
    expect(() => encodeTlv('08', 'x'.repeat(100))).toThrow(RangeError);
    expect(() => encodeTlv('8', 'x')).toThrow(RangeError);
  });

  it('strips diacritics and characters bank apps refuse from a purpose', () => {
    expect(sanitizeVietQrPurpose('  Đóng lệ phí: hồ sơ #12/2026 ')).toBe('Dong le phi ho so 12 2026');
  });
});
