import { formatVnd } from '../../domain/shared/money';
import type { PaymentPageRequest } from '../../domain/providers/payment-page-request';
import { htmlPage, type MockResponse } from './http';

/** The Vietnamese pages a citizen sees at a mock provider. No scripts: plain forms work everywhere. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** "10:15:00 ngày 22/11/2026" from an instant, read in Vietnam time. */
export function formatVietnamTime(instant: string): string {
  const shifted = new Date(Date.parse(instant) + 7 * 60 * 60 * 1000).toISOString();
  const [date, time] = [shifted.slice(0, 10), shifted.slice(11, 19)];
  const [year, month, day] = date.split('-');
  return `${time} ngày ${day}/${month}/${year}`;
}

function layout(title: string, providerName: string, content: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – ${escapeHtml(providerName)}</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f3f5f8; color: #1d2433; margin: 0; }
  main { max-width: 32rem; margin: 3rem auto; background: #fff; border-radius: 8px; padding: 2rem; box-shadow: 0 1px 4px #0002; }
  header { font-size: .9rem; color: #52607a; margin-bottom: 1rem; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: .5rem 1rem; }
  dt { color: #52607a; } dd { margin: 0; font-weight: 600; word-break: break-all; }
  .amount { font-size: 1.5rem; color: #0b5cad; }
  .actions { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: 1.5rem; }
  button { font-size: 1rem; padding: .6rem 1.2rem; border-radius: 6px; border: 1px solid #0b5cad; cursor: pointer; }
  .pay { background: #0b5cad; color: #fff; } .fail { background: #fff; color: #b3261e; border-color: #b3261e; }
  .cancel { background: #fff; color: #1d2433; border-color: #8a94a6; }
  .note { font-size: .85rem; color: #6b7487; margin-top: 1.5rem; }
  .error { color: #b3261e; }
</style>
</head>
<body><main>
<header>${escapeHtml(providerName)} · môi trường mô phỏng</header>
${content}
</main></body>
</html>
`;
}

export function paymentPage(input: {
  providerName: string;
  formAction: string;
  request: PaymentPageRequest;
  /** The signed parameters, carried unchanged from the link into the form POST. */
  signedParams: URLSearchParams;
}): MockResponse {
  const hidden = [...input.signedParams]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n  ');
  const { request } = input;
  const content = `<h1>Thanh toán phí, lệ phí</h1>
<dl>
  <dt>Mã thanh toán</dt><dd>${escapeHtml(request.paymentId)}</dd>
  <dt>Số tiền</dt><dd class="amount">${escapeHtml(formatVnd(request.amount))}</dd>
  <dt>Hết hạn lúc</dt><dd>${escapeHtml(formatVietnamTime(request.expiresAt))} (giờ Việt Nam)</dd>
</dl>
<form method="post" action="${escapeHtml(input.formAction)}">
  ${hidden}
  <div class="actions">
    <button class="pay" type="submit" name="action" value="pay">Thanh toán</button>
    <button class="fail" type="submit" name="action" value="fail">Thanh toán thất bại</button>
    <button class="cancel" type="submit" name="action" value="cancel">Hủy</button>
  </div>
</form>
<p class="note">Trang mô phỏng dùng cho phát triển và kiểm thử: không có tiền thật được chuyển.</p>`;
  return htmlPage(200, layout('Thanh toán', input.providerName, content));
}

export function errorPage(status: number, providerName: string, title: string, message: string): MockResponse {
  const content = `<h1 class="error">${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`;
  return htmlPage(status, layout(title, providerName, content));
}

export function messagePage(providerName: string, title: string, lines: string[]): MockResponse {
  const content = `<h1>${escapeHtml(title)}</h1>\n${lines.map((line) => `<p>${line}</p>`).join('\n')}`;
  return htmlPage(200, layout(title, providerName, content));
}
