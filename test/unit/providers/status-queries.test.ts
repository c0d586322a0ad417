// Proves the status answers the mop-up job reads (mock-bank payments query, mock-portal querydr) verify and parse into reports.
import { parseMockBankStatusResponse, signMockBankStatusQuery, mockBankStatusQueryText } from '../../../domain/providers/mock-bank-status-query';
import { verifyMockBankSignature } from '../../../domain/providers/mock-bank-protocol';
import { buildMockPortalQueryRequest, parseMockPortalQueryResponse } from '../../../domain/providers/mock-portal-querydr';
import { portalFieldsFromForm, verifyPortalFields, withPortalSecureHash } from '../../../domain/providers/mock-portal-protocol';
import { signServiceNotification, verifyServiceNotification } from '../../../domain/providers/service-notification-protocol';

const NOW = new Date('2026-11-22T03:00:00Z');

describe('mock-bank status query', () => {
  it('signs the query over its path', () => {
    const header = signMockBankStatusQuery('pay_01', 'bank-secret', NOW);
    const verified = verifyMockBankSignature({ header, rawBody: mockBankStatusQueryText('pay_01'), secrets: 'bank-secret', now: NOW });
    expect(verified.valid).toBe(true);
    expect(verifyMockBankSignature({ header, rawBody: mockBankStatusQueryText('pay_02'), secrets: 'bank-secret', now: NOW }).valid).toBe(false);
  });

  it('reads found, cancelled and not-found answers', () => {
    const found = {
      found: true,
      eventId: 'evt_1',
      providerTxnId: 'MB1',
      paymentId: 'pay_01',
      amount: 52000,
      currency: 'VND',
      status: 'SUCCEEDED',
      occurredAt: '2026-11-22T10:00:00+07:00',
      bankCode: 'MOCKBANK',
    };
    expect(parseMockBankStatusResponse(JSON.stringify(found))).toEqual({
      ok: true,
      found: true,
      providerStatus: 'SUCCEEDED',
      report: { provider: 'mock-bank', eventId: 'evt_1', providerTxnId: 'MB1', paymentId: 'pay_01', amount: 52000, status: 'SUCCEEDED', occurredAt: '2026-11-22T10:00:00+07:00' },
    });
    const cancelled = parseMockBankStatusResponse(JSON.stringify({ ...found, status: 'CANCELLED' }));
    expect(cancelled).toMatchObject({ ok: true, found: true, providerStatus: 'CANCELLED', report: { status: 'FAILED' } });
    expect(parseMockBankStatusResponse('{"found":false,"paymentId":"pay_09"}')).toEqual({ ok: true, found: false, paymentId: 'pay_09' });
    expect(parseMockBankStatusResponse('{"found":true}')).toMatchObject({ ok: false, reason: 'INVALID_FIELDS' });
  });
});

describe('mock-portal querydr', () => {
  it('builds a signed form request', () => {
    const body = buildMockPortalQueryRequest({ paymentId: 'pay_01', tmnCode: 'MOCKPORTAL', requestId: 'q1', at: NOW, secret: 'portal-secret' });
    const read = portalFieldsFromForm(body);
    expect(read.ok && read.fields).toMatchObject({ pg_TxnRef: 'pay_01', pg_CreateDate: '20261122100000', pg_RequestId: 'q1' });
    expect(read.ok && verifyPortalFields(read.fields, 'portal-secret')).toMatchObject({ valid: true });
  });

  it('reads a found transaction, a not-found answer, and refuses an unsigned one', () => {
    const found = withPortalSecureHash(
      {
        pg_ResponseCode: '00',
        pg_Message: 'Found',
        pg_TmnCode: 'MOCKPORTAL',
        pg_TxnRef: 'pay_01',
        pg_Amount: '5200000',
        pg_TransactionNo: '14123456',
        pg_TransactionStatus: '00',
        pg_PayDate: '20261122235959',
        pg_BankCode: 'NCB',
      },
      'portal-secret',
    );
    expect(parseMockPortalQueryResponse(found, 'portal-secret')).toMatchObject({
      ok: true,
      found: true,
      report: { status: 'SUCCEEDED', amount: 52000, occurredAt: '2026-11-22T23:59:59+07:00', eventId: '14123456:SUCCEEDED' },
    });
    const failed = withPortalSecureHash({ ...found, pg_TransactionStatus: '02' }, 'portal-secret');
    expect(parseMockPortalQueryResponse(failed, 'portal-secret')).toMatchObject({ ok: true, found: true, report: { status: 'FAILED' } });
    const missing = withPortalSecureHash({ pg_ResponseCode: '91', pg_Message: 'Not found', pg_TxnRef: 'pay_09' }, 'portal-secret');
    expect(parseMockPortalQueryResponse(missing, 'portal-secret')).toEqual({ ok: true, found: false, paymentId: 'pay_09' });
    expect(parseMockPortalQueryResponse({ ...found, pg_Amount: '1' }, 'portal-secret')).toMatchObject({ ok: false, reason: 'INVALID_SIGNATURE' });
    expect(parseMockPortalQueryResponse('nope', 'portal-secret')).toMatchObject({ ok: false, reason: 'INVALID_FIELDS' });
  });
});

describe('service notification signature', () => {
  it('uses the mock-bank scheme under the service header', () => {
    const body = '{"type":"PaymentSucceeded"}';
    const header = signServiceNotification(body, 'notify-secret', NOW);
    expect(verifyServiceNotification({ header, rawBody: body, secrets: 'notify-secret', now: NOW })).toMatchObject({ valid: true });
    expect(verifyMockBankSignature({ header, rawBody: body, secrets: 'notify-secret', now: NOW })).toMatchObject({ valid: true });
  });
});
