// Proves each fault switch makes the mocks misbehave exactly as named, per payment or globally, and can be listed and cleared over HTTP.
import { parseMockBankCallback, verifyMockBankSignature } from '../../../domain/providers/mock-bank-protocol';
import { parseMockPortalIpn } from '../../../domain/providers/mock-portal-ipn';
import { portalFieldsFromForm, verifyPortalFields } from '../../../domain/providers/mock-portal-protocol';
import { aMockWorld, BANK_SECRET, bodyText, PORTAL_SECRET } from './mock-world';

async function payAtBank(world: ReturnType<typeof aMockWorld>, paymentId: string, amount = 52000) {
  await world.submit(world.bankUrl(paymentId, amount), 'pay');
  await world.mocks.whenIdle();
}

const reportsOf = (world: ReturnType<typeof aMockWorld>) =>
  world.calls.map((call) => {
    const parsed = parseMockBankCallback(call.body);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.report;
  });

describe('fault switches over HTTP', () => {
  it('lists, sets per payment and globally, and clears', async () => {
    const world = aMockWorld();
    await world.setFaults('mock-bank', { drop: true });
    const set = await world.setFaults('mock-bank', { paymentId: 'pay_01', duplicate: 2 });
    expect(JSON.parse(bodyText(set))).toEqual({ global: { drop: true }, payments: { pay_01: { duplicate: 2 } } });
    expect(JSON.parse(bodyText(await world.get('/mock-bank/faults')))).toEqual({ global: { drop: true }, payments: { pay_01: { duplicate: 2 } } });

    const cleared = await world.post('/mock-bank/faults?paymentId=pay_01', '', {}, 'DELETE');
    expect(JSON.parse(bodyText(cleared))).toEqual({ global: { drop: true }, payments: {} });
    const all = await world.post('/mock-bank/faults', '', {}, 'DELETE');
    expect(JSON.parse(bodyText(all))).toEqual({ global: {}, payments: {} });
  });

  it('refuses unknown switches and out-of-range values, naming the field', async () => {
    const world = aMockWorld();
    const typo = await world.setFaults('mock-bank', { dorp: true });
    expect(typo.status).toBe(400);
    expect(bodyText(typo)).toContain('dorp');
    const tooMany = await world.setFaults('mock-bank', { duplicate: 11 });
    expect(JSON.parse(bodyText(tooMany))).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ path: 'duplicate' }] } });
    expect((await world.setFaults('mock-bank', { alterAmount: 0.5 })).status).toBe(400);
    expect((await world.setFaults('mock-bank', { failNotifications: 1 })).status).toBe(400);
    expect((await world.post('/mock-bank/faults', '{not json')).status).toBe(400);
    expect((await world.post('/mock-bank/faults', JSON.stringify({ drop: true, pad: 'x'.repeat(5000) }))).status).toBe(413);
  });

  it('lets a payment switch win over the global one, field by field', async () => {
    const world = aMockWorld();
    await world.setFaults('mock-bank', { drop: true, alterAmount: 5 });
    await world.setFaults('mock-bank', { paymentId: 'pay_02', drop: false });
    await payAtBank(world, 'pay_01');
    await payAtBank(world, 'pay_02');
    expect(reportsOf(world)).toMatchObject([{ paymentId: 'pay_02', amount: 52005 }]);
  });
});

describe('callback faults', () => {
  it('drop: no callback, but the payment is in the ledger', async () => {
    const world = aMockWorld();
    await world.setFaults('mock-bank', { paymentId: 'pay_01', drop: true });
    await payAtBank(world, 'pay_01');
    expect(world.calls).toHaveLength(0);
    expect(world.mocks.bank.ledger.all()).toMatchObject([{ paymentId: 'pay_01', status: 'SUCCEEDED' }]);
  });

  it('duplicate: the same event delivered N times', async () => {
    const world = aMockWorld();
    await world.setFaults('mock-bank', { duplicate: 3 });
    await payAtBank(world, 'pay_01');
    const reports = reportsOf(world);
    expect(reports).toHaveLength(3);
    expect(new Set(reports.map((report) => report.eventId)).size).toBe(1);
  });

  it('delayMs: waits before the first delivery', async () => {
    const world = aMockWorld();
    await world.setFaults('mock-bank', { delayMs: 45_000 });
    await payAtBank(world, 'pay_01');
    expect(world.sleeps).toEqual([45_000]);
    expect(world.calls).toHaveLength(1);
  });

  it('failedAfterSucceeded: a FAILED event for the same transaction follows the success', async () => {
    const world = aMockWorld();
    await world.setFaults('mock-bank', { failedAfterSucceeded: true });
    await payAtBank(world, 'pay_01');
    const [succeeded, failed] = reportsOf(world);
    expect(succeeded).toMatchObject({ status: 'SUCCEEDED' });
    expect(failed).toMatchObject({ status: 'FAILED', providerTxnId: succeeded!.providerTxnId });
    expect(failed!.eventId).not.toBe(succeeded!.eventId);
    expect(world.mocks.bank.ledger.all()).toMatchObject([{ status: 'SUCCEEDED' }]);
  });

  it('failedAfterSucceeded on the portal: the FAILED IPN carries the same pg_TransactionNo', async () => {
    const world = aMockWorld();
    await world.setFaults('mock-portal', { failedAfterSucceeded: true });
    await world.submit(world.portalUrl('pay_01'), 'pay');
    await world.mocks.whenIdle();
    const reports = world.calls.map((call) => {
      const read = portalFieldsFromForm(call.body);
      const parsed = read.ok ? parseMockPortalIpn(read.fields) : undefined;
      return parsed?.ok ? parsed.report : undefined;
    });
    expect(reports).toMatchObject([{ status: 'SUCCEEDED' }, { status: 'FAILED', providerTxnId: reports[0]!.providerTxnId }]);
  });

  it('alterAmount: the callback and the ledger carry the amount plus the delta', async () => {
    const world = aMockWorld();
    await world.setFaults('mock-bank', { paymentId: 'pay_01', alterAmount: -2000 });
    await payAtBank(world, 'pay_01', 52000);
    expect(reportsOf(world)).toMatchObject([{ amount: 50000 }]);
    expect(world.mocks.bank.ledger.all()).toMatchObject([{ requestedAmount: 52000, amount: 50000 }]);
  });

  it('alterAmount on the portal: pg_Amount is altered and stays a multiple of 100', async () => {
    const world = aMockWorld();
    await world.setFaults('mock-portal', { alterAmount: 1000 });
    await world.submit(world.portalUrl('pay_01', 52000), 'pay');
    await world.mocks.whenIdle();
    const read = portalFieldsFromForm(world.calls[0]!.body);
    expect(read.ok && read.fields.pg_Amount).toBe('5300000');
  });

  it('wrongSecret: the callback fails verification with the real secret', async () => {
    const world = aMockWorld({ answer: () => ({ status: 401, body: '{"error":{"code":"INVALID_SIGNATURE"}}' }) });
    await world.setFaults('mock-bank', { wrongSecret: true });
    await payAtBank(world, 'pay_01');
    const call = world.calls[0]!;
    const verified = verifyMockBankSignature({ header: call.headers['X-MockBank-Signature'], rawBody: call.body, secrets: BANK_SECRET, now: world.now() });
    expect(verified).toEqual({ valid: false, reason: 'SIGNATURE_MISMATCH' });

    await world.setFaults('mock-portal', { wrongSecret: true });
    await world.submit(world.portalUrl('pay_02'), 'pay');
    await world.mocks.whenIdle();
    const ipn = portalFieldsFromForm(world.calls.at(-1)!.body);
    expect(ipn.ok && verifyPortalFields(ipn.fields, PORTAL_SECRET)).toEqual({ valid: false, reason: 'SIGNATURE_MISMATCH' });
  });
});
