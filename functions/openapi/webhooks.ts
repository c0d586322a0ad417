/**
 * The service's outgoing webhooks, as OpenAPI 3.1 `webhooks`: what the portal receives at
 * PORTAL_WEBHOOK_URL (functions/notifications/payment-notifications.ts). Refunds are not part of the
 * service yet, so there is no PaymentRefunded here; it joins this list when refunds do.
 */
export function serviceWebhooks(): Record<string, unknown> {
  return {
    PaymentSucceeded: {
      post: {
        operationId: 'paymentSucceededWebhook',
        tags: ['Payments'],
        summary: 'A payment was collected (sent to the portal)',
        description: [
          'POSTed to the portal\'s webhook URL once a payment\'s money is collected, after its e-receipt is issued.',
          'Delivery is at least once: a non-2xx answer or no answer within the timeout is retried with an exponential backoff (up to 15 minutes apart), then parked for operators. Keep the `eventId`s you processed and answer a repeat with 2xx.',
          '',
          '**Verifying the signature** (header `X-Service-Signature: t=<unix seconds>,v1=<hex>`):',
          '1. Read the raw body bytes before parsing them.',
          '2. Split the header on `,`; take `t` and every `v1`.',
          '3. Compute `hex(HMAC-SHA256(PORTAL_WEBHOOK_SECRET, t + "." + rawBody))`.',
          '4. Accept if it equals one of the `v1` values (compare in constant time) and `t` is within 300 seconds of your clock; otherwise answer 401 and ignore the body.',
          '',
          'In Node.js: `crypto.timingSafeEqual(Buffer.from(v1, "hex"), crypto.createHmac("sha256", secret).update(`${t}.`).update(rawBody).digest())`.',
        ].join('\n'),
        parameters: [
          {
            name: 'X-Service-Signature',
            in: 'header',
            required: true,
            description: '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`',
            schema: { type: 'string', pattern: '^t=\\d+(,v1=[0-9a-f]{64})+$' },
            example: 't=1768010712,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/PaymentSucceededEvent' },
              example: {
                type: 'PaymentSucceeded',
                eventId: 'PaymentSucceeded:pay_01JGZ8Q4W6R9T2Y5U8I1O3P7AB',
                paymentId: 'pay_01JGZ8Q4W6R9T2Y5U8I1O3P7AB',
                dossierId: 'HS-TANPHONG-2026-000123',
                procedureCode: 'CT-BANSAO',
                agencyCode: 'TANPHONG',
                provider: 'mock-bank',
                providerTxnId: 'MB20260110000123',
                amount: 14000,
                paidAt: '2026-01-10T09:05:12+07:00',
                businessDate: '2026-01-10',
                lateSuccess: false,
                receiptNo: '0000123',
                receiptUrl: 'https://api.thanhtoan.dongnai.gov.vn/receipts/Yq3v8kT2pW9sLm4xNc7bZa',
                eReceiptNo: '0000123',
              },
            },
          },
        },
        security: [{ serviceSignature: [] }],
        responses: {
          '2XX': { description: 'Received; the service records the portal as notified and does not send this event again.' },
          default: { description: 'Anything else (or no answer) is retried later.' },
        },
      },
    },
  };
}
