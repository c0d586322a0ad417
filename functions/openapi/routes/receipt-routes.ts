import { receiptFormatQuerySchema, receiptLinkParamsSchema, receiptParamsSchema } from '../../receipts/receipt-schemas';
import type { JsonSchema, ResponseDoc, RouteDoc } from '../route-doc';
import { EXAMPLE } from './examples';

/** E-receipts (docs/RECEIPTS.md): staff and the portal by payment, the citizen by the link. */
const pdf: JsonSchema = { type: 'string', contentMediaType: 'application/pdf', contentEncoding: 'binary' };
const page: JsonSchema = { type: 'string', contentMediaType: 'text/html' };

const noStore = {
  'Cache-Control': { description: 'Always `private, no-store`: the link is the permission to read.', schema: { type: 'string' } },
  'X-Robots-Tag': { description: 'Always `noindex`.', schema: { type: 'string' } },
};

const receiptExample = {
  receiptNo: '0000123',
  templateCode: '01BLP0-001',
  series: 'TP-26E',
  issuedAt: '2026-01-10T09:05:14+07:00',
  collector: { name: 'UBND phường Tân Phong', taxCode: '3600123456' },
  payer: { name: 'Nguyễn Văn A' },
  paymentId: EXAMPLE.paymentId,
  agencyCode: EXAMPLE.agencyCode,
  dossierId: EXAMPLE.dossierId,
  procedureCode: EXAMPLE.procedureCode,
  lines: [{ feeCode: 'LP-CTBS', name: 'Phí chứng thực bản sao từ bản chính', kind: 'PHI', amount: 14000 }],
  amount: 14000,
  amountInWords: 'Mười bốn nghìn đồng',
  status: 'ISSUED',
  receiptUrl: 'https://api.thanhtoan.dongnai.gov.vn/receipts/Yq3v8kT2pW9sLm4xNc7bZa',
};

const receiptAnswer = (who: string): ResponseDoc => ({
  description: `The receipt: ${who}`,
  json: 'Receipt',
  example: receiptExample,
  content: { 'text/html': page, 'application/pdf': pdf },
  headers: {
    ...noStore,
    'Content-Disposition': { description: 'With the PDF: `inline; filename="bien-lai-<series>-<receiptNo>.pdf"`.', schema: { type: 'string' } },
  },
});

export const receiptRoutes: readonly RouteDoc[] = [
  {
    method: 'GET',
    path: '/v1/payments/{paymentId}/receipt',
    operationId: 'getPaymentReceipt',
    tag: 'E-receipts',
    summary: 'The e-receipt of a payment',
    description: [
      '`{paymentId}` is an online payment (`pay_…`) or a counter payment (`counter:<agency>:<receiptNo>`). The receipt is issued shortly after the payment succeeds (off a queue):',
      'until then a SUCCEEDED payment answers 409 RECEIPT_NOT_YET_ISSUED with `Retry-After`. `?format=` wins over the Accept header.',
    ].join(' '),
    auth: ['portal', 'finance', 'province'],
    params: receiptParamsSchema,
    query: receiptFormatQuerySchema,
    headers: [
      {
        name: 'Accept',
        required: false,
        description: '`application/json` (the default), `text/html` for the printable page, `application/pdf` for the PDF; `?format=` overrides it.',
        schema: { type: 'string' },
      },
    ],
    responses: { 200: receiptAnswer('JSON by default, the page or the PDF as asked.') },
    errors: {
      403: { codes: ['FORBIDDEN'], description: 'A receipt of an agency this token may not act for.' },
      404: { codes: ['NOT_FOUND'], description: 'No such payment.' },
      409: {
        codes: ['PAYMENT_NOT_PAID', 'RECEIPT_NOT_YET_ISSUED'],
        description: 'The payment has not succeeded; or it has and its receipt is being issued (retry after `Retry-After` seconds).',
        headers: { 'Retry-After': { description: 'With RECEIPT_NOT_YET_ISSUED: seconds to wait before asking again (5).', schema: { type: 'string' } } },
      },
    },
  },
  {
    method: 'GET',
    path: '/receipts/{token}',
    operationId: 'openReceiptLink',
    tag: 'E-receipts',
    summary: "The citizen's link to an e-receipt",
    description:
      'The `receiptUrl` of a payment or receipt: no token, holding the link is the permission to read that one receipt. The printable page by default; `/receipts/{token}.pdf` or `?format=pdf` gives the PDF (`Accept: application/json` or `?format=json` the JSON).',
    auth: 'public',
    params: receiptLinkParamsSchema,
    query: receiptFormatQuerySchema,
    responses: { 200: receiptAnswer('the page by default, the PDF with `.pdf` or `?format=pdf`.') },
    errors: { 404: { codes: ['NOT_FOUND'], description: 'No receipt has this link.' } },
  },
];
