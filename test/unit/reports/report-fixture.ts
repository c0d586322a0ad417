import type { ReportCounter } from '../../../domain/reports/counters';
import type { ReportPeriod } from '../../../domain/reports/report-period';
import { payments, procedure } from './report-builders';

/**
 * A small province worked by hand (see report-rows.test.ts for the expected figures).
 *   STP       LLTP-CAP     March: 25 online (20 dossiers), 75 counter      → 25/100 = 25.00%
 *   SGTVT     GPLX-DOI     April: 30 online, 60 counter
 *             DKX-BIENSO   March: 10 counter                               → 30/100 = 30.00%
 *   TANPHONG  CT-CHUKY     March: 1 online; April: 7 counter               →  1/8   = 12.50%
 *             CT-BANSAO    no payment
 *   STNMT     TB-NHADAT, DD-THAMDINH: no payment                            → no transaction rate
 *   SXD       XD-OLD       March: 2 online, but no longer fee-bearing      →  2/2   = 100.00%
 * plus counters just outside the period, which the report must ignore.
 */
export const period: ReportPeriod = { from: '2026-03-01', to: '2026-04-30' };

export const counters: ReportCounter[] = [
  payments(25, { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-03-02', channel: 'ONLINE', dossiersPaid: 20 }),
  payments(75, { agencyCode: 'STP', procedureCode: 'LLTP-CAP', businessDate: '2026-03-31', channel: 'OFFLINE' }),
  payments(30, { agencyCode: 'SGTVT', procedureCode: 'GPLX-DOI', businessDate: '2026-04-01', channel: 'ONLINE' }),
  payments(60, { agencyCode: 'SGTVT', procedureCode: 'GPLX-DOI', businessDate: '2026-04-30', channel: 'OFFLINE' }),
  payments(10, { agencyCode: 'SGTVT', procedureCode: 'DKX-BIENSO', businessDate: '2026-03-01', channel: 'OFFLINE' }),
  payments(1, { agencyCode: 'TANPHONG', procedureCode: 'CT-CHUKY', businessDate: '2026-03-15', channel: 'ONLINE' }),
  payments(7, { agencyCode: 'TANPHONG', procedureCode: 'CT-CHUKY', businessDate: '2026-04-15', channel: 'OFFLINE' }),
  payments(2, { agencyCode: 'SXD', procedureCode: 'XD-OLD', businessDate: '2026-03-20', channel: 'ONLINE' }),
  payments(9, { agencyCode: 'STNMT', procedureCode: 'TB-NHADAT', businessDate: '2026-02-28', channel: 'ONLINE' }),
  payments(9, { agencyCode: 'STNMT', procedureCode: 'TB-NHADAT', businessDate: '2026-05-01', channel: 'ONLINE' }),
];

export const catalog = [
  procedure('STP', 'LLTP-CAP'),
  procedure('SGTVT', 'GPLX-DOI'),
  procedure('SGTVT', 'DKX-BIENSO'),
  procedure('TANPHONG', 'CT-BANSAO'),
  procedure('TANPHONG', 'CT-CHUKY'),
  procedure('STNMT', 'TB-NHADAT'),
  procedure('STNMT', 'DD-THAMDINH'),
];
