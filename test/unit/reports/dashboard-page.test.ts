// Proves the dashboard page shows verdicts in text as well as colour, the gap to target and the procedures to promote, and escapes every name it is given.
import type { Agency, Procedure } from '../../../domain/catalog/catalog';
import { feeBearingProceduresNotPaidOnline } from '../../../domain/reports/procedures-not-paid-online';
import { buildOnlinePaymentReport } from '../../../domain/reports/report-rows';
import { renderDashboardPage, type DashboardInput } from '../../../functions/reports/dashboard-page';
import { payments, procedure, shippedTargetSet } from './report-builders';

const hostile = '<img src=x onerror=alert(1)>"\'';
const period = { from: '2026-03-01', to: '2026-04-30' };
const counters = [
  payments(1, { agencyCode: 'STP', procedureCode: 'LLTP-CAP', channel: 'ONLINE' }),
  payments(3, { agencyCode: 'STP', procedureCode: 'LLTP-CAP', channel: 'OFFLINE' }),
  payments(1, { agencyCode: 'SXD', procedureCode: 'GPXD-NHAO', channel: 'ONLINE', businessDate: '2026-04-02' }),
  payments(9, { agencyCode: 'SXD', procedureCode: 'GPXD-NHAO', channel: 'OFFLINE', businessDate: '2026-04-03' }),
  payments(4, { agencyCode: 'SXD', procedureCode: 'XD-CAPPHEP', channel: 'OFFLINE' }),
];
const catalog = [procedure('STP', 'LLTP-CAP'), procedure('SXD', 'GPXD-NHAO'), procedure('SXD', 'XD-CAPPHEP')];
const agencies: Agency[] = [
  { code: 'STP', name: 'Sở Tư pháp', level: 'PROVINCE' },
  { code: 'SXD', name: `Sở Xây dựng ${hostile}`, level: 'PROVINCE' },
];
const procedures = catalog.map((p) => ({ code: p.procedureCode, agencyCode: p.agencyCode, name: `Thủ tục ${hostile}`, fees: [] })) as Procedure[];

function render(targetSetId: 'nq01-2021' | 'haiphong-2024' = 'nq01-2021', overrides: Partial<DashboardInput> = {}): string {
  const targetSet = { ...shippedTargetSet(targetSetId), name: `Chỉ tiêu ${hostile}` };
  const inputs = { period, targetSet, counters, catalog };
  const byAgency = buildOnlinePaymentReport({ ...inputs, groupBy: 'agency' });
  return renderDashboardPage({
    report: byAgency,
    byAgency,
    byMonth: buildOnlinePaymentReport({ ...inputs, groupBy: 'month' }),
    notPaidOnline: feeBearingProceduresNotPaidOnline(inputs),
    targetSet,
    targetSets: [targetSet],
    agencies,
    procedures,
    selectedAgencyCodes: [],
    defaultPeriod: false,
    generatedAt: new Date('2026-05-01T01:00:00Z'),
    links: { csv: '/dashboard?format=csv&x="><script>' },
    ...overrides,
  }).body.value;
}

describe('dashboard page', () => {
  it('escapes every name, title and link it is given', () => {
    const page = render();
    expect(page).not.toContain('<img');
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toContain(`"'`);
    expect(page).toContain('Sở Xây dựng &lt;img src=x onerror=alert(1)&gt;&quot;&#39;');
    expect(page).toContain('href="/dashboard?format=csv&amp;x=&quot;&gt;&lt;script&gt;"');
  });

  it('writes the period and its date fields as dd/mm/yyyy, and says when the period is the default one', () => {
    const page = render();
    expect(page).toContain('Kỳ báo cáo: <span data-period-from="2026-03-01" data-period-to="2026-04-30">01/03/2026 – 30/04/2026</span>');
    expect(page).toContain('name="from" inputmode="numeric" autocomplete="off" aria-describedby="from-hint" value="01/03/2026"');
    expect(page).toContain('name="to" inputmode="numeric" autocomplete="off" aria-describedby="to-hint" value="30/04/2026"');
    expect(render('nq01-2021', { defaultPeriod: true })).toContain('Kỳ báo cáo: từ đầu tháng đến hôm nay (<span');
  });

  it('says met and missed in words and marks, not only in colour, with the gap to target', () => {
    const page = render();
    expect(page).toMatch(/<tr data-row-key="STP">[\s\S]*?data-field="meetsTransactionTarget" data-value="true"><span class="status met">✓ Đạt<\/span>/);
    expect(page).toMatch(/<tr data-row-key="SXD">[\s\S]*?data-field="meetsTransactionTarget" data-value="false"><span class="status missed">✗ Chưa đạt<\/span>/);
    // Totals: 2 online of 18 → (0.25·18 − 2) ÷ 0.75 = 3.33…, so 4 more.
    expect(page).toContain('data-field="gapToTransactionTarget" data-value="4">Cần thêm 4 giao dịch trực tuyến để đạt chỉ tiêu');
    expect(page).toContain('25,00% ✓');
    expect(page).toContain('10,00% ✗');
  });

  it('lists fee-bearing procedures with no online payment, those with counter demand first', () => {
    const page = render();
    expect(page).toContain('Thủ tục có nghĩa vụ tài chính chưa có giao dịch trực tuyến (1)');
    expect(page).toMatch(/<tr data-agency="SXD" data-procedure="XD-CAPPHEP">[\s\S]*?data-field="paymentTransactions" data-value="4">4</);
  });

  it('shows points only for a target set that has them, and no rate as a dash', () => {
    expect(render('nq01-2021')).not.toContain('data-field="points"');
    expect(render('haiphong-2024')).toContain('data-field="points" data-value="0.00">0,00');
    const empty = buildOnlinePaymentReport({ period, targetSet: shippedTargetSet('nq01-2021'), counters: [], catalog: [], groupBy: 'agency' });
    const page = render('nq01-2021', { report: empty, byAgency: empty, notPaidOnline: [] });
    expect(page).toContain('data-field="transactionRatePercent" data-value="null">—</div>');
    expect(page).toContain('Mọi thủ tục có nghĩa vụ tài chính trong phạm vi đều đã có giao dịch trực tuyến trong kỳ.');
  });
});
