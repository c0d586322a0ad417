import { agencyHistory, type AgencyHistory } from '../../domain/catalog/agency-history';
import { hasFinancialObligation, type Procedure } from '../../domain/catalog/catalog';
import type { ProviderName } from '../../domain/providers/provider-payment-report';
import { addDays, type BusinessDate } from '../../domain/shared/business-date';
import { seededRandom } from '../../domain/shared/seeded-random';
import type { FaultRequest } from '../../mocks';
import { actOnPaymentPage } from './act-on-payment-page';
import type { AdjustableClock } from './adjustable-clock';
import { demoApi, type DemoCall } from './demo-api';
import { COUNTER_ONLY, inputsFor, type DayHooks } from './demo-activity';
import type { LocalStack } from './local-stack';
import { DEMO_PRINCIPALS, signLocalToken } from './local-tokens';

/**
 * Problems planted in the demo's last days, each made the way it happens in life: the portal creates
 * a payment through the API, a mock provider misbehaves through its fault switches (POST
 * /<provider>/faults), and the citizen pays on the provider's page. Nothing is written around the
 * service, so each problem reaches the board and the case queue by the service's own roads (a
 * callback, the expiry job, a reconciliation run).
 */
export type ProblemKind =
  | 'LOST_CALLBACK'
  | 'AMOUNT_ALTERED'
  | 'SECOND_PAYMENT'
  | 'SETTLED_TWICE'
  | 'REVERSAL'
  | 'LATE_SUCCESS'
  | 'MISSING_AT_PROVIDER'
  | 'PENDING_NEXT_DAY';

/** What each kind is, for the terminal, and what finance will see for it. */
export const PROBLEM_DESCRIPTIONS: Readonly<Record<ProblemKind, string>> = {
  LOST_CALLBACK: 'lost callback: the provider took the money, its callback never came, the payment expired (run: MISSING_INTERNAL, applied automatically)',
  AMOUNT_ALTERED: 'altered amount: the provider took 5.000 ₫ less than the fee (callback and run: AMOUNT_MISMATCH)',
  SECOND_PAYMENT: 'second payment of a paid dossier: two requests, both paid (callback: duplicate payment; run: DUPLICATE)',
  SETTLED_TWICE: 'settlement row listed twice: one payment twice in the provider’s file (run: DUPLICATE)',
  REVERSAL: 'reversal: the provider reversed a success after the day (run: STATUS_MISMATCH)',
  LATE_SUCCESS: 'late success: the portal cancelled the request, then the citizen paid on the open page (callback: LATE_SUCCESS)',
  MISSING_AT_PROVIDER: 'missing at provider: paid, but left out of the provider’s file (run: MISSING_AT_PROVIDER)',
  PENDING_NEXT_DAY: 'pending next day: paid just before midnight, settled in the next day’s file (run: PENDING_NEXT_DAY)',
};

export interface PlantedProblem {
  readonly kind: ProblemKind;
  readonly businessDate: BusinessDate;
  readonly provider: ProviderName;
  readonly agencyCode: string;
  readonly dossierId: string;
  /** The payment the problem is about (for a second payment, the second one). */
  readonly paymentId: string;
  /** What the service says of the payment (see `refreshStatuses`). */
  paymentStatus: string;
}

export interface PlannedProblem {
  readonly kind: ProblemKind;
  /** Days before the demo's last day. */
  readonly daysBeforeLast: number;
  readonly provider: ProviderName;
}

/**
 * Two of every kind over the last four days: one in the two older days (which the demo reconciles)
 * and one in the two newest (left for finance to fetch and run from the board). A pending-next-day
 * payment sits on a day whose next day is in the plan, so its next file settles it.
 */
export const PROBLEM_PLAN: readonly PlannedProblem[] = [
  { kind: 'LOST_CALLBACK', daysBeforeLast: 3, provider: 'mock-bank' },
  { kind: 'AMOUNT_ALTERED', daysBeforeLast: 3, provider: 'mock-portal' },
  { kind: 'SECOND_PAYMENT', daysBeforeLast: 3, provider: 'mock-bank' },
  { kind: 'PENDING_NEXT_DAY', daysBeforeLast: 3, provider: 'mock-portal' },
  { kind: 'SETTLED_TWICE', daysBeforeLast: 2, provider: 'mock-bank' },
  { kind: 'REVERSAL', daysBeforeLast: 2, provider: 'mock-portal' },
  { kind: 'LATE_SUCCESS', daysBeforeLast: 2, provider: 'mock-bank' },
  { kind: 'MISSING_AT_PROVIDER', daysBeforeLast: 2, provider: 'mock-portal' },
  { kind: 'LOST_CALLBACK', daysBeforeLast: 1, provider: 'mock-portal' },
  { kind: 'AMOUNT_ALTERED', daysBeforeLast: 1, provider: 'mock-bank' },
  { kind: 'SETTLED_TWICE', daysBeforeLast: 1, provider: 'mock-portal' },
  { kind: 'REVERSAL', daysBeforeLast: 1, provider: 'mock-bank' },
  { kind: 'PENDING_NEXT_DAY', daysBeforeLast: 1, provider: 'mock-bank' },
  { kind: 'SECOND_PAYMENT', daysBeforeLast: 0, provider: 'mock-portal' },
  { kind: 'LATE_SUCCESS', daysBeforeLast: 0, provider: 'mock-portal' },
  { kind: 'MISSING_AT_PROVIDER', daysBeforeLast: 0, provider: 'mock-bank' },
];

/** The one kind planted after the expiry job, near midnight; the others during office hours. */
const EVENING_KINDS: ReadonlySet<ProblemKind> = new Set(['PENDING_NEXT_DAY']);
/** Planted last in the day, right before the expiry job, so the mop-up job has no time to heal it. */
const LAST_IN_DAY: ReadonlySet<ProblemKind> = new Set(['LOST_CALLBACK']);

export class DemoProblemPlanter implements DayHooks {
  readonly planted: PlantedProblem[] = [];
  private readonly call: DemoCall;
  private readonly random = seededRandom(15);
  private sequence = 0;
  /**
   * Every other problem is about a dossier of this agency, so the demo's finance user of one agency
   * (STP, functions/local/demo-staff-users.ts) has work of its own, and sees only that.
   */
  static readonly FOCUS_AGENCY = 'STP';

  private constructor(
    private readonly stack: LocalStack,
    private readonly clock: AdjustableClock,
    private readonly lastDay: BusinessDate,
    private readonly plan: readonly PlannedProblem[],
    private readonly portalToken: string,
    private readonly procedures: readonly Procedure[],
    private readonly history: AgencyHistory,
  ) {
    this.call = demoApi(stack.url);
  }

  static async create(stack: LocalStack, clock: AdjustableClock, lastDay: BusinessDate, plan: readonly PlannedProblem[] = PROBLEM_PLAN): Promise<DemoProblemPlanter> {
    const portalToken = await signLocalToken(stack.config.AUTH_JWT_SECRET, DEMO_PRINCIPALS.portal);
    const procedures = (await stack.dependencies.catalog.listProcedures()).filter((procedure) => hasFinancialObligation(procedure) && !COUNTER_ONLY.has(procedure.code));
    const history = agencyHistory(await stack.dependencies.catalog.listAgencies());
    return new DemoProblemPlanter(stack, clock, lastDay, plan, portalToken, procedures, history);
  }

  /** Reads each planted payment's status again (the expiry job and runs move some after planting). */
  async refreshStatuses(): Promise<void> {
    for (const problem of this.planted) problem.paymentStatus = await this.statusOf(problem.paymentId);
  }

  /** The days the plan touches, oldest first. */
  days(): BusinessDate[] {
    const offsets = [...new Set(this.plan.map((planned) => planned.daysBeforeLast))].sort((a, b) => b - a);
    return offsets.map((offset) => addDays(this.lastDay, -offset));
  }

  async daytime(day: BusinessDate): Promise<void> {
    const today = this.plannedOn(day).filter((planned) => !EVENING_KINDS.has(planned.kind));
    const ordered = [...today.filter((planned) => !LAST_IN_DAY.has(planned.kind)), ...today.filter((planned) => LAST_IN_DAY.has(planned.kind))];
    if (ordered.length === 0) return;
    // After the day's ordinary dossiers, in the afternoon.
    this.clock.set(new Date(Math.max(this.clock.now().getTime(), Date.parse(`${day}T16:00:00+07:00`))));
    for (const planned of ordered) {
      this.clock.advance(7 * 60_000);
      await this.plantOne(day, planned);
    }
  }

  async evening(day: BusinessDate): Promise<void> {
    const tonight = this.plannedOn(day).filter((planned) => EVENING_KINDS.has(planned.kind));
    for (const [n, planned] of tonight.entries()) {
      // Inside the next-day window (30 minutes before midnight by default).
      this.clock.set(`${day}T23:4${5 + n}:00+07:00`);
      await this.plantOne(day, planned);
    }
  }

  private plannedOn(day: BusinessDate): PlannedProblem[] {
    return this.plan.filter((planned) => addDays(this.lastDay, -planned.daysBeforeLast) === day);
  }

  private async plantOne(day: BusinessDate, planned: PlannedProblem): Promise<void> {
    const { kind, provider } = planned;
    const dossier = this.dossierOn(day);
    const first = await this.createPayment(dossier, provider, kind);
    let about = first;
    switch (kind) {
      case 'LOST_CALLBACK':
        await this.fault(provider, { paymentId: first.paymentId, drop: true });
        await this.pay(first);
        break;
      case 'AMOUNT_ALTERED':
        await this.fault(provider, { paymentId: first.paymentId, alterAmount: -5_000 });
        await this.pay(first);
        break;
      case 'SECOND_PAYMENT': {
        // The citizen opened two payment requests for the dossier (two tabs) and paid both.
        const second = await this.createPayment(dossier, provider, `${kind}-2`);
        await this.pay(first);
        await this.pay(second);
        about = second;
        break;
      }
      case 'SETTLED_TWICE':
        await this.fault(provider, { paymentId: first.paymentId, duplicateInSettlement: true });
        await this.pay(first);
        break;
      case 'REVERSAL':
        await this.pay(first);
        // The provider reverses the success afterwards; its file shows the row as REVERSED.
        await this.fault(provider, { paymentId: first.paymentId, reverse: true });
        break;
      case 'LATE_SUCCESS':
        await this.call(`/v1/payments/${first.paymentId}/cancel`, { token: this.portalToken });
        await this.pay(first);
        break;
      case 'MISSING_AT_PROVIDER':
        await this.fault(provider, { paymentId: first.paymentId, omitFromSettlement: true });
        await this.pay(first);
        break;
      case 'PENDING_NEXT_DAY':
        await this.fault(provider, { paymentId: first.paymentId, settleNextDay: true });
        await this.pay(first);
        break;
    }
    // The ledger has taken the faults: the switches can go, so later payments behave.
    for (const payment of new Set([first.paymentId, about.paymentId])) await this.call(`/${provider}/faults?paymentId=${payment}`, { method: 'DELETE' });
    await this.stack.mocks.whenIdle();
    await this.stack.whenQueuesIdle(30_000);
    this.planted.push({
      kind,
      businessDate: day,
      provider,
      agencyCode: dossier.agencyCode,
      dossierId: dossier.dossierId,
      paymentId: about.paymentId,
      paymentStatus: await this.statusOf(about.paymentId),
    });
  }

  private async statusOf(paymentId: string): Promise<string> {
    const payment = await this.call(`/v1/payments/${paymentId}`, { method: 'GET', token: this.portalToken });
    return `${String(payment.body.status)}${payment.body.lateSuccess === true ? ' (late)' : ''}`;
  }

  private dossierOn(day: BusinessDate): { dossierId: string; procedure: Procedure; agencyCode: string } {
    const focused = this.sequence % 2 === 0;
    for (let attempt = 0; attempt < 200; attempt++) {
      const procedure = this.procedures[Math.floor(this.random() * this.procedures.length)]!;
      const agencyCode = this.history.servingOn(procedure.agencyCode, day);
      if (agencyCode === undefined) continue;
      if (focused !== (agencyCode === DemoProblemPlanter.FOCUS_AGENCY) && attempt < 100) continue;
      this.sequence += 1;
      return { dossierId: `HS-${day.replaceAll('-', '')}-SC${String(this.sequence).padStart(3, '0')}`, procedure, agencyCode };
    }
    throw new Error(`no procedure is served on ${day}`);
  }

  private async createPayment(dossier: { dossierId: string; procedure: Procedure; agencyCode: string }, provider: ProviderName, attempt: string) {
    const created = await this.call('/v1/payments', {
      token: this.portalToken,
      headers: { 'idempotency-key': `demo-problem-${dossier.dossierId}-${attempt}` },
      body: {
        dossierId: dossier.dossierId,
        procedureCode: dossier.procedure.code,
        agencyCode: dossier.agencyCode,
        provider,
        inputs: inputsFor(dossier.procedure, this.random),
        payer: { name: 'Công dân thử nghiệm' },
        returnUrl: 'https://dichvucong.dongnai.gov.vn/ho-so/ket-qua',
      },
    });
    if (created.status !== 201) throw new Error(`the demo could not create a payment for ${dossier.dossierId}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
    return { paymentId: String(created.body.paymentId), paymentUrl: String(created.body.paymentUrl) };
  }

  private async pay(payment: { paymentUrl: string }): Promise<void> {
    const response = await actOnPaymentPage(payment.paymentUrl, 'pay');
    if (response.status !== 303) throw new Error(`the mock provider refused the demo's payment: HTTP ${response.status}`);
  }

  private async fault(provider: ProviderName, request: FaultRequest): Promise<void> {
    const answer = await this.call(`/${provider}/faults`, { body: request });
    if (answer.status !== 200) throw new Error(`the ${provider} fault switch refused ${JSON.stringify(request)}: HTTP ${answer.status}`);
  }
}
