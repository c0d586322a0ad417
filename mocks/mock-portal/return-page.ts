import { PORTAL_RESPONSE_CODE } from '../../domain/providers/mock-portal-protocol';
import { htmlPage, type MockRequest, type MockResponse } from '../shared/http';
import { escapeHtml } from '../shared/page';
import type { ReceivedNotification } from './notification-receiver';

/**
 * The portal's dossier page, where a provider sends the citizen back after paying
 * (`returnUrl: <base>/mock-portal/dossiers/<dossierId>`), so a local run ends on a page rather than on
 * an unreachable government site. It reads the outcome from the return parameters of either mock
 * (mock-bank's `status`, mock-portal's `pg_ResponseCode`) and lists the PaymentSucceeded notifications
 * the portal has received for the dossier: the parameters only say what the payer did, the
 * notification is what the portal trusts.
 */
const DOSSIER_ID = /^[A-Za-z0-9._-]{1,64}$/;

function outcomeOf(query: URLSearchParams): string {
  const bankStatus = query.get('status');
  const portalCode = query.get('pg_ResponseCode');
  if (bankStatus === 'SUCCEEDED' || portalCode === PORTAL_RESPONSE_CODE.SUCCESS) return 'Nhà cung cấp báo đã thanh toán thành công.';
  if (bankStatus === 'CANCELLED' || portalCode === PORTAL_RESPONSE_CODE.CANCELLED_BY_PAYER) return 'Bạn đã hủy thanh toán.';
  if (bankStatus !== null || portalCode !== null) return 'Thanh toán không thành công. Bạn có thể thử lại từ hồ sơ.';
  return 'Chưa có kết quả thanh toán từ nhà cung cấp.';
}

function notificationsFor(dossierId: string, received: readonly ReceivedNotification[]): string[] {
  return received.flatMap((notification) => {
    const body = notification.body as { dossierId?: unknown; paymentId?: unknown; amount?: unknown } | null;
    if (notification.duplicate || typeof body !== 'object' || body === null || body.dossierId !== dossierId) return [];
    const amount = typeof body.amount === 'number' ? `${body.amount.toLocaleString('vi-VN')} đồng` : '';
    return [`Đã nhận xác nhận thanh toán ${escapeHtml(String(body.paymentId))} ${escapeHtml(amount)}`];
  });
}

export function dossierReturnPage(req: MockRequest, dossierId: string, received: readonly ReceivedNotification[]): MockResponse {
  if (!DOSSIER_ID.test(dossierId)) return htmlPage(404, page('Không tìm thấy hồ sơ', '<p>Mã hồ sơ không hợp lệ.</p>'));
  const confirmed = notificationsFor(dossierId, received);
  const confirmations = confirmed.length > 0
    ? `<ul>${confirmed.map((line) => `<li>${line}</li>`).join('')}</ul>`
    : '<p>Cổng chưa nhận được xác nhận thanh toán từ hệ thống thu phí (có thể mất vài giây; tải lại trang).</p>';
  return htmlPage(200, page(`Hồ sơ ${escapeHtml(dossierId)}`, `<p>${outcomeOf(req.query)}</p>\n<h2>Xác nhận của hệ thống thu phí</h2>\n${confirmations}`));
}

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Cổng Dịch vụ công (mô phỏng)</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1d2433}h2{font-size:1.1rem}</style>
</head>
<body><main>
<p>Cổng Dịch vụ công tỉnh · môi trường mô phỏng</p>
<h1>${title}</h1>
${content}
</main></body>
</html>
`;
}
