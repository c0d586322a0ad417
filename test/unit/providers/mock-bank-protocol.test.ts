// Proves mock-bank callbacks are accepted only with a fresh signature over the exact raw body, and parse into a ProviderPaymentReport.
import { createHmac } from 'node:crypto';
import {
  parseMockBankCallback,
  signMockBankBody,
  verifyMockBankSignature,
} from '../../../domain/providers/mock-bank-protocol';

const SECRET = 'bank-secret-2026';
const NOW = new Date('2026-11-22T03:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);

function aCallbackBody(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    eventId: 'evt_01',
    providerTxnId: 'MB2026112200001',
    paymentId: 'pay_01',
    amount: 52000,
    currency: 'VND',
    status: 'SUCCEEDED',
    occurredAt: '2026-11-22T09:59:59+07:00',
    bankCode: 'MOCKBANK',
    ...overrides,
  });
}

function v1(secret: string, t: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
}

const verify = (header: string | undefined, rawBody: string | Buffer = aCallbackBody(), secrets: string | string[] = SECRET, now = NOW) =>
  verifyMockBankSignature({ header, rawBody, secrets, now });

describe('verifyMockBankSignature', () => {
  it('accepts what signMockBankBody signed, as a string or as bytes', () => {
    const body = aCallbackBody();
    const header = signMockBankBody(body, SECRET, NOW);
    expect(header).toBe(`t=${T},v1=${v1(SECRET, T, body)}`);
    expect(verify(header, body)).toEqual({ valid: true, timestamp: T, secretIndex: 0 });
    expect(verify(header, Buffer.from(body))).toMatchObject({ valid: true });
  });

  it('refuses a signature made with another secret', () => {
    const body = aCallbackBody();
    expect(verify(signMockBankBody(body, 'someone-else', NOW), body)).toEqual({ valid: false, reason: 'SIGNATURE_MISMATCH' });
  });

  it('accepts any secret of a rotation list and says which one matched', () => {
    const body = aCallbackBody();
    const signedWithOld = signMockBankBody(body, 'old-secret', NOW);
    expect(verify(signedWithOld, body, [SECRET, 'old-secret'])).toEqual({ valid: true, timestamp: T, secretIndex: 1 });
  });

  it('accepts a header with several v1 entries when one of them matches', () => {
    const body = aCallbackBody();
    const header = `t=${T},v1=${v1('retired', T, body)},v1=${v1(SECRET, T, body)}`;
    expect(verify(header, body)).toMatchObject({ valid: true });
    // The sender's own rotation form: one v1 per secret.
    expect(verify(signMockBankBody(body, ['new-one', SECRET], NOW), body)).toMatchObject({ valid: true });
  });

  it('refuses a timestamp more than 300 s away, in either direction', () => {
    const body = aCallbackBody();
    for (const offset of [-301, 301]) {
      const t = T + offset;
      expect(verify(`t=${t},v1=${v1(SECRET, t, body)}`, body)).toEqual({ valid: false, reason: 'TIMESTAMP_OUT_OF_TOLERANCE' });
    }
    for (const offset of [-300, 300]) {
      const t = T + offset;
      expect(verify(`t=${t},v1=${v1(SECRET, t, body)}`, body)).toMatchObject({ valid: true });
    }
  });

  it('refuses a body changed by one byte', () => {
    const body = Buffer.from(aCallbackBody());
    const header = signMockBankBody(body, SECRET, NOW);
    const tampered = Buffer.from(body);
    tampered[tampered.indexOf('52000')] = '9'.charCodeAt(0);
    expect(verify(header, tampered)).toEqual({ valid: false, reason: 'SIGNATURE_MISMATCH' });
  });

  it('refuses a re-signed timestamp: t is part of what is signed', () => {
    const body = aCallbackBody();
    const old = T - 3600;
    const replayed = `t=${T},v1=${v1(SECRET, old, body)}`;
    expect(verify(replayed, body)).toEqual({ valid: false, reason: 'SIGNATURE_MISMATCH' });
  });

  it.each([
    [undefined, 'MISSING_HEADER'],
    ['', 'MISSING_HEADER'],
    [`v1=${'a'.repeat(64)}`, 'MISSING_TIMESTAMP'],
    [`t=${T}`, 'MISSING_SIGNATURE'],
    [`t=${T},v0=${'a'.repeat(64)}`, 'MISSING_SIGNATURE'],
    [`t=abc,v1=${'a'.repeat(64)}`, 'MALFORMED_HEADER'],
    [`t=-5,v1=${'a'.repeat(64)}`, 'MALFORMED_HEADER'],
    [`t=${T},t=${T},v1=${'a'.repeat(64)}`, 'MALFORMED_HEADER'],
    [`t=${T},v1=${'a'.repeat(63)}`, 'MALFORMED_HEADER'],
    [`t=${T},v1=${'g'.repeat(64)}`, 'MALFORMED_HEADER'],
    [`t=${T},v1=`, 'MALFORMED_HEADER'],
    [`t=${T},garbage`, 'MALFORMED_HEADER'],
    [`t=${T},${Array.from({ length: 9 }, () => `v1=${'a'.repeat(64)}`).join(',')}`, 'MALFORMED_HEADER'],
    [`t=${T},v1=${'a'.repeat(3000)}`, 'MALFORMED_HEADER'],
  ])('answers %j with %s, without throwing', (header, reason) => {
    expect(verify(header)).toEqual({ valid: false, reason });
  });

  it('tolerates spaces around entries and ignores unknown schemes', () => {
    const body = aCallbackBody();
    expect(verify(` t=${T} , v0=zz , v1=${v1(SECRET, T, body)} `, body)).toMatchObject({ valid: true });
  });

  it('fails loudly when no secret is configured', () => {
    expect(() => verify(signMockBankBody('x', SECRET, NOW), 'x', [])).toThrow(TypeError);
    expect(() => verify(signMockBankBody('x', SECRET, NOW), 'x', '')).toThrow(TypeError);
  });
});

describe('parseMockBankCallback', () => {
  it('turns a callback into a provider-neutral report written in +07:00', () => {
    const result = parseMockBankCallback(aCallbackBody({ occurredAt: '2026-11-22T16:59:59Z' }));
    expect(result).toEqual({
      ok: true,
      callback: expect.objectContaining({ bankCode: 'MOCKBANK', currency: 'VND' }),
      report: {
        provider: 'mock-bank',
        eventId: 'evt_01',
        providerTxnId: 'MB2026112200001',
        paymentId: 'pay_01',
        amount: 52000,
        status: 'SUCCEEDED',
        occurredAt: '2026-11-22T23:59:59+07:00',
      },
    });
  });

  it.each([
    [{ amount: 52000.5 }, 'amount'],
    [{ amount: '52000' }, 'amount'],
    [{ amount: 0 }, 'amount'],
    [{ currency: 'USD' }, 'currency'],
    [{ status: 'PENDING' }, 'status'],
    [{ occurredAt: '2026-11-22T09:59:59' }, 'occurredAt'],
    [{ paymentId: 'pay 01' }, 'paymentId'],
    [{ eventId: undefined }, 'eventId'],
  ])('names the field that is wrong: %j', (override, path) => {
    const result = parseMockBankCallback(aCallbackBody(override));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((issue) => issue.path)).toContain(path);
  });

  it('refuses text that is not JSON and bodies over the limit', () => {
    expect(parseMockBankCallback('{"eventId":')).toMatchObject({ ok: false, reason: 'INVALID_JSON' });
    expect(parseMockBankCallback(' '.repeat(17 * 1024))).toMatchObject({ ok: false, reason: 'BODY_TOO_LARGE' });
  });
});
