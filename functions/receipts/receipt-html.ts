import type { Receipt } from '../../domain/receipts/receipt';
import { html, trusted, type SafeHtml } from '../http/html';
import { formatAmount, formatVietnamDateTime, KIND_LABELS, LABELS } from './receipt-text';

/**
 * The printable e-receipt: one Vietnamese page that prints on A5 (or A4) as it shows. Every value
 * from the receipt goes through the escaping template (functions/http/html.ts), so a payer's name can
 * never become markup. `pdfUrl` links the PDF of the same receipt.
 */
const STYLE = trusted(`
  @page { size: A5; margin: 12mm; }
  * { box-sizing: border-box; }
  body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #111; margin: 0; background: #f3f3f3; font-size: 13px; }
  main { background: #fff; max-width: 148mm; margin: 16px auto; padding: 12mm; box-shadow: 0 1px 4px rgba(0,0,0,.2); }
  header { display: flex; justify-content: space-between; gap: 12px; }
  header .symbols { text-align: right; white-space: nowrap; }
  h1 { text-align: center; font-size: 18px; margin: 16px 0 0; letter-spacing: .5px; }
  .subtitle { text-align: center; margin: 2px 0 12px; font-style: italic; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 10px; margin: 10px 0; }
  dt { font-weight: bold; } dd { margin: 0; }
  table { width: 100%; border-collapse: collapse; margin: 10px 0; }
  th, td { border: 1px solid #444; padding: 4px 6px; vertical-align: top; }
  th { background: #eee; } td.amount, th.amount { text-align: right; white-space: nowrap; } td.index { text-align: center; }
  tfoot td { font-weight: bold; }
  .words { margin: 8px 0; } .words strong { font-style: italic; }
  .notice { border: 2px solid #b00; color: #b00; padding: 6px; margin: 10px 0; text-align: center; font-weight: bold; }
  .sign { margin-top: 18px; text-align: right; } .sign p { margin: 2px 0; }
  nav { text-align: center; margin: 8px; } nav a { color: #0645ad; margin: 0 8px; }
  @media print { body { background: #fff; } main { box-shadow: none; margin: 0; max-width: none; padding: 0; } nav { display: none; } }
`);

export function receiptPage(receipt: Receipt, options: { readonly pdfUrl?: string } = {}): string {
  const page = html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${LABELS.title} ${receipt.series} ${receipt.receiptNo}</title>
<style>${STYLE}</style>
</head>
<body>
${options.pdfUrl ? html`<nav><a href="${options.pdfUrl}">Tải bản PDF</a></nav>` : ''}
<main>
  <header>
    <div><strong>${receipt.collector.name}</strong><br>${LABELS.taxCode}: ${receipt.collector.taxCode}</div>
    <div class="symbols">${LABELS.template}: ${receipt.templateCode}<br>${LABELS.series}: ${receipt.series}<br>${LABELS.number}: <strong>${receipt.receiptNo}</strong></div>
  </header>
  <h1>${LABELS.title}</h1>
  <p class="subtitle">${LABELS.subtitle}</p>
  ${statusNotice(receipt)}
  <dl>
    <dt>${LABELS.issuedAt}:</dt><dd>${formatVietnamDateTime(receipt.issuedAt)}</dd>
    <dt>${LABELS.payer}:</dt><dd>${receipt.payer.name || LABELS.noPayer}</dd>
    <dt>${LABELS.dossier}:</dt><dd>${receipt.dossierId}</dd>
    <dt>${LABELS.procedure}:</dt><dd>${receipt.procedureCode}</dd>
  </dl>
  <table>
    <thead><tr><th>${LABELS.index}</th><th>${LABELS.content}</th><th>${LABELS.kind}</th><th class="amount">${LABELS.amount}</th></tr></thead>
    <tbody>${receipt.lines.map(
      (line, i) => html`<tr><td class="index">${i + 1}</td><td>${line.name}</td><td>${KIND_LABELS[line.kind]}</td><td class="amount">${formatAmount(line.amount)}</td></tr>`,
    )}</tbody>
    <tfoot><tr><td colspan="3">${LABELS.total}</td><td class="amount">${formatAmount(receipt.amount)}</td></tr></tfoot>
  </table>
  <p class="words">${LABELS.inWords}: <strong>${receipt.amountInWords}</strong></p>
  <div class="sign"><p><strong>${LABELS.signer}</strong></p><p>${LABELS.signed}</p><p>${receipt.collector.name}</p></div>
</main>
</body>
</html>`;
  return page.value;
}

function statusNotice(receipt: Receipt): SafeHtml | '' {
  if (!receipt.adjustment) return '';
  const { refundedAmount, adjustedAmount, adjustedAmountInWords, at } = receipt.adjustment;
  const heading = receipt.status === 'CANCELLED' ? LABELS.cancelled : LABELS.adjusted;
  return html`<div class="notice">${heading} (${formatVietnamDateTime(at)})<br>${LABELS.refunded}: ${formatAmount(refundedAmount)} đồng. ${LABELS.kept}: ${formatAmount(adjustedAmount)} đồng (${adjustedAmountInWords}).</div>`;
}
