// Proves the demo's planted problems reach finance by the service's own roads: every kind shows up as the finding the plan promises when its day's file, fetched from the mock provider, is reconciled; and fetching refuses a provider that is down or a file that is not a settlement file.
import { AdjustableClock } from '../../functions/local/adjustable-clock';
import { generateDemoActivity } from '../../functions/local/demo-activity';
import { DemoProblemPlanter, PROBLEM_PLAN, type ProblemKind } from '../../functions/local/demo-problems';
import { reconcileDemoDays, type DemoRun } from '../../functions/local/demo-runs';
import type { LocalStack } from '../../functions/local/local-stack';
import type { Principal } from '../../functions/http/principal';
import { fetchSettlementFile } from '../../functions/settlements/fetch-settlement-file';
import { addDays } from '../../domain/shared/business-date';
import { startTestStack, tokenFor } from '../support/local-stack';

const LAST_DAY = '2026-10-08';
const finance: Principal = { subject: 'ke-toan-e2e', roles: ['finance'], agencies: ['*'] };

/** The run finding each kind is planted to produce (LATE_SUCCESS is a callback finding: its row matches). */
const FINDING: Readonly<Record<ProblemKind, string | undefined>> = {
  LOST_CALLBACK: 'MISSING_INTERNAL',
  AMOUNT_ALTERED: 'AMOUNT_MISMATCH',
  SECOND_PAYMENT: 'DUPLICATE',
  SETTLED_TWICE: 'DUPLICATE',
  REVERSAL: 'STATUS_MISMATCH',
  LATE_SUCCESS: undefined,
  MISSING_AT_PROVIDER: 'MISSING_AT_PROVIDER',
  PENDING_NEXT_DAY: 'PENDING_NEXT_DAY',
};

describe('the demo’s planted problems', () => {
  const clock = new AdjustableClock();
  let stack: LocalStack;
  let planter: DemoProblemPlanter;
  let runs: DemoRun[];

  beforeAll(async () => {
    stack = await startTestStack({ clock });
    planter = await DemoProblemPlanter.create(stack, clock, LAST_DAY);
    await generateDemoActivity(stack, clock, { days: 4, endingOn: LAST_DAY, seed: 3, plant: planter });
    clock.resume();
    // Every planned day, so each planted problem meets a run here (the demo itself leaves the newest two).
    runs = await reconcileDemoDays(stack, planter.days());
    await planter.refreshStatuses();
    // Four days of activity, sixteen problems and eight runs through the whole stack: more than one test's default.
  }, 300_000);
  afterAll(async () => stack.stop());

  it('plants two of every kind, each on its planned day and provider, half of them for the one-agency demo user’s agency', () => {
    expect(planter.planted).toHaveLength(PROBLEM_PLAN.length);
    expect(planter.planted.filter((problem) => problem.agencyCode === DemoProblemPlanter.FOCUS_AGENCY)).toHaveLength(PROBLEM_PLAN.length / 2);
    for (const kind of Object.keys(FINDING) as ProblemKind[]) expect(planter.planted.filter((problem) => problem.kind === kind)).toHaveLength(2);
    for (const planned of PROBLEM_PLAN) {
      expect(planter.planted).toContainEqual(expect.objectContaining({ kind: planned.kind, provider: planned.provider, businessDate: addDays(LAST_DAY, -planned.daysBeforeLast) }));
    }
  });

  it('finds every planted problem in its day’s run, of the type the plan promises', () => {
    const expected = new Map<string, Record<string, number>>();
    for (const problem of planter.planted) {
      const finding = FINDING[problem.kind];
      if (finding === undefined) continue;
      const key = `${problem.businessDate} ${problem.provider}`;
      const counts = expected.get(key) ?? {};
      counts[finding] = (counts[finding] ?? 0) + 1;
      expected.set(key, counts);
    }
    for (const run of runs) {
      expect(run.status).toBe('COMPLETED');
      const planted = expected.get(`${run.businessDate} ${run.provider}`) ?? {};
      const foundTypes = Object.fromEntries(Object.entries(run.discrepancies).filter(([, count]) => count > 0));
      expect([run.businessDate, run.provider, foundTypes]).toEqual([run.businessDate, run.provider, planted]);
    }
  });

  it('leaves the payments as each problem says: a lost callback applied by the run, a late success marked late, a reversal still a success', () => {
    const statusOf = (kind: ProblemKind) => planter.planted.filter((problem) => problem.kind === kind).map((problem) => problem.paymentStatus);
    expect(statusOf('LOST_CALLBACK')).toEqual(['SUCCEEDED (late)', 'SUCCEEDED (late)']);
    expect(statusOf('LATE_SUCCESS')).toEqual(['SUCCEEDED (late)', 'SUCCEEDED (late)']);
    expect(statusOf('AMOUNT_ALTERED').every((status) => status !== 'SUCCEEDED')).toBe(true);
    expect(statusOf('SECOND_PAYMENT')).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  });

  it('shows the planted callback problems to finance as review items', async () => {
    const token = await tokenFor(stack, { sub: 'kt-all', roles: ['finance'], agencies: ['*'] });
    const response = await fetch(`${stack.url}/v1/review-items?status=OPEN`, { headers: { authorization: `Bearer ${token}` } });
    const items = ((await response.json()) as { items: Array<{ paymentId: string; reason: string }> }).items;
    const reasonOf = (kind: ProblemKind) => planter.planted.filter((problem) => problem.kind === kind).map((problem) => items.find((item) => item.paymentId === problem.paymentId)?.reason);
    expect(reasonOf('LATE_SUCCESS')).toEqual(['LATE_SUCCESS', 'LATE_SUCCESS']);
    expect(reasonOf('SECOND_PAYMENT')).toEqual(['DUPLICATE_PAYMENT_FOR_DOSSIER', 'DUPLICATE_PAYMENT_FOR_DOSSIER']);
    expect(reasonOf('AMOUNT_ALTERED')).toEqual(['AMOUNT_MISMATCH', 'AMOUNT_MISMATCH']);
  });

  it('reports a provider that is down, and refuses a page that is not a settlement file, keeping the day’s file', async () => {
    const day = addDays(LAST_DAY, -1);
    const before = await stack.dependencies.settlements.getCurrent('mock-bank', day);
    const withUrl = (url: string) => ({ ...stack.dependencies, config: { ...stack.dependencies.config, settlementSourceUrls: { 'mock-bank': url } } });
    expect(await fetchSettlementFile({ provider: 'mock-bank', businessDate: day, principal: finance }, withUrl('http://127.0.0.1:9/{businessDate}.csv'))).toEqual({
      kind: 'PROVIDER_UNAVAILABLE',
      detail: 'no connection to the provider',
    });
    // The mock's ledger page is HTML, not CSV: refused at its first line.
    expect(await fetchSettlementFile({ provider: 'mock-bank', businessDate: day, principal: finance }, withUrl(`${stack.url}/mock-bank?day={businessDate}`))).toMatchObject({
      kind: 'INVALID_FILE',
      line: 1,
      field: 'header',
    });
    expect(await stack.dependencies.settlements.getCurrent('mock-bank', day)).toEqual(before);
  });
});
