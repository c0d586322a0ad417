import { existsSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { Receipt } from '../../domain/receipts/receipt';
import { formatAmount, formatVietnamDateTime, KIND_LABELS, LABELS } from './receipt-text';

/**
 * The e-receipt as a PDF (A5), drawn with pdfkit in DejaVu Sans, a font with every Vietnamese
 * letter; pdfkit embeds the subset of glyphs used. pdfkit's own standard fonts are never touched
 * (they cover Latin-1 only, so "đồng" could not be written in them).
 *
 * The font files: in a Lambda bundle they are copied beside the handler (`bundleFiles` in
 * functions/manifest.ts, infra/bundling.ts); locally and in tests they are read from the
 * dejavu-fonts-ttf package.
 */
export const RECEIPT_FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const;

export function receiptFontPath(file: (typeof RECEIPT_FONT_FILES)[number]): string {
  const bundled = join(__dirname, file);
  // In Lambda only the asset counts: a missing font there is a packaging fault, and says so.
  if (existsSync(bundled) || process.env.AWS_LAMBDA_FUNCTION_NAME) return bundled;
  return join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf', file);
}

export async function receiptPdf(receipt: Receipt): Promise<Buffer> {
  const regular = receiptFontPath('DejaVuSans.ttf');
  const bold = receiptFontPath('DejaVuSans-Bold.ttf');
  const doc = new PDFDocument({ size: 'A5', margin: 36, font: regular, info: { Title: `${LABELS.title} ${receipt.series} ${receipt.receiptNo}`, Author: receipt.collector.name } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const top = doc.y;
  doc.font('bold').fontSize(9).text(receipt.collector.name, left, top, { width: width * 0.6 });
  doc.font('regular').text(`${LABELS.taxCode}: ${receipt.collector.taxCode}`, { width: width * 0.6 });
  const afterCollector = doc.y;
  doc.text(`${LABELS.template}: ${receipt.templateCode}`, left + width * 0.62, top, { width: width * 0.38, align: 'right' });
  doc.text(`${LABELS.series}: ${receipt.series}`, { width: width * 0.38, align: 'right' });
  doc.font('bold').text(`${LABELS.number}: ${receipt.receiptNo}`, { width: width * 0.38, align: 'right' });
  doc.y = Math.max(afterCollector, doc.y) + 14;

  doc.font('bold').fontSize(14).text(LABELS.title, left, doc.y, { width, align: 'center' });
  doc.font('regular').fontSize(9).text(LABELS.subtitle, { width, align: 'center' });
  doc.moveDown(0.8);

  if (receipt.adjustment) {
    const { refundedAmount, adjustedAmount, adjustedAmountInWords, at } = receipt.adjustment;
    doc.fillColor('#b00000').font('bold').text(`${receipt.status === 'CANCELLED' ? LABELS.cancelled : LABELS.adjusted} (${formatVietnamDateTime(at)})`, { width, align: 'center' });
    doc.font('regular').text(`${LABELS.refunded}: ${formatAmount(refundedAmount)} đồng. ${LABELS.kept}: ${formatAmount(adjustedAmount)} đồng (${adjustedAmountInWords}).`, { width, align: 'center' });
    doc.fillColor('black').moveDown(0.6);
  }

  const field = (label: string, value: string) => {
    doc.font('bold').text(`${label}: `, left, doc.y, { continued: true, width }).font('regular').text(value);
  };
  field(LABELS.issuedAt, formatVietnamDateTime(receipt.issuedAt));
  field(LABELS.payer, receipt.payer.name || LABELS.noPayer);
  field(LABELS.dossier, receipt.dossierId);
  field(LABELS.procedure, receipt.procedureCode);
  doc.moveDown(0.6);

  // The fee table: STT | Nội dung thu | Loại | Số tiền.
  const columns = [0.08, 0.54, 0.16, 0.22].map((share) => share * width);
  const row = (cells: string[], font: 'regular' | 'bold') => {
    doc.font(font);
    const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i]! - 8 }));
    const height = Math.max(...heights) + 8;
    const y = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      doc.rect(x, y, columns[i]!, height).stroke();
      doc.text(cell, x + 4, y + 4, { width: columns[i]! - 8, align: i === 3 ? 'right' : i === 0 ? 'center' : 'left' });
      x += columns[i]!;
    });
    doc.x = left;
    doc.y = y + height;
  };
  row([LABELS.index, LABELS.content, LABELS.kind, LABELS.amount], 'bold');
  receipt.lines.forEach((line, i) => row([String(i + 1), line.name, KIND_LABELS[line.kind], formatAmount(line.amount)], 'regular'));
  row(['', LABELS.total, '', formatAmount(receipt.amount)], 'bold');
  doc.moveDown(0.8);

  doc.font('bold').text(`${LABELS.inWords}: `, left, doc.y, { continued: true, width }).font('regular').text(receipt.amountInWords);
  doc.moveDown(1.5);
  doc.font('bold').text(LABELS.signer, left + width * 0.45, doc.y, { width: width * 0.55, align: 'center' });
  doc.font('regular').text(LABELS.signed, { width: width * 0.55, align: 'center' });
  doc.text(receipt.collector.name, { width: width * 0.55, align: 'center' });
  doc.end();
  return done;
}
