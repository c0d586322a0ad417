// Proves the list of fee-bearing procedures without an online payment names exactly those, busiest at the counter first.
import { feeBearingProceduresNotPaidOnline } from '../../../domain/reports/procedures-not-paid-online';
import { aCounter, procedure } from './report-builders';
import { catalog, counters, period } from './report-fixture';

describe('feeBearingProceduresNotPaidOnline', () => {
  it('lists catalog procedures with no online payment in the period, most counter payments first', () => {
    expect(feeBearingProceduresNotPaidOnline({ period, counters, catalog })).toEqual([
      { agencyCode: 'SGTVT', procedureCode: 'DKX-BIENSO', paymentTransactions: 10, amount: 100_000 },
      { agencyCode: 'STNMT', procedureCode: 'DD-THAMDINH', paymentTransactions: 0, amount: 0 },
      { agencyCode: 'STNMT', procedureCode: 'TB-NHADAT', paymentTransactions: 0, amount: 0 }, // its online payments fall outside the period
      { agencyCode: 'TANPHONG', procedureCode: 'CT-BANSAO', paymentTransactions: 0, amount: 0 },
    ]);
  });

  it('lists a procedure whose online payments were all reversed', () => {
    const reversed = [aCounter({ paymentTransactions: 0, amount: 0, dossiersPaid: 0 })];
    expect(feeBearingProceduresNotPaidOnline({ period, counters: reversed, catalog: [procedure('STP', 'LLTP-CAP')] })).toHaveLength(1);
  });
});
