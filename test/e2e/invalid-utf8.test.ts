// Proves bytes that are not UTF-8 are bad input over HTTP: a JSON body, a form or a settlement file with one gets 400 naming the field or line, and nothing is written.
import type { LocalStack } from '../../functions/local/local-stack';
import { startTestStack, tokenFor } from '../support/local-stack';
import { itemsWritten, ManualClock } from '../support/payments';

const clock = new ManualClock(new Date('2026-04-02T09:00:00+07:00'));
const DAY = '2026-04-01';

type ErrorBody = { error: { code: string; message: string; details: Array<{ path: string; message: string }> } };

/** A JSON text with a Latin-1 "ễ" (0xFF stands in for any byte that cannot start a UTF-8 sequence) in the payer's name. */
function paymentBodyWithBadName(dossierId: string): Buffer {
  const [before, after] = JSON.stringify({
    dossierId,
    procedureCode: 'CT-BANSAO',
    agencyCode: 'TRANBIEN',
    provider: 'mock-bank',
    inputs: { pages: 5, copies: 2 },
    payer: { name: 'Nguy@n Văn A' },
    returnUrl: 'https://dichvucong.dongnai.gov.vn/ho-so/return',
  }).split('@') as [string, string];
  return Buffer.concat([Buffer.from(before), Buffer.from([0xff]), Buffer.from(after)]);
}

describe('bytes that are not UTF-8', () => {
  let stack: LocalStack;
  let portal: string;
  let finance: string;
  beforeAll(async () => {
    stack = await startTestStack({ clock });
    portal = await tokenFor(stack, 'portal');
    finance = await tokenFor(stack, { sub: 'kt-tanphong', roles: ['finance'], agencies: ['*'] });
  });
  afterAll(async () => stack.stop());

  const written = () => itemsWritten(stack.dependencies.dynamoDb.doc, stack.config.TABLE_NAME);
  const createPayment = (body: Buffer | string, key: string) =>
    fetch(`${stack.url}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}`, 'idempotency-key': key },
      body,
    });

  it('in a JSON body: 400 naming the field, no payment, and the key is still free', async () => {
    const before = await written();
    const refused = await createPayment(paymentBodyWithBadName('HS-UTF8-1'), 'utf8-key-1');
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toEqual([{ path: 'payer.name', message: 'is not valid UTF-8' }]);
    expect(await written()).toEqual(before);

    // The same key with a good body makes a new payment: the refused request left no trace under it.
    const good = await createPayment(paymentBodyWithBadName('HS-UTF8-1').toString('utf8').replace('\uFFFD', 'ễ'), 'utf8-key-1');
    expect(good.status).toBe(201);
    expect(good.headers.get('idempotent-replayed')).toBeNull();
    const payment = (await good.json()) as { paymentId: string };
    const read = (await (await fetch(`${stack.url}/v1/payments/${payment.paymentId}`, { headers: { authorization: `Bearer ${portal}` } })).json()) as {
      payer?: { name: string };
    };
    expect(JSON.stringify(read)).not.toContain('\uFFFD');
  });

  it('in a mock-portal IPN form: 400 naming the field, nothing stored', async () => {
    const before = await written();
    const form = Buffer.concat([Buffer.from('pg_TxnRef=pay_1&pg_OrderInfo=Thanh+to'), Buffer.from([0xe1]), Buffer.from('n&pg_SecureHash=00')]);
    const response = await fetch(`${stack.url}/v1/callbacks/mock-portal`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.details).toEqual([{ path: 'pg_OrderInfo', message: 'is not valid UTF-8' }]);
    const percentEncoded = await fetch(`${stack.url}/v1/callbacks/mock-portal?pg_TxnRef=pay_1&pg_BankCode=NC%FF`);
    expect(percentEncoded.status).toBe(400);
    expect(((await percentEncoded.json()) as ErrorBody).error.details).toEqual([{ path: 'pg_BankCode', message: 'is not valid UTF-8' }]);
    expect(await written()).toEqual(before);
  });

  it('in the staff sign-in form: a Vietnamese 400 page naming the field, no cookie', async () => {
    const response = await fetch(`${stack.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.url },
      body: Buffer.concat([Buffer.from('password=x&username=ke'), Buffer.from([0xc3, 0x28])]),
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.text()).toContain('Trường “Tên đăng nhập” có ký tự không đọc được (không phải UTF-8)');
  });

  it('in a settlement file: 400 naming the line and column, and the day keeps its valid file', async () => {
    const upload = (csv: Buffer | string) =>
      fetch(`${stack.url}/v1/settlements/mock-bank/${DAY}`, { method: 'PUT', headers: { 'content-type': 'text/csv', authorization: `Bearer ${finance}` }, body: csv });
    const header = 'provider_txn_id,payment_id,amount,fee,status,paid_at\n';
    const valid = `${header}MB-1,pay_ok_1,14000,0,SUCCEEDED,2026-04-01T09:00:00+07:00\n`;
    const accepted = await upload(valid);
    expect(accepted.status).toBe(201);
    const { uploadId } = (await accepted.json()) as { uploadId: string };
    const before = await written();

    const bad = Buffer.concat([
      Buffer.from(`${valid}MB-2,pay_`),
      Buffer.from([0xff]),
      Buffer.from('2,14000,0,SUCCEEDED,2026-04-01T10:00:00+07:00\n'),
    ]);
    const refused = await upload(bad);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toEqual([{ path: 'line 3: payment_id', message: expect.stringContaining('is not valid UTF-8') }]);
    expect(await written()).toEqual(before);

    const day = (await (await fetch(`${stack.url}/v1/settlements/mock-bank/${DAY}`, { headers: { authorization: `Bearer ${finance}` } })).json()) as {
      current: { uploadId: string; rows: number };
    };
    expect(day.current).toMatchObject({ uploadId, rows: 1 });
  });
});
