import { AdjustableClock } from './adjustable-clock';
import { generateDemoActivity, yesterday } from './demo-activity';
import { runLocal } from './run-local';

/**
 * `npm run demo`: the local stack with the last 30 days of activity replayed through the real API
 * and the mock providers, then serving as `npm start` does, so the dashboard has something true to show.
 */
const clock = new AdjustableClock();
runLocal({
  clock,
  prepare: async (stack) => {
    console.log('Generating 30 days of demo activity through the API and the mock providers…');
    const started = Date.now();
    const summary = await generateDemoActivity(stack, clock, { days: 30, endingOn: yesterday() });
    clock.resume();
    return [
      `Demo data      ${summary.from} … ${summary.to}: ${summary.dossiers} dossiers — online paid ${summary.onlinePaid}, failed ${summary.onlineFailed}, ` +
        `cancelled ${summary.onlineCancelled}, expired ${summary.onlineExpired}; counter ${summary.counterPaid}; exempt ${summary.exempt} ` +
        `(${Math.round((Date.now() - started) / 1000)} s)`,
    ];
  },
});
