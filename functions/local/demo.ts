import { addDays } from '../../domain/shared/business-date';
import { AdjustableClock } from './adjustable-clock';
import { generateDemoActivity, yesterday } from './demo-activity';
import { DemoProblemPlanter, PROBLEM_DESCRIPTIONS } from './demo-problems';
import { openCasesByType, reconcileDemoDays } from './demo-runs';
import { runLocal } from './run-local';

/**
 * `npm run demo`: the local stack with the last 30 days of activity replayed through the real API
 * and the mock providers, with problems planted in the last four days through the mocks' fault
 * switches; then the older days are reconciled (files fetched from the providers, runs through the
 * API) and the two newest are left for finance to fetch and run from the board. It then serves as
 * `npm start` does, so the dashboard, the board and the case queue have real work on the first visit.
 */
const DAYS = 30;
/** Days before the last one that the demo reconciles; the newer ones are left for the board. */
const RECONCILED_DAYS_BEFORE_LAST = [6, 5, 4, 3, 2];

/** The finding types a run counted, without the zeros. */
function found(discrepancies: Readonly<Record<string, number>>): string {
  return Object.entries(discrepancies)
    .filter(([, count]) => count > 0)
    .map(([type, count]) => `${type} ${count}`)
    .join(', ');
}

const clock = new AdjustableClock();
runLocal({
  clock,
  prepare: async (stack) => {
    console.log(`Generating ${DAYS} days of demo activity through the API and the mock providers, with problems planted in the last four…`);
    const started = Date.now();
    const lastDay = yesterday();
    const planter = await DemoProblemPlanter.create(stack, clock, lastDay);
    const summary = await generateDemoActivity(stack, clock, { days: DAYS, endingOn: lastDay, plant: planter });
    clock.resume();
    const generated = Date.now();
    const runs = await reconcileDemoDays(stack, RECONCILED_DAYS_BEFORE_LAST.map((n) => addDays(lastDay, -n)));
    await planter.refreshStatuses();
    const queue = await openCasesByType(stack);
    const reconciledDays = new Set(runs.map((run) => run.businessDate));
    const leftDays = planter.days().filter((day) => !reconciledDays.has(day));
    return [
      `Demo data      ${summary.from} … ${summary.to}: ${summary.dossiers} dossiers — online paid ${summary.onlinePaid}, failed ${summary.onlineFailed}, ` +
        `cancelled ${summary.onlineCancelled}, expired ${summary.onlineExpired}; counter ${summary.counterPaid}; exempt ${summary.exempt} ` +
        `(${Math.round((generated - started) / 1000)} s)`,
      `Planted problems (${planter.planted.length}), each through the mock providers' fault switches:`,
      ...planter.planted.map(
        (problem) =>
          `  ${problem.businessDate}  ${problem.provider.padEnd(11)} ${problem.agencyCode.padEnd(9)} ${problem.paymentId}  ${problem.dossierId}  now ${problem.paymentStatus.padEnd(16)}  ${PROBLEM_DESCRIPTIONS[problem.kind]}`,
      ),
      `Reconciled     ${runs.length} runs over ${[...reconciledDays].join(', ')} (files fetched from the providers; ${Math.round((Date.now() - generated) / 1000)} s):`,
      ...runs.map(
        (run) =>
          `  ${run.businessDate}  ${run.provider.padEnd(11)} ${run.status} ${run.rows} rows, matched ${run.matched}` +
          (found(run.discrepancies) === '' ? ', nothing to look at' : `, found ${found(run.discrepancies)}`),
      ),
      `Case queue     ${Object.values(queue).reduce((sum, n) => sum + n, 0)} open: ${found(queue) || 'none'} (/staff/cases)`,
      `Left for you   ${leftDays.join(', ')}: the providers' files are waiting; fetch them and run from the board (/staff).`,
      `Demo ready in ${Math.round((Date.now() - started) / 1000)} s.`,
    ];
  },
});
