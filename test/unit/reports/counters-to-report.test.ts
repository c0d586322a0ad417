// Proves that counters kept by the storage contract give the same report counts as counting the payments themselves.
import fc from 'fast-check';
import { applyCounterDeltas, counterDeltasFor, type CounterKey, type ReportChannel, type ReportCounter } from '../../../domain/reports/counters';
import { buildReportRows } from '../../../domain/reports/report-rows';
import { procedure, shippedTargetSet } from './report-builders';

interface Payment {
  readonly id: number;
  readonly dossierId: string;
  readonly key: CounterKey;
  readonly amount: number;
}

/** What the storage layer does: a dossier guard, a carrier mark, counters moved by the deltas. */
class StorageModel {
  counters: ReportCounter[] = [];
  private readonly standing = new Map<string, Payment[]>(); // counted successes of each dossier, oldest first
  private readonly carrier = new Map<string, number>();

  succeed(payment: Payment): void {
    const standing = this.standing.get(payment.dossierId) ?? [];
    const firstSuccessOfDossier = standing.length === 0;
    const type = payment.key.channel === 'ONLINE' ? 'ONLINE_PAYMENT_SUCCEEDED' : 'COUNTER_PAYMENT_RECORDED';
    this.apply(counterDeltasFor({ type, payment: { ...payment.key, amount: payment.amount }, firstSuccessOfDossier }));
    this.standing.set(payment.dossierId, [...standing, payment]);
    if (firstSuccessOfDossier) this.carrier.set(payment.dossierId, payment.id);
  }

  reverse(payment: Payment): void {
    const remaining = (this.standing.get(payment.dossierId) ?? []).filter((p) => p.id !== payment.id);
    const carriedDossierCount = this.carrier.get(payment.dossierId) === payment.id;
    const heir = carriedDossierCount ? (remaining[0] ?? null) : null;
    this.apply(
      counterDeltasFor({
        type: 'PAYMENT_REVERSED',
        channel: payment.key.channel,
        payment: { ...payment.key, amount: payment.amount },
        carriedDossierCount,
        dossierCountHeir: heir?.key ?? null,
      }),
    );
    this.standing.set(payment.dossierId, remaining);
    if (carriedDossierCount) {
      if (heir) this.carrier.set(payment.dossierId, heir.id);
      else this.carrier.delete(payment.dossierId);
    }
  }

  private apply(deltas: ReturnType<typeof counterDeltasFor>): void {
    this.counters = applyCounterDeltas(this.counters, deltas);
  }
}

const step = fc.record({
  reverseIndex: fc.option(fc.nat(), { freq: 3 }), // sometimes reverse an earlier standing payment instead
  dossier: fc.constantFrom('D1', 'D2', 'D3', 'D4', 'D5', 'D6'),
  agencyCode: fc.constantFrom('STP', 'SGTVT'),
  procedureCode: fc.constantFrom('P1', 'P2'),
  businessDate: fc.constantFrom('2026-03-01', '2026-03-02', '2026-04-10'),
  channel: fc.constantFrom<ReportChannel>('ONLINE', 'OFFLINE'),
  amount: fc.integer({ min: 1, max: 500_000 }),
});

describe('counters kept by the storage contract', () => {
  it('count each standing payment once, each paid dossier once, by its earliest standing payment channel', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const storage = new StorageModel();
        const standing: Payment[] = [];
        steps.forEach((s, id) => {
          if (s.reverseIndex !== null && standing.length > 0) {
            const [reversed] = standing.splice(s.reverseIndex % standing.length, 1);
            storage.reverse(reversed!);
            return;
          }
          const payment: Payment = {
            id,
            dossierId: s.dossier,
            key: { agencyCode: s.agencyCode, procedureCode: s.procedureCode, businessDate: s.businessDate, channel: s.channel },
            amount: s.amount,
          };
          storage.succeed(payment);
          standing.push(payment);
        });

        const { totals } = buildReportRows(
          {
            period: { from: '2026-03-01', to: '2026-04-30' },
            counters: storage.counters,
            catalog: [procedure('STP', 'P1'), procedure('STP', 'P2'), procedure('SGTVT', 'P1')],
            targetSet: shippedTargetSet('nq01-2021'),
          },
          'agency',
        );

        const online = standing.filter((p) => p.key.channel === 'ONLINE');
        const earliestByDossier = new Map<string, Payment>();
        for (const p of standing) if (!earliestByDossier.has(p.dossierId)) earliestByDossier.set(p.dossierId, p);
        const paidOnlinePairs = new Set(online.map((p) => `${p.key.agencyCode}/${p.key.procedureCode}`));
        expect(totals).toMatchObject({
          paymentTransactions: standing.length,
          onlinePaymentTransactions: online.length,
          amount: standing.reduce((sum, p) => sum + p.amount, 0),
          onlineAmount: online.reduce((sum, p) => sum + p.amount, 0),
          dossiersPaid: earliestByDossier.size,
          dossiersPaidOnline: [...earliestByDossier.values()].filter((p) => p.key.channel === 'ONLINE').length,
          proceduresPaidOnline: ['STP/P1', 'STP/P2', 'SGTVT/P1'].filter((pair) => paidOnlinePairs.has(pair)).length,
        });
      }),
      { numRuns: 500 },
    );
  });
});
