import type { Agency, Procedure } from '../../domain/catalog/catalog';
import type { ProcedureNotPaidOnline } from '../../domain/reports/procedures-not-paid-online';
import { REPORT_FIGURE_FIELDS, type ReportFigures } from '../../domain/reports/report-figures';
import { groupKeyOf, type OnlinePaymentReport, type ReportGroupBy } from '../../domain/reports/report-rows';
import type { TargetSet } from '../../domain/reports/target-sets';
import { toVietnamIso } from '../../domain/shared/business-date';
import { html, type SafeHtml } from '../http/html';
import { chartLegend, horizontalRateChart, targetLabel, verticalRateChart, type RateBar } from './dashboard-charts';
import { formatDate, formatInteger, formatMonth, formatPercent, formatPoints, formatVnd, NO_VALUE } from './vietnamese-format';

/**
 * The dashboard (Vietnamese, server-rendered): totals against the target set, per-agency and
 * per-month charts, the gap to target, the rows of the chosen grouping, and the fee-bearing
 * procedures with no online payment yet. Every figure in a table cell or card also sits, unformatted,
 * in a data-value attribute next to its data-field name, equal to the JSON report's value.
 */
export interface DashboardInput {
  /** The report in the grouping asked for; its totals are the page's totals. */
  readonly report: OnlinePaymentReport;
  readonly byAgency: OnlinePaymentReport<'agency'>;
  readonly byMonth: OnlinePaymentReport<'month'>;
  readonly notPaidOnline: readonly ProcedureNotPaidOnline[];
  readonly targetSet: TargetSet;
  readonly targetSets: readonly TargetSet[];
  /** Agencies the viewer may see: names and the agency selector. */
  readonly agencies: readonly Agency[];
  readonly procedures: readonly Procedure[];
  readonly selectedAgencyCodes: readonly string[];
  /** Whether old agencies are counted under their successors (rollUp=successor). */
  readonly rollUp?: boolean;
  /** Whether the period is the default one (no dates asked for): the page then says so. */
  readonly defaultPeriod: boolean;
  readonly generatedAt: Date;
  /** The same report as CSV, through the same session as the page. */
  readonly links: { readonly csv: string };
}

/** The dashboard's title and content; the caller puts them in a frame (the staff frame, or a plain page for the API). */
export interface DashboardView {
  readonly title: string;
  readonly body: SafeHtml;
}

const GROUP_LABELS: Record<ReportGroupBy, string> = { agency: 'Đơn vị', procedure: 'Thủ tục', month: 'Tháng' };

export function renderDashboardPage(input: DashboardInput): DashboardView {
  const names = nameLookup(input);
  const { report, targetSet } = input;
  const period = html`<span data-period-from="${report.period.from}" data-period-to="${report.period.to}">${formatDate(report.period.from)} – ${formatDate(report.period.to)}</span>`;
  const body = html`<h1>Tỷ lệ thanh toán trực tuyến so với chỉ tiêu</h1>
<p class="lead">${input.defaultPeriod ? html`Kỳ báo cáo: từ đầu tháng đến hôm nay (${period})` : html`Kỳ báo cáo: ${period}`} · ${targetSet.name}</p>
${filters(input)}
${kpis(report.totals, targetSet)}
<section id="by-agency">
<h2>Theo đơn vị</h2>
<p class="note">Mỗi thanh là một đơn vị, xếp từ tỷ lệ cao đến thấp; đường nét đứt là chỉ tiêu. Xanh: đạt, đỏ: chưa đạt.</p>
<div class="charts">
<div class="chart" data-chart="transaction-rate-by-agency"><h3>Tỷ lệ giao dịch thanh toán trực tuyến</h3>${horizontalRateChart({
    title: 'Tỷ lệ giao dịch thanh toán trực tuyến theo đơn vị',
    target: targetSet.transactionRate,
    bars: ranked(input.byAgency.rows.map((row) => agencyBar(row.agencyCode, row, 'transaction', names))),
  })}</div>
<div class="chart" data-chart="procedure-rate-by-agency"><h3>Tỷ lệ thủ tục có thanh toán trực tuyến</h3>${horizontalRateChart({
    title: 'Tỷ lệ thủ tục có thanh toán trực tuyến theo đơn vị',
    target: targetSet.procedureRate,
    bars: ranked(input.byAgency.rows.map((row) => agencyBar(row.agencyCode, row, 'procedure', names))),
  })}</div>
</div>
${chartLegend()}
</section>
<section id="by-month">
<h2>Diễn biến theo tháng</h2>
<p class="note">Tỷ lệ của từng tháng trong kỳ (mỗi tháng tính trên toàn bộ thủ tục có nghĩa vụ tài chính trong phạm vi).</p>
<div class="charts">
<div class="chart" data-chart="transaction-rate-by-month"><h3>Tỷ lệ giao dịch thanh toán trực tuyến</h3>${verticalRateChart({
    title: 'Tỷ lệ giao dịch thanh toán trực tuyến theo tháng',
    target: targetSet.transactionRate,
    bars: input.byMonth.rows.map((row) => monthBar(row.month, row, 'transaction')),
  })}</div>
<div class="chart" data-chart="procedure-rate-by-month"><h3>Tỷ lệ thủ tục có thanh toán trực tuyến</h3>${verticalRateChart({
    title: 'Tỷ lệ thủ tục có thanh toán trực tuyến theo tháng',
    target: targetSet.procedureRate,
    bars: input.byMonth.rows.map((row) => monthBar(row.month, row, 'procedure')),
  })}</div>
</div>
${chartLegend()}
</section>
${rowsTable(report, targetSet, names)}
${notPaidOnlineTable(input.notPaidOnline, names)}
${definitions(input)}`;
  return { title: `Theo dõi tỷ lệ thanh toán trực tuyến ${formatDate(report.period.from)} – ${formatDate(report.period.to)}`, body };
}

interface Names {
  agency(code: string): string;
  procedure(code: string): string;
  procedureAgency(code: string): string | undefined;
}

function nameLookup(input: DashboardInput): Names {
  const agencies = new Map(input.agencies.map((agency) => [agency.code, agency.name]));
  const procedures = new Map(input.procedures.map((procedure) => [procedure.code, procedure]));
  return {
    agency: (code) => agencies.get(code) ?? code,
    procedure: (code) => procedures.get(code)?.name ?? code,
    procedureAgency: (code) => procedures.get(code)?.agencyCode,
  };
}

function filters(input: DashboardInput): SafeHtml {
  const { report } = input;
  const selected = input.selectedAgencyCodes.join(',');
  const agencyOptions = input.agencies.map(
    // An agency that has ended stays selectable for reports of its time, marked with its last day.
    (agency) =>
      html`<option value="${agency.code}"${agency.code === selected ? html` selected` : ''}>${agency.name} (${agency.code}${agency.validTo ? `, đến ${formatDate(agency.validTo)}` : ''})</option>`,
  );
  // A list of agencies from the URL has no single option; keep it selectable as it was asked.
  const listOption = input.selectedAgencyCodes.length > 1 ? html`<option value="${selected}" selected>${input.selectedAgencyCodes.join(', ')}</option>` : '';
  return html`<section>
<form class="filters" method="get" action="/dashboard">
<div class="form-group"><label for="from">Từ ngày</label><span class="hint" id="from-hint">ngày/tháng/năm</span><input type="text" id="from" name="from" inputmode="numeric" autocomplete="off" aria-describedby="from-hint" value="${formatDate(report.period.from)}"></div>
<div class="form-group"><label for="to">Đến ngày</label><span class="hint" id="to-hint">ngày/tháng/năm</span><input type="text" id="to" name="to" inputmode="numeric" autocomplete="off" aria-describedby="to-hint" value="${formatDate(report.period.to)}"></div>
<div class="form-group"><label for="targetSet">Bộ chỉ tiêu</label><select id="targetSet" name="targetSet">${input.targetSets.map(
    (set) => html`<option value="${set.id}"${set.id === input.targetSet.id ? html` selected` : ''}>${set.name}</option>`,
  )}</select></div>
<div class="form-group"><label for="agency">Đơn vị</label><select id="agency" name="agency"><option value="">Tất cả đơn vị được xem</option>${listOption}${agencyOptions}</select></div>
<div class="form-group"><label for="groupBy">Bảng chi tiết theo</label><select id="groupBy" name="groupBy">${(Object.keys(GROUP_LABELS) as ReportGroupBy[]).map(
    (groupBy) => html`<option value="${groupBy}"${groupBy === report.groupBy ? html` selected` : ''}>${GROUP_LABELS[groupBy]}</option>`,
  )}</select></div>
<div class="form-group"><label for="rollUp">Đơn vị đã sắp xếp</label><select id="rollUp" name="rollUp"><option value="">Theo đơn vị tại thời điểm thu</option><option value="successor"${input.rollUp ? html` selected` : ''}>Gộp vào đơn vị kế thừa</option></select></div>
<div class="form-group"><button class="button" type="submit">Xem báo cáo</button>
<a class="button secondary" href="${input.links.csv}" download>Tải CSV</a></div>
</form>
</section>`;
}

function kpis(totals: ReportFigures, targetSet: TargetSet): SafeHtml {
  const transactionGap =
    totals.meetsTransactionTarget === false && totals.gapToTransactionTarget !== null
      ? html`<div class="gap" data-field="gapToTransactionTarget" data-value="${totals.gapToTransactionTarget}">Cần thêm ${formatInteger(totals.gapToTransactionTarget)} giao dịch trực tuyến để đạt chỉ tiêu</div>`
      : '';
  const procedureGap =
    totals.meetsProcedureTarget === false && totals.gapToProcedureTarget !== null
      ? html`<div class="gap" data-field="gapToProcedureTarget" data-value="${totals.gapToProcedureTarget}">Cần thêm ${formatInteger(totals.gapToProcedureTarget)} thủ tục có thanh toán trực tuyến</div>`
      : '';
  return html`<div class="kpis" id="totals">
<div class="kpi ${verdictClass(totals.meetsTransactionTarget)}">
<div class="label">Tỷ lệ giao dịch thanh toán trực tuyến</div>
<div class="value" data-field="transactionRatePercent" data-value="${totals.transactionRatePercent ?? 'null'}">${formatPercent(totals.transactionRatePercent)}</div>
<div class="detail"><span data-field="onlinePaymentTransactions" data-value="${totals.onlinePaymentTransactions}">${formatInteger(totals.onlinePaymentTransactions)}</span> trực tuyến / <span data-field="paymentTransactions" data-value="${totals.paymentTransactions}">${formatInteger(totals.paymentTransactions)}</span> giao dịch</div>
<div class="verdict">${verdict(totals.meetsTransactionTarget)} <span class="target">· ${targetLabel(targetSet.transactionRate)}</span></div>
${transactionGap}
</div>
<div class="kpi ${verdictClass(totals.meetsProcedureTarget)}">
<div class="label">Tỷ lệ thủ tục có thanh toán trực tuyến</div>
<div class="value" data-field="procedureRatePercent" data-value="${totals.procedureRatePercent ?? 'null'}">${formatPercent(totals.procedureRatePercent)}</div>
<div class="detail"><span data-field="proceduresPaidOnline" data-value="${totals.proceduresPaidOnline}">${formatInteger(totals.proceduresPaidOnline)}</span> / <span data-field="feeBearingProcedures" data-value="${totals.feeBearingProcedures}">${formatInteger(totals.feeBearingProcedures)}</span> thủ tục có nghĩa vụ tài chính</div>
<div class="verdict">${verdict(totals.meetsProcedureTarget)} <span class="target">· ${targetLabel(targetSet.procedureRate)}</span></div>
${procedureGap}
</div>
<div class="kpi">
<div class="label">Tỷ lệ hồ sơ thanh toán trực tuyến (QĐ 766, chỉ số 3.6)</div>
<div class="value" data-field="dossierRatePercent" data-value="${totals.dossierRatePercent ?? 'null'}">${formatPercent(totals.dossierRatePercent)}</div>
<div class="detail"><span data-field="dossiersPaidOnline" data-value="${totals.dossiersPaidOnline}">${formatInteger(totals.dossiersPaidOnline)}</span> / <span data-field="dossiersPaid" data-value="${totals.dossiersPaid}">${formatInteger(totals.dossiersPaid)}</span> hồ sơ có phí đã thanh toán</div>
</div>
<div class="kpi">
<div class="label">Số tiền đã thu trong kỳ</div>
<div class="value" data-field="amount" data-value="${totals.amount}">${formatVnd(totals.amount)}</div>
<div class="detail">trong đó trực tuyến <span data-field="onlineAmount" data-value="${totals.onlineAmount}">${formatVnd(totals.onlineAmount)}</span></div>
${targetSet.points ? html`<div class="verdict">Điểm: <span data-field="points" data-value="${totals.points ?? 'null'}">${formatPoints(totals.points)}</span></div>` : ''}
</div>
</div>`;
}

function rowsTable(report: OnlinePaymentReport, targetSet: TargetSet, names: Names): SafeHtml {
  const withPoints = targetSet.points !== null;
  const header = html`<tr><th>${GROUP_LABELS[report.groupBy]}</th><th>Giao dịch</th><th>Trực tuyến</th><th>Tỷ lệ giao dịch</th><th>Đánh giá</th><th>Cần thêm (giao dịch trực tuyến)</th><th>Thủ tục có nghĩa vụ tài chính</th><th>Đã có thanh toán trực tuyến</th><th>Tỷ lệ thủ tục</th><th>Đánh giá</th><th>Tỷ lệ hồ sơ</th>${withPoints ? html`<th>Điểm</th>` : ''}<th>Số tiền</th></tr>`;
  const line = (key: string, keyCell: SafeHtml, figures: ReportFigures) => html`<tr data-row-key="${key}">
<td class="key">${keyCell}</td>
${cell(figures, 'paymentTransactions', formatInteger(figures.paymentTransactions))}
${cell(figures, 'onlinePaymentTransactions', formatInteger(figures.onlinePaymentTransactions))}
${cell(figures, 'transactionRatePercent', formatPercent(figures.transactionRatePercent))}
${cell(figures, 'meetsTransactionTarget', verdict(figures.meetsTransactionTarget))}
${cell(figures, 'gapToTransactionTarget', figures.meetsTransactionTarget === false && figures.gapToTransactionTarget !== null ? formatInteger(figures.gapToTransactionTarget) : NO_VALUE)}
${cell(figures, 'feeBearingProcedures', formatInteger(figures.feeBearingProcedures))}
${cell(figures, 'proceduresPaidOnline', formatInteger(figures.proceduresPaidOnline))}
${cell(figures, 'procedureRatePercent', formatPercent(figures.procedureRatePercent))}
${cell(figures, 'meetsProcedureTarget', verdict(figures.meetsProcedureTarget))}
${cell(figures, 'dossierRatePercent', formatPercent(figures.dossierRatePercent))}
${withPoints ? cell(figures, 'points', formatPoints(figures.points)) : ''}
${cell(figures, 'amount', formatVnd(figures.amount))}
</tr>`;
  const rows = report.rows.map((row) => {
    const key = groupKeyOf(row, report.groupBy);
    return line(key, keyCell(report.groupBy, key, names), row);
  });
  return html`<section id="rows">
<h2>Chi tiết theo ${GROUP_LABELS[report.groupBy].toLowerCase()}</h2>
<p class="note">“Cần thêm” là số giao dịch trực tuyến tối thiểu phải có thêm để tỷ lệ giao dịch đạt chỉ tiêu.</p>
<div class="table-wrap"><table data-group-by="${report.groupBy}">
<thead>${header}</thead>
<tbody>${rows.length > 0 ? rows : html`<tr><td class="empty" colspan="${withPoints ? 13 : 12}">Không có dữ liệu trong kỳ.</td></tr>`}</tbody>
<tfoot>${line('TOTAL', html`Tổng cộng`, report.totals)}</tfoot>
</table></div>
</section>`;
}

function keyCell(groupBy: ReportGroupBy, key: string, names: Names): SafeHtml {
  if (groupBy === 'month') return html`Tháng ${formatMonth(key)}`;
  if (groupBy === 'agency') return html`${names.agency(key)}<span class="code">${key}</span>`;
  const agency = names.procedureAgency(key);
  return html`${names.procedure(key)}<span class="code">${key}${agency ? ` · ${names.agency(agency)}` : ''}</span>`;
}

function notPaidOnlineTable(procedures: readonly ProcedureNotPaidOnline[], names: Names): SafeHtml {
  const rows = procedures.map(
    (p) => html`<tr data-agency="${p.agencyCode}" data-procedure="${p.procedureCode}">
<td class="key">${names.procedure(p.procedureCode)}<span class="code">${p.procedureCode}</span></td>
<td class="text">${names.agency(p.agencyCode)}</td>
<td data-field="paymentTransactions" data-value="${p.paymentTransactions}">${formatInteger(p.paymentTransactions)}</td>
<td data-field="amount" data-value="${p.amount}">${formatVnd(p.amount)}</td>
</tr>`,
  );
  return html`<section id="not-paid-online">
<h2>Thủ tục có nghĩa vụ tài chính chưa có giao dịch trực tuyến (${formatInteger(procedures.length)})</h2>
<p class="note">Nên ưu tiên kích hoạt hoặc khuyến khích thanh toán trực tuyến cho các thủ tục này; thủ tục có nhiều giao dịch tại quầy (nhu cầu đã có) đứng trước.</p>
${
  rows.length > 0
    ? html`<div class="table-wrap"><table><thead><tr><th>Thủ tục</th><th class="text">Đơn vị</th><th>Giao dịch tại quầy</th><th>Số tiền tại quầy</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : html`<p class="empty">Mọi thủ tục có nghĩa vụ tài chính trong phạm vi đều đã có giao dịch trực tuyến trong kỳ.</p>`
}
</section>`;
}

function definitions(input: DashboardInput): SafeHtml {
  return html`<section><footer><dl>
<dt>Tỷ lệ giao dịch</dt><dd>giao dịch thanh toán trực tuyến ÷ tất cả giao dịch thanh toán (trực tuyến và tại quầy) trong kỳ; giao dịch đã hoàn/huỷ không được tính.</dd>
<dt>Tỷ lệ thủ tục</dt><dd>thủ tục có nghĩa vụ tài chính có ít nhất một giao dịch trực tuyến trong kỳ ÷ thủ tục có nghĩa vụ tài chính của đơn vị.</dd>
<dt>Tỷ lệ hồ sơ (766, 3.6)</dt><dd>hồ sơ thanh toán trực tuyến ÷ hồ sơ có phí đã thanh toán; mỗi hồ sơ chỉ tính một lần.</dd>
<dt>Cách làm tròn</dt><dd>so sánh với chỉ tiêu bằng số thập phân chính xác; hiển thị hai chữ số thập phân, làm tròn nửa lên; “${NO_VALUE}” khi chưa có dữ liệu để tính.</dd>
</dl>
Ngày làm việc theo giờ Việt Nam (UTC+7). Số liệu lúc ${toVietnamIso(input.generatedAt).slice(0, 19).replace('T', ' ')}.</footer></section>`;
}

function cell(figures: ReportFigures, field: (typeof REPORT_FIGURE_FIELDS)[number], shown: string | SafeHtml): SafeHtml {
  const value = figures[field];
  return html`<td data-field="${field}" data-value="${value === null ? 'null' : String(value)}">${shown}</td>`;
}

function verdict(meets: boolean | null): SafeHtml {
  if (meets === null) return html`<span class="status none">${NO_VALUE} Chưa có dữ liệu</span>`;
  return meets ? html`<span class="status met">✓ Đạt</span>` : html`<span class="status missed">✗ Chưa đạt</span>`;
}

function verdictClass(meets: boolean | null): string {
  return meets === null ? '' : meets ? 'met' : 'missed';
}

// Agencies are ranked as the province ranks them: highest rate first, those without a rate last.
function ranked(bars: readonly RateBar[]): RateBar[] {
  const rate = (bar: RateBar) => (bar.ratePercent === null ? -1 : Number(bar.ratePercent));
  return [...bars].sort((a, b) => rate(b) - rate(a) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

function agencyBar(code: string, figures: ReportFigures, indicator: 'transaction' | 'procedure', names: Names): RateBar {
  return bar(names.agency(code), figures, indicator);
}

function monthBar(month: string, figures: ReportFigures, indicator: 'transaction' | 'procedure'): RateBar {
  return bar(`T${Number(month.slice(5, 7))}/${month.slice(0, 4)}`, figures, indicator);
}

function bar(label: string, figures: ReportFigures, indicator: 'transaction' | 'procedure'): RateBar {
  const [ratePercent, meets, detail] =
    indicator === 'transaction'
      ? [figures.transactionRatePercent, figures.meetsTransactionTarget, `${formatInteger(figures.onlinePaymentTransactions)}/${formatInteger(figures.paymentTransactions)} giao dịch trực tuyến`]
      : [figures.procedureRatePercent, figures.meetsProcedureTarget, `${formatInteger(figures.proceduresPaidOnline)}/${formatInteger(figures.feeBearingProcedures)} thủ tục có thanh toán trực tuyến`];
  const judged = meets === null ? 'chưa có dữ liệu' : meets ? 'đạt' : 'chưa đạt';
  return { label, description: `${label}: ${formatPercent(ratePercent)} (${detail}) — ${judged}`, ratePercent, meets };
}
