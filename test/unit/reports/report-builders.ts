import type { ReportCounter } from '../../../domain/reports/counters';
import type { FeeBearingProcedure } from '../../../domain/reports/fee-bearing-catalog';
import { parseTargetSets, type TargetSet } from '../../../domain/reports/target-sets';
import shippedTargetSets from '../../../data/target-sets.json';

/** Test data with valid defaults; each test overrides only what it is about. */
export function aCounter(overrides: Partial<ReportCounter> = {}): ReportCounter {
  return {
    agencyCode: 'STP',
    procedureCode: 'LLTP-CAP',
    businessDate: '2026-03-10',
    channel: 'ONLINE',
    paymentTransactions: 1,
    amount: 200_000,
    dossiersPaid: 1,
    ...overrides,
  };
}

/** n payments of one procedure on one day and channel, each a dossier of its own. */
export function payments(n: number, overrides: Partial<ReportCounter> = {}): ReportCounter {
  return aCounter({ paymentTransactions: n, amount: n * 10_000, dossiersPaid: n, ...overrides });
}

export function procedure(agencyCode: string, procedureCode: string): FeeBearingProcedure {
  return { agencyCode, procedureCode };
}

const sets = parseTargetSets(shippedTargetSets);

export function shippedTargetSet(id: 'nq01-2021' | 'haiphong-2024'): TargetSet {
  const set = sets.find((s) => s.id === id);
  if (!set) throw new Error(`target set ${id} is not shipped`);
  return set;
}
