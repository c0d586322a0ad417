/** Example values in the document, from a Đồng Nai commune's day: one dossier, one payment, one run. */
export const EXAMPLE = {
  paymentId: 'pay_01JGZ8Q4W6R9T2Y5U8I1O3P7AB',
  dossierId: 'HS-TANPHONG-2026-000123',
  procedureCode: 'CT-BANSAO',
  agencyCode: 'TANPHONG',
  runId: 'rec_01JH2K3M4N5P6Q7R8S9T0V1W2X',
  discrepancyId: 'dsc_Ab3dE6gH9jK2mN5pQ8sT',
  businessDate: '2026-01-10',
  requestId: '5f0c6b2e-8d1a-4c3e-9b7f-2a6d4e8c1f03',
} as const;

export const exampleQuoteLine = {
  feeCode: 'LP-CTBS',
  name: 'Phí chứng thực bản sao từ bản chính',
  kind: 'PHI',
  amount: 14000,
  explanation: '2 trang × 2.000 ₫ + 3 trang × 1.000 ₫ = 7.000 ₫ mỗi bản, × 2 bản = 14.000 ₫',
} as const;

export const examplePayment = {
  paymentId: EXAMPLE.paymentId,
  status: 'PENDING',
  amount: 14000,
  currency: 'VND',
  lines: [exampleQuoteLine],
  provider: 'mock-bank',
  paymentUrl: `https://api.thanhtoan.dongnai.gov.vn/mock-bank/pay/${EXAMPLE.paymentId}?amount=14000&sig=…`,
  vietQr: '00020101021238570010A000000727012700069704220113VQRQ0000123450208QRIBFTTA53037045405140005802VN62270823HS-TANPHONG-2026-0001236304ABCD',
  expiresAt: '2026-01-10T09:15:00+07:00',
  createdAt: '2026-01-10T09:00:00+07:00',
  updatedAt: '2026-01-10T09:00:00+07:00',
  dossierId: EXAMPLE.dossierId,
  procedureCode: EXAMPLE.procedureCode,
  agencyCode: EXAMPLE.agencyCode,
  feeScheduleDate: '2026-01-10',
  returnUrl: 'https://dichvucong.dongnai.gov.vn/ho-so/return',
  refundSummary: { status: 'PENDING', amountAvailable: 0, amountRefunded: 0, amountSubmitted: 0 },
} as const;

export const exampleError = (code: string, message: string, details: Array<{ path: string; message: string }> = []) => ({
  error: { code, message, details, requestId: EXAMPLE.requestId },
});
