// Proves mock-portal sends VNPAY-style signed IPNs the domain parser accepts, retries until RspCode 00/02, answers querydr, and receives the service's signed notifications.
import { buildMockPortalQueryRequest, parseMockPortalQueryResponse } from '../../../domain/providers/mock-portal-querydr';
import { parseMockPortalIpn } from '../../../domain/providers/mock-portal-ipn';
import { portalFieldsFrom, portalFieldsFromForm, verifyPortalFields } from '../../../domain/providers/mock-portal-protocol';
import { signServiceNotification } from '../../../domain/providers/service-notification-protocol';
import { aMockWorld, bodyText, NOTIFY_SECRET, PORTAL_SECRET, SERVICE } from './mock-world';

const rsp = (RspCode: string) => ({ status: 200, body: JSON.stringify({ RspCode, Message: '…' }) });

describe('mock-portal pay flow', () => {
  it('shows a Vietnamese payment page for a signed link and refuses a forged one', async () => {
    const world = aMockWorld();
    const page = await world.get(world.portalUrl('pay_01', 52000));
    expect(page.status).toBe(200);
    expect(bodyText(page)).toContain('52.000 ₫');
    expect(bodyText(page)).toContain('Nền tảng thanh toán Cổng Dịch vụ công');

    const forged = await world.get(world.portalUrl('pay_01', 52000).replace('pg_Amount=5200000', 'pg_Amount=100000'));
    expect(forged.status).toBe(400);
    const otherTerminal = await world.get(world.portalUrl('pay_01', 52000, 'OTHERTMN'));
    expect(otherTerminal.status).toBe(400);
  });

  it('posts exactly one form-encoded IPN that verifies and parses into the ledger payment', async () => {
    const world = aMockWorld();
    const response = await world.submit(world.portalUrl('pay_01'), 'pay');
    await world.mocks.whenIdle();

    expect(world.calls).toHaveLength(1);
    const call = world.calls[0]!;
    expect(call.url).toBe(`${SERVICE}/v1/callbacks/mock-portal`);
    expect(call.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    const read = portalFieldsFromForm(call.body);
    if (!read.ok) throw new Error(read.reason);
    expect(verifyPortalFields(read.fields, PORTAL_SECRET)).toMatchObject({ valid: true });
    const [entry] = world.mocks.portal.ledger.all();
    expect(parseMockPortalIpn(read.fields)).toMatchObject({
      ok: true,
      report: { provider: 'mock-portal', paymentId: 'pay_01', amount: 52000, status: 'SUCCEEDED', providerTxnId: entry!.providerTxnId, eventId: `${entry!.providerTxnId}:SUCCEEDED`, occurredAt: '2026-11-22T10:00:00+07:00' },
    });
    expect(read.fields.pg_PayDate).toBe('20261122100000');

    // The payer comes back with the same signed fields.
    const back = portalFieldsFrom(new URL(response.headers.Location!).searchParams);
    expect(response.status).toBe(303);
    expect(back.ok && verifyPortalFields(back.fields, PORTAL_SECRET)).toMatchObject({ valid: true });
    expect(back.ok && back.fields.pg_ResponseCode).toBe('00');
  });

  it('reports a failure with response code 51 and a cancellation only on the return URL', async () => {
    const world = aMockWorld();
    await world.submit(world.portalUrl('pay_01'), 'fail');
    const cancelled = await world.submit(world.portalUrl('pay_02'), 'cancel');
    await world.mocks.whenIdle();
    expect(world.calls).toHaveLength(1);
    const read = portalFieldsFromForm(world.calls[0]!.body);
    expect(read.ok && read.fields).toMatchObject({ pg_ResponseCode: '51', pg_TransactionStatus: '02', pg_TxnRef: 'pay_01' });
    expect(new URL(cancelled.headers.Location!).searchParams.get('pg_ResponseCode')).toBe('24');
  });

  it('retries on anything but RspCode 00 or 02, then stops', async () => {
    const answers = [{ status: 500, body: '' }, rsp('99'), rsp('97'), { status: 200, body: 'not json' }, rsp('02')];
    const world = aMockWorld({ answer: (_call, index) => answers[index]! });
    await world.submit(world.portalUrl('pay_01'), 'pay');
    await world.mocks.whenIdle();
    expect(world.calls).toHaveLength(5);
    expect(world.sleeps).toEqual([1000, 2000, 4000, 8000]);
    expect(world.mocks.portal.deliveries().at(-1)!.verdict).toBe('DELIVERED');
  });

  it('keeps retrying an 04 or 01 answer, within the attempt limit', async () => {
    const world = aMockWorld({ answer: () => rsp('04'), mocks: { retry: { maxAttempts: 3 } } });
    await world.submit(world.portalUrl('pay_01'), 'pay');
    await world.mocks.whenIdle();
    expect(world.calls).toHaveLength(3);
    expect(world.mocks.portal.deliveries().at(-1)!.verdict).toBe('GIVE_UP');
  });
});

describe('mock-portal querydr', () => {
  it('answers a signed query with the transaction, signed', async () => {
    const world = aMockWorld();
    await world.submit(world.portalUrl('pay_01'), 'pay');
    await world.mocks.whenIdle();
    const body = buildMockPortalQueryRequest({ paymentId: 'pay_01', tmnCode: 'MOCKPORTAL', requestId: 'q1', at: world.now(), secret: PORTAL_SECRET });
    const response = await world.post('/mock-portal/querydr', body);
    const [entry] = world.mocks.portal.ledger.all();
    expect(parseMockPortalQueryResponse(JSON.parse(bodyText(response)), PORTAL_SECRET)).toEqual({
      ok: true,
      found: true,
      report: { provider: 'mock-portal', eventId: `${entry!.providerTxnId}:SUCCEEDED`, providerTxnId: entry!.providerTxnId, paymentId: 'pay_01', amount: 52000, status: 'SUCCEEDED', occurredAt: '2026-11-22T10:00:00+07:00' },
    });
  });

  it('answers 91 for an unknown payment, 97 for a bad hash, and reports a failed attempt as FAILED', async () => {
    const world = aMockWorld();
    const ask = async (paymentId: string, secret = PORTAL_SECRET) =>
      JSON.parse(bodyText(await world.post('/mock-portal/querydr', buildMockPortalQueryRequest({ paymentId, tmnCode: 'MOCKPORTAL', requestId: 'q', at: world.now(), secret }))));
    expect(parseMockPortalQueryResponse(await ask('pay_09'), PORTAL_SECRET)).toEqual({ ok: true, found: false, paymentId: 'pay_09' });
    expect((await ask('pay_09', 'wrong')).pg_ResponseCode).toBe('97');
    await world.submit(world.portalUrl('pay_02'), 'cancel');
    expect(parseMockPortalQueryResponse(await ask('pay_02'), PORTAL_SECRET)).toMatchObject({ ok: true, found: true, report: { status: 'FAILED' } });
  });
});

describe('mock-portal notification receiver', () => {
  const notify = (world: ReturnType<typeof aMockWorld>, body: string, secret = NOTIFY_SECRET) =>
    world.post('/mock-portal/notifications', body, { 'content-type': 'application/json', 'x-service-signature': signServiceNotification(body, secret, world.now()) });

  it('records notifications signed with the service secret and lists them', async () => {
    const world = aMockWorld();
    const body = JSON.stringify({ type: 'PaymentSucceeded', eventId: 'ntf_1', paymentId: 'pay_01' });
    expect((await notify(world, body)).status).toBe(200);
    expect((await notify(world, body)).status).toBe(200);
    const listed = JSON.parse(bodyText(await world.get('/mock-portal/notifications')));
    expect(listed).toMatchObject({ count: 2, items: [{ eventId: 'ntf_1', duplicate: false, body: { paymentId: 'pay_01' } }, { duplicate: true }] });
  });

  it('refuses a notification with a bad or missing signature and records nothing', async () => {
    const world = aMockWorld();
    expect((await notify(world, '{"eventId":"x"}', 'guess')).status).toBe(401);
    expect((await world.post('/mock-portal/notifications', '{"eventId":"x"}')).status).toBe(401);
    const signedForOther = signServiceNotification('{"eventId":"y"}', NOTIFY_SECRET, world.now());
    expect((await world.post('/mock-portal/notifications', '{"eventId":"x"}', { 'X-Service-Signature': signedForOther })).status).toBe(401);
    expect(world.mocks.portal.notifications()).toHaveLength(0);
  });

  it('answers 500 the configured number of times, then takes notifications again', async () => {
    const world = aMockWorld();
    expect((await world.setFaults('mock-portal', { failNotifications: 2 })).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await notify(world, `{"eventId":"n${i}"}`)).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(world.mocks.portal.notifications()).toHaveLength(1);
    expect((await world.setFaults('mock-portal', { paymentId: 'pay_01', failNotifications: 1 })).status).toBe(400);
  });

  it('sets the notification outage without touching the callback switches', async () => {
    const world = aMockWorld();
    await world.setFaults('mock-portal', { drop: true });
    const listed = JSON.parse(bodyText(await world.setFaults('mock-portal', { failNotifications: 3 })));
    expect(listed).toEqual({ global: { drop: true }, payments: {}, failNotificationsLeft: 3 });
    const cleared = JSON.parse(bodyText(await world.post('/mock-portal/faults', '', {}, 'DELETE')));
    expect(cleared).toEqual({ global: {}, payments: {}, failNotificationsLeft: 0 });
  });
});

describe('mock-portal dossier page (the return URL)', () => {
  const notify = (world: ReturnType<typeof aMockWorld>, body: string) =>
    world.post('/mock-portal/notifications', body, { 'content-type': 'application/json', 'x-service-signature': signServiceNotification(body, NOTIFY_SECRET, world.now()) });

  it('shows the payer the outcome of the return parameters and the confirmation the portal received', async () => {
    const world = aMockWorld();
    const before = await world.get('/mock-portal/dossiers/HS-001?status=SUCCEEDED&paymentId=pay_01');
    expect(before.status).toBe(200);
    expect(bodyText(before)).toContain('Hồ sơ HS-001');
    expect(bodyText(before)).toContain('đã thanh toán thành công');
    expect(bodyText(before)).toContain('chưa nhận được xác nhận');

    await notify(world, JSON.stringify({ type: 'PaymentSucceeded', eventId: 'ntf_1', paymentId: 'pay_01', dossierId: 'HS-001', amount: 52000 }));
    await notify(world, JSON.stringify({ type: 'PaymentSucceeded', eventId: 'ntf_2', paymentId: 'pay_02', dossierId: 'HS-002', amount: 10000 }));
    const after = bodyText(await world.get('/mock-portal/dossiers/HS-001?pg_ResponseCode=00'));
    expect(after).toContain('Đã nhận xác nhận thanh toán pay_01');
    expect(after).not.toContain('pay_02');
  });

  it('says a cancelled or failed payment plainly and refuses a malformed dossier id', async () => {
    const world = aMockWorld();
    expect(bodyText(await world.get('/mock-portal/dossiers/HS-1?pg_ResponseCode=24'))).toContain('Bạn đã hủy thanh toán');
    expect(bodyText(await world.get('/mock-portal/dossiers/HS-1?status=FAILED'))).toContain('không thành công');
    expect((await world.get('/mock-portal/dossiers/%3Cscript%3E')).status).toBe(404);
  });
});
