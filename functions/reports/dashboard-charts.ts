import type { RateTarget } from '../../domain/reports/target-sets';
import { html, trusted, type SafeHtml } from '../http/html';
import { formatPercent, formatTargetPercent } from './vietnamese-format';

/**
 * Inline SVG bar charts of a rate against its target: one bar per agency (horizontal) or per month
 * (vertical), a dashed line at the target, bars green when the target is met and red when missed,
 * each with its value and ✓/✗ in text so the verdict does not depend on colour. Geometry uses
 * floating point for pixels only; every number a reader sees is the domain's own string.
 */
export interface RateBar {
  /** What the bar is of: an agency name, a month. */
  readonly label: string;
  /** Shown on hover and read by screen readers. */
  readonly description: string;
  readonly ratePercent: string | null;
  readonly meets: boolean | null;
}

export interface RateChart {
  readonly title: string;
  readonly target: RateTarget;
  readonly bars: readonly RateBar[];
}

const COLOURS = { met: '#1b7a3a', missed: '#c0392b', none: '#9aa5b1', grid: '#e3e8ee', axis: '#5b6776', ink: '#1d2733' };
const TICKS = [0, 25, 50, 75, 100];
// A white outline behind value labels keeps them legible where they cross a grid or target line.
const HALO = trusted('stroke="#fff" stroke-width="3" paint-order="stroke"');

export function targetLabel(target: RateTarget): string {
  return `Chỉ tiêu ${target.comparison === 'gte' ? '≥' : '>'} ${formatTargetPercent(target.target)}`;
}

export function verdictMark(meets: boolean | null): string {
  return meets === null ? '' : meets ? '✓' : '✗';
}

/** One row per bar, for agencies: the label on the left, the value after the bar. */
export function horizontalRateChart(chart: RateChart): SafeHtml {
  const width = 720;
  const labelWidth = 210;
  const plotLeft = labelWidth + 10;
  const plotWidth = 380;
  const rowHeight = 28;
  const top = 26;
  const height = top + Math.max(1, chart.bars.length) * rowHeight + 22;
  const x = (percent: number) => plotLeft + (plotWidth * clampPercent(percent)) / 100;
  const targetX = x(Number(chart.target.target));
  const plotBottom = top + Math.max(1, chart.bars.length) * rowHeight;

  const grid = TICKS.map(
    (tick) => html`<line x1="${x(tick)}" y1="${top - 4}" x2="${x(tick)}" y2="${plotBottom}" stroke="${COLOURS.grid}"/>
<text x="${x(tick)}" y="${plotBottom + 15}" font-size="11" text-anchor="middle" fill="${COLOURS.axis}">${tick}%</text>`,
  );
  const rows = chart.bars.map((bar, i) => {
    const y = top + i * rowHeight;
    const colour = colourOf(bar.meets);
    const rate = bar.ratePercent === null ? null : Number(bar.ratePercent);
    const barEnd = rate === null ? plotLeft : Math.max(x(rate), plotLeft + (rate > 0 ? 2 : 0));
    return html`<g class="bar" data-label="${bar.label}" data-rate="${bar.ratePercent ?? 'null'}">
<title>${bar.description}</title>
<text x="${labelWidth}" y="${y + 18}" font-size="12" text-anchor="end" fill="${COLOURS.ink}">${truncate(bar.label, 30)}</text>
${rate === null ? '' : html`<rect x="${plotLeft}" y="${y + 6}" width="${(barEnd - plotLeft).toFixed(1)}" height="16" rx="2" fill="${colour}"/>`}
<text x="${(barEnd + 6).toFixed(1)}" y="${y + 18}" font-size="12" font-weight="600" fill="${colour}" ${HALO}>${formatPercent(bar.ratePercent)} ${verdictMark(bar.meets)}</text>
</g>`;
  });
  return html`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${chart.title}" xmlns="http://www.w3.org/2000/svg">
${grid}
<line x1="${targetX}" y1="${top - 8}" x2="${targetX}" y2="${plotBottom}" stroke="${COLOURS.ink}" stroke-width="1.5" stroke-dasharray="5 3"/>
<text x="${targetX}" y="${top - 12}" font-size="11" font-weight="600" text-anchor="middle" fill="${COLOURS.ink}">${targetLabel(chart.target)}</text>
${rows}
${chart.bars.length === 0 ? html`<text x="${plotLeft}" y="${top + 18}" font-size="12" fill="${COLOURS.axis}">Không có đơn vị nào trong phạm vi.</text>` : ''}
</svg>`;
}

/** One column per bar, for months: the value above the bar, the month below. */
export function verticalRateChart(chart: RateChart): SafeHtml {
  const width = 720;
  const height = 250;
  const plotLeft = 44;
  const plotRight = width - 96;
  const plotTop = 24;
  const plotBottom = 200;
  const y = (percent: number) => plotBottom - ((plotBottom - plotTop) * clampPercent(percent)) / 100;
  const slot = (plotRight - plotLeft) / Math.max(1, chart.bars.length);
  const barWidth = Math.min(56, slot * 0.6);
  const targetY = y(Number(chart.target.target));

  const grid = TICKS.map(
    (tick) => html`<line x1="${plotLeft}" y1="${y(tick)}" x2="${plotRight}" y2="${y(tick)}" stroke="${COLOURS.grid}"/>
<text x="${plotLeft - 6}" y="${y(tick) + 4}" font-size="11" text-anchor="end" fill="${COLOURS.axis}">${tick}%</text>`,
  );
  const columns = chart.bars.map((bar, i) => {
    const centre = plotLeft + slot * i + slot / 2;
    const colour = colourOf(bar.meets);
    const rate = bar.ratePercent === null ? null : Number(bar.ratePercent);
    const barTop = rate === null ? plotBottom : Math.min(y(rate), plotBottom - (rate > 0 ? 2 : 0));
    return html`<g class="bar" data-label="${bar.label}" data-rate="${bar.ratePercent ?? 'null'}">
<title>${bar.description}</title>
${rate === null ? '' : html`<rect x="${(centre - barWidth / 2).toFixed(1)}" y="${barTop.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(plotBottom - barTop).toFixed(1)}" rx="2" fill="${colour}"/>`}
<text x="${centre.toFixed(1)}" y="${(barTop - 6).toFixed(1)}" font-size="11" font-weight="600" text-anchor="middle" fill="${colour}" ${HALO}>${formatPercent(bar.ratePercent)} ${verdictMark(bar.meets)}</text>
<text x="${centre.toFixed(1)}" y="${plotBottom + 18}" font-size="12" text-anchor="middle" fill="${COLOURS.ink}">${bar.label}</text>
</g>`;
  });
  return html`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${chart.title}" xmlns="http://www.w3.org/2000/svg">
${grid}
<line x1="${plotLeft}" y1="${plotBottom}" x2="${plotRight}" y2="${plotBottom}" stroke="${COLOURS.axis}"/>
<line x1="${plotLeft}" y1="${targetY}" x2="${plotRight}" y2="${targetY}" stroke="${COLOURS.ink}" stroke-width="1.5" stroke-dasharray="5 3"/>
<text x="${plotRight + 6}" y="${targetY + 4}" font-size="11" fill="${COLOURS.ink}">${targetLabel(chart.target)}</text>
${columns}
</svg>`;
}

export function chartLegend(): SafeHtml {
  return html`<div class="legend"><span><span class="swatch met"></span>Đạt chỉ tiêu ✓</span><span><span class="swatch missed"></span>Chưa đạt ✗</span><span><span class="swatch target"></span>Chỉ tiêu</span><span>— chưa có dữ liệu trong kỳ</span></div>`;
}

function colourOf(meets: boolean | null): string {
  return meets === null ? COLOURS.none : meets ? COLOURS.met : COLOURS.missed;
}

function clampPercent(percent: number): number {
  return Number.isFinite(percent) ? Math.min(100, Math.max(0, percent)) : 0;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
