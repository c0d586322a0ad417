import { agencyHistory } from '../../domain/catalog/agency-history';
import { hasFinancialObligation, type FeeRule, type Procedure } from '../../domain/catalog/catalog';
import { addDays, businessDateOf, type BusinessDate } from '../../domain/shared/business-date';
import { seededRandom } from '../../domain/shared/seeded-random';
import { actOnPaymentPage } from './act-on-payment-page';
import type { AdjustableClock } from './adjustable-clock';
import { demoApi } from './demo-api';
import type { LocalStack } from './local-stack';
import { DEMO_PRINCIPALS, signLocalToken } from './local-tokens';

/**
 * A month of plausible activity, produced the way real users produce it: the portal quotes and
 * creates payments through the API, citizens pay, fail or give up on the mock providers' pages (whose
 * signed callbacks the service receives), unpaid requests expire, and finance records counter
 * payments. Each agency has its own habit of paying online, so the dashboard shows agencies above
 * and below the targets, and two procedures never paid online (what to enable or promote next).
 * Each day's dossiers go to the agency serving their procedure that day, so a run across the 2025
 * reorganisation pays the old agencies before it and their successors after; the counter is quoted
 * the full fee and the portal the online one (with any online reduction).
 */
export interface DemoSummary {
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  readonly dossiers: number;
  readonly onlinePaid: number;
  readonly onlineFailed: number;
  readonly onlineCancelled: number;
  readonly onlineExpired: number;
  readonly counterPaid: number;
  readonly exempt: number;
  /** What each agency's dossiers did, counted from the API's answers: a hand count to check reports against. */
  readonly byAgency: Readonly<Record<string, { readonly online: number; readonly counter: number }>>;
}

/** Work added to each day: during office hours (before the expiry job closes the day) and after it, near midnight. */
export interface DayHooks {
  daytime(day: BusinessDate): Promise<void>;
  evening(day: BusinessDate): Promise<void>;
}

/** Share of an agency's dossiers paid online (the rest at the counter); the old agencies keep theirs as history. */
const ONLINE_SHARE: Record<string, number> = {
  STP: 0.45,
  STC: 0.6,
  SXD: 0.27,
  SYT: 0.12,
  SNNMT: 0.2,
  TRANBIEN: 0.5,
  TAMHIEP: 0.35,
  STNMT: 0.2,
  SGTVT: 0.3,
  SKHDT: 0.6,
  BIENHOA: 0.35,
  TANPHONG: 0.5,
};
/** Procedures whose dossiers are still all paid at the counter. */
export const COUNTER_ONLY = new Set(['DKX-BIENSO', 'CCHN-KCB']);

export async function generateDemoActivity(
  stack: LocalStack,
  clock: AdjustableClock,
  options: { days: number; endingOn: BusinessDate; seed?: number; log?: (line: string) => void; plant?: DayHooks },
): Promise<DemoSummary> {
  const random = seededRandom(options.seed ?? 20_260_101);
  const portal = await signLocalToken(stack.config.AUTH_JWT_SECRET, DEMO_PRINCIPALS.portal);
  const finance = await signLocalToken(stack.config.AUTH_JWT_SECRET, { sub: 'ke-toan-demo', roles: ['finance'], agencies: ['*'] });
  const procedures = (await stack.dependencies.catalog.listProcedures()).filter(hasFinancialObligation);
  const history = agencyHistory(await stack.dependencies.catalog.listAgencies());
  const counts = { dossiers: 0, onlinePaid: 0, onlineFailed: 0, onlineCancelled: 0, onlineExpired: 0, counterPaid: 0, exempt: 0 };
  const byAgency: Record<string, { online: number; counter: number }> = {};
  const tally = (agencyCode: string, channel: 'online' | 'counter') => {
    byAgency[agencyCode] ??= { online: 0, counter: 0 };
    byAgency[agencyCode][channel] += 1;
  };
  const from = addDays(options.endingOn, -(options.days - 1));
  let sequence = 0;

  const call = demoApi(stack.url);

  for (let day = from; day <= options.endingOn; day = addDays(day, 1)) {
    clock.set(`${day}T08:00:00+07:00`);
    for (const procedure of procedures) {
      const agencyCode = history.servingOn(procedure.agencyCode, day);
      if (agencyCode === undefined) continue; // no agency served it that day
      const dossiersToday = Math.floor(random() * 3); // 0–2 a day per procedure
      for (let n = 0; n < dossiersToday; n++) {
        sequence += 1;
        counts.dossiers += 1;
        clock.advance(Math.floor(random() * 20 * 60_000)); // spread the day's work across office hours
        const dossierId = `HS-${day.replaceAll('-', '')}-${String(sequence).padStart(5, '0')}`;
        const inputs = { ...inputsFor(procedure, random), ...(random() < 0.03 ? { exemption: true } : {}) };
        const online = !COUNTER_ONLY.has(procedure.code) && random() < (ONLINE_SHARE[agencyCode] ?? 0.3);
        const quote = await call('/v1/fees/quote', { body: { procedureCode: procedure.code, inputs, channel: online ? 'ONLINE' : 'COUNTER' } });
        if (quote.body.amount === 0) {
          counts.exempt += 1; // nothing is owed: no payment, and the dossier is out of the rates
          continue;
        }
        if (!online) {
          const paid = await call('/v1/offline-payments', {
            token: finance,
            body: {
              dossierId,
              procedureCode: procedure.code,
              agencyCode,
              amount: quote.body.amount,
              method: (['CASH', 'POS', 'BANK_TRANSFER'] as const)[Math.floor(random() * 3)],
              paidAt: clock.now().toISOString(),
              receiptNo: `${agencyCode}/${day.slice(0, 4)}/${String(sequence).padStart(6, '0')}`,
            },
          });
          if (paid.status === 201) {
            counts.counterPaid += 1;
            tally(agencyCode, 'counter');
          }
          continue;
        }
        const created = await call('/v1/payments', {
          token: portal,
          headers: { 'idempotency-key': `demo-${dossierId}` },
          body: {
            dossierId,
            procedureCode: procedure.code,
            agencyCode,
            provider: random() < 0.6 ? 'mock-portal' : 'mock-bank',
            inputs,
            payer: { name: 'Công dân thử nghiệm' },
            returnUrl: 'https://dichvucong.dongnai.gov.vn/ho-so/ket-qua',
          },
        });
        if (created.status !== 201) continue;
        const paymentUrl = String(created.body.paymentUrl);
        const roll = random();
        if (roll < 0.84) {
          await actOnPaymentPage(paymentUrl, 'pay');
          const paid = await call(`/v1/payments/${String(created.body.paymentId)}`, { method: 'GET', token: portal });
          if (paid.body.status === 'SUCCEEDED') {
            counts.onlinePaid += 1;
            tally(agencyCode, 'online');
          }
        } else if (roll < 0.91) {
          await actOnPaymentPage(paymentUrl, 'fail');
          counts.onlineFailed += 1;
        } else if (roll < 0.95) {
          await actOnPaymentPage(paymentUrl, 'cancel');
          await call(`/v1/payments/${String(created.body.paymentId)}/cancel`, { token: portal });
          counts.onlineCancelled += 1;
        } else {
          counts.onlineExpired += 1; // the citizen never came back: the expiry job ends it tonight
        }
        // Let the notification go out before the clock moves on, as it would within seconds in real time.
        await stack.whenQueuesIdle(30_000);
      }
    }
    await options.plant?.daytime(day);
    // The expiry job closes the day (the clock never goes back: a planted problem may have moved it on).
    clock.set(new Date(Math.max(clock.now().getTime(), Date.parse(`${day}T23:30:00+07:00`))));
    await stack.runScheduled('ExpirePayments');
    await options.plant?.evening(day);
    options.log?.(`demo: ${day} done (${counts.dossiers} dossiers so far)`);
  }
  await stack.mocks.whenIdle();
  await stack.whenQueuesIdle(120_000);
  return { from, to: options.endingOn, ...counts, byAgency };
}

export function inputsFor(procedure: Procedure, random: () => number): Record<string, number> {
  const rules: FeeRule[] = procedure.fees.map((fee) => fee.rule);
  const inputs: Record<string, number> = {};
  if (rules.some((rule) => rule.type === 'tiered')) {
    inputs.pages = 1 + Math.floor(random() * 12);
    inputs.copies = 1 + Math.floor(random() * 3);
  }
  if (rules.some((rule) => rule.type === 'percentage')) inputs.declaredValue = (5 + Math.floor(random() * 60)) * 100_000_000;
  return inputs;
}
export function yesterday(): BusinessDate {
  return addDays(businessDateOf(new Date()), -1);
}
