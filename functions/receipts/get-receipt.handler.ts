import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { config, dynamoDb, payments, tableName } from '../composition';
import { apiHandler } from '../http/api-handler';
import { forbidden, HttpError, notFound } from '../http/http-errors';
import { canActForAgency } from '../http/principal';
import { binary, json, text, type ApiResponse } from '../http/responses';
import { negotiateReceiptFormat, type ReceiptFormat } from './receipt-format';
import { receiptPage } from './receipt-html';
import { DynamoDbReceiptRepository, type StoredReceipt } from './receipt-repository';
import { receiptFormatQuerySchema, receiptLinkParamsSchema, receiptParamsSchema } from './receipt-schemas';
import { receiptUrlOf, receiptView } from './receipt-view';

/**
 * The e-receipt, two ways in:
 * - GET /v1/payments/{paymentId}/receipt — staff and the portal (the portal, or finance/province for
 *   their agencies): JSON, or the page (`Accept: text/html`) or the PDF (`Accept: application/pdf`).
 * - GET /receipts/{token} — the citizen's link, no bearer token: the page, or the PDF with
 *   `?format=pdf` or `/receipts/{token}.pdf`. An unknown token is a plain 404.
 */
const staff = apiHandler(
  { auth: ['portal', 'finance', 'province'], params: receiptParamsSchema, query: receiptFormatQuerySchema, uses: [config, dynamoDb, tableName, payments] },
  async ({ params, query, headers, principal }, deps) => {
    const receipts = new DynamoDbReceiptRepository(deps.dynamoDb.doc, deps.tableName);
    const receipt = await receipts.getByPayment(params.paymentId);
    if (receipt) {
      if (!canActForAgency(principal, receipt.agencyCode)) throw forbidden('This token may not read receipts of that agency.');
      return respond(receipt, negotiateReceiptFormat(headers.accept, query.format, 'json'), deps.config.publicBaseUrl);
    }
    const payment = params.paymentId.startsWith('pay_') ? await deps.payments.getPayment(params.paymentId) : undefined;
    if (!payment) throw notFound(`Payment ${params.paymentId}`);
    if (!canActForAgency(principal, payment.agencyCode)) throw forbidden('This token may not read receipts of that agency.');
    if (payment.status !== 'SUCCEEDED') throw new HttpError(409, 'PAYMENT_NOT_PAID', `Payment ${params.paymentId} is ${payment.status}: a receipt is issued only once it succeeds.`);
    // Paid, and the receipt is on its way off the payment-events queue.
    throw new HttpError(409, 'RECEIPT_NOT_YET_ISSUED', `The receipt of payment ${params.paymentId} is being issued; try again shortly.`, [], { 'retry-after': '5' });
  },
);

const citizen = apiHandler({ auth: 'public', params: receiptLinkParamsSchema, query: receiptFormatQuerySchema, uses: [config, dynamoDb, tableName] }, async ({ params, query, headers }, deps) => {
  const [token = '', suffix] = params.token.split('.');
  const receipt = await new DynamoDbReceiptRepository(deps.dynamoDb.doc, deps.tableName).getByLinkToken(token);
  if (!receipt) throw notFound('The receipt');
  const asked = suffix === 'pdf' ? 'pdf' : suffix === 'html' ? 'html' : query.format;
  // The link is for people: the page unless JSON or the PDF is asked for.
  return respond(receipt, negotiateReceiptFormat(headers.accept, asked, 'html'), deps.config.publicBaseUrl);
});

async function respond(receipt: StoredReceipt, format: ReceiptFormat, publicBaseUrl: string): Promise<ApiResponse> {
  // The link token is the permission to read: neither page nor PDF is kept by shared caches.
  const noStore = { 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' };
  if (format === 'json') return json(200, receiptView(receipt, publicBaseUrl), noStore);
  if (format === 'html') {
    return text(200, receiptPage(receipt, { pdfUrl: `${receiptUrlOf(receipt.linkToken, publicBaseUrl)}.pdf` }), 'text/html; charset=utf-8', noStore);
  }
  const filename = `bien-lai-${receipt.series}-${receipt.receiptNo}.pdf`;
  // Loaded on the first PDF asked for: pdfkit and its font engine take longer to load than the rest of
  // the function, and the JSON and the page a citizen opens first never need them.
  const { receiptPdf } = await import('./receipt-pdf');
  return binary(200, await receiptPdf(receipt), 'application/pdf', { ...noStore, 'content-disposition': `inline; filename="${filename}"` });
}

export const handler = (event: APIGatewayProxyEventV2, context: Context): Promise<ApiResponse> =>
  event.pathParameters?.token !== undefined ? citizen(event, context) : staff(event, context);
