// Proves a paid payment gets an e-receipt over HTTP: JSON, a Vietnamese page and a PDF for staff, a link the citizen opens without a token, consecutive numbers, the portal told the number and link, a counter payment's receipt, and refusals for other agencies, unknown and unpaid payments.
import type { LocalStack } from '../../functions/local/local-stack';
import { startTestStack, tokenFor } from '../support/local-stack';
import { ManualClock } from '../support/payments';
import { actOnPaymentPage, portalNotifications, settle } from '../support/providers';

const clock = new ManualClock(new Date('2026-06-02T09:30:00+07:00'));

type PaymentBody = { paymentId: string; status: string; paymentUrl: string; eReceiptNo?: string; receiptUrl?: string };
type ReceiptBody = {
  receiptNo: string;
  templateCode: string;
  series: string;
  issuedAt: string;
  collector: { name: string; taxCode: string };
  payer: { name: string };
  dossierId: string;
  procedureCode: string;
  lines: Array<{ feeCode: string; name: string; kind: string; amount: number }>;
  amount: number;
  amountInWords: string;
  status: string;
  receiptUrl: string;
};

describe('e-receipts over HTTP', () => {
  let stack: LocalStack;
  let portal: string;
  let sequence = 0;

  beforeAll(async () => {
    stack = await startTestStack({ clock, env: { NOTIFY_BACKOFF_BASE_SECONDS: '0.05' } });
    portal = await tokenFor(stack, 'portal');
  });
  afterAll(async () => stack.stop());

  async function createPayment(payerName = 'Trần Thị Bích Ngọc'): Promise<PaymentBody> {
    const response = await fetch(`${stack.url}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}`, 'idempotency-key': `rc-${++sequence}` },
      body: JSON.stringify({
        dossierId: `HS-RC-${sequence}`,
        procedureCode: 'LLTP-CAP',
        agencyCode: 'STP',
        provider: 'mock-bank',
        inputs: {},
        payer: { name: payerName },
        returnUrl: 'https://dichvucong.dongnai.gov.vn/ho-so/return',
      }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as PaymentBody;
  }
  async function paidPayment(payerName?: string): Promise<PaymentBody> {
    const payment = await createPayment(payerName);
    expect((await actOnPaymentPage(payment.paymentUrl, 'pay')).status).toBe(303);
    await settle(stack);
    return (await (await fetch(`${stack.url}/v1/payments/${payment.paymentId}`, { headers: { authorization: `Bearer ${portal}` } })).json()) as PaymentBody;
  }
  const getReceipt = (paymentId: string, token: string, accept = 'application/json') =>
    fetch(`${stack.url}/v1/payments/${encodeURIComponent(paymentId)}/receipt`, { headers: { authorization: `Bearer ${token}`, accept } });

  it('issues a receipt with the contract fields, the amount in words and the collector from the catalog, and tells the portal its number and link', async () => {
    const paid = await paidPayment();

    const response = await getReceipt(paid.paymentId, portal);
    expect(response.status).toBe(200);
    const receipt = (await response.json()) as ReceiptBody;
    expect(receipt).toMatchObject({
      templateCode: '01BLP0-001',
      series: 'TP-26E',
      collector: { name: 'Sở Tư pháp', taxCode: '3600100101' },
      payer: { name: 'Trần Thị Bích Ngọc' },
      dossierId: `HS-RC-${sequence}`,
      procedureCode: 'LLTP-CAP',
      lines: [{ feeCode: 'P-LLTP', name: 'Phí cung cấp thông tin lý lịch tư pháp', kind: 'PHI', amount: 200_000 }],
      amount: 200_000,
      amountInWords: 'Hai trăm nghìn đồng',
      status: 'ISSUED',
    });
    expect(receipt.receiptNo).toMatch(/^\d{7}$/);
    expect(receipt.issuedAt).toMatch(/^2026-06-02T09:30:00(\.000)?\+07:00$/);
    expect(paid.eReceiptNo).toBe(receipt.receiptNo);
    expect(paid.receiptUrl).toBe(receipt.receiptUrl);
    expect(receipt.receiptUrl).toMatch(new RegExp(`^${stack.url}/receipts/[A-Za-z0-9_-]{22}$`));

    const notified = (await portalNotifications(stack)).find((n) => n.paymentId === paid.paymentId) as unknown as { receiptNo: string; receiptUrl: string };
    expect(notified).toMatchObject({ receiptNo: receipt.receiptNo, receiptUrl: receipt.receiptUrl });
  });

  it('numbers the receipts of one series consecutively', async () => {
    const first = await paidPayment();
    const second = await paidPayment();
    expect(Number(second.eReceiptNo)).toBe(Number(first.eReceiptNo) + 1);
  });

  it('serves the printable Vietnamese page and the PDF to staff by Accept, escaping the payer name', async () => {
    const paid = await paidPayment('Lê Văn <script>alert(1)</script> Đức');

    const page = await getReceipt(paid.paymentId, portal, 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await page.text();
    for (const expected of ['BIÊN LAI THU PHÍ, LỆ PHÍ', 'Mẫu số: 01BLP0-001', 'Ký hiệu: TP-26E', `Số: <strong>${paid.eReceiptNo}</strong>`, 'Ngày lập:', '02/06/2026 09:30', '200.000', 'Hai trăm nghìn đồng', 'Lê Văn &lt;script&gt;alert(1)&lt;/script&gt; Đức', '@page { size: A5']) {
      expect([expected, text.includes(expected)]).toEqual([expected, true]);
    }
    expect(text).not.toContain('<script>');

    const pdf = await getReceipt(paid.paymentId, portal, 'application/pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The Vietnamese-capable font is embedded (as a subset).
    expect(bytes.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans/);
  });

  it('opens the receipt link without a token: the page, the PDF by ?format=pdf or .pdf, and 404 for a guessed token', async () => {
    const paid = await paidPayment();
    const url = paid.receiptUrl!;

    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`Số: <strong>${paid.eReceiptNo}</strong>`);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    for (const pdfUrl of [`${url}?format=pdf`, `${url}.pdf`]) {
      const pdf = await fetch(pdfUrl);
      expect([pdfUrl, pdf.status, pdf.headers.get('content-type')]).toEqual([pdfUrl, 200, 'application/pdf']);
    }
    expect((await fetch(`${stack.url}/receipts/AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    expect((await fetch(`${stack.url}/receipts/short`)).status).toBe(400);
  });

  it('lets finance read the receipts of its agencies only, and answers 404 for an unknown payment and 409 PAYMENT_NOT_PAID before the payment succeeds', async () => {
    const paid = await paidPayment();
    const ownFinance = await tokenFor(stack, { sub: 'ke-toan-stp', roles: ['finance'], agencies: ['STP'] });
    const otherFinance = await tokenFor(stack, { sub: 'ke-toan-syt', roles: ['finance'], agencies: ['SYT'] });

    expect((await getReceipt(paid.paymentId, ownFinance)).status).toBe(200);
    const refused = await getReceipt(paid.paymentId, otherFinance);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');

    const unknown = await getReceipt('pay_01JD0000000000000000000000'.slice(0, 25), portal);
    expect(unknown.status).toBe(404);

    const pending = await createPayment();
    const notPaid = await getReceipt(pending.paymentId, portal);
    expect(notPaid.status).toBe(409);
    expect(((await notPaid.json()) as { error: { code: string } }).error.code).toBe('PAYMENT_NOT_PAID');
    expect((await getReceipt(pending.paymentId, otherFinance)).status).toBe(403);
  });

  it('issues a receipt for a counter payment, in the series of its agency', async () => {
    const finance = await tokenFor(stack, { sub: 'ke-toan-stp', roles: ['finance'], agencies: ['STP'] });
    const receiptNo = `Q-${Math.random().toString(36).slice(2, 8)}`;
    const recorded = await fetch(`${stack.url}/v1/offline-payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${finance}` },
      body: JSON.stringify({ dossierId: `HS-QUAY-${receiptNo}`, procedureCode: 'LLTP-CAP', agencyCode: 'STP', amount: 200_000, method: 'CASH', paidAt: '2026-06-02T09:00:00+07:00', receiptNo, payer: { name: 'Phạm Văn Sáu' } }),
    });
    expect(recorded.status).toBe(201);
    await settle(stack);

    const response = await getReceipt(`counter:STP:${receiptNo}`, finance);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      series: 'TP-26E',
      payer: { name: 'Phạm Văn Sáu' },
      lines: [{ feeCode: 'P-LLTP', kind: 'PHI', amount: 200_000 }],
      amountInWords: 'Hai trăm nghìn đồng',
      status: 'ISSUED',
    });
  });
});
