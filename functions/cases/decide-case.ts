import type { CaseDecision, CaseTrailEntry } from '../../domain/cases/case';
import { caseEffects, ACTIONS_BY_TYPE, type CaseEffects, type EffectName } from '../../domain/cases/case-effects';
import { isDecision, type CaseAction, type CaseStatus, type StaffAction } from '../../domain/cases/case-state-machine';
import type { Payment } from '../../domain/payments/payment';
import type { ProviderPaymentReport } from '../../domain/providers/provider-payment-report';
import { toVietnamIso } from '../../domain/shared/business-date';
import type { TransactWriteItem } from '../adapters/dynamodb/transact-write';
import { applyProviderReport } from '../callbacks/apply-provider-report';
import type { Dependencies } from '../composition';
import type { Principal } from '../http/principal';
import { discrepancyDecisionWrite } from '../reconciliation/reconciliation-repository';
import { startCaseRefund } from '../refunds/start-case-refund';
import { canDecideCase } from './case-access';
import { caseActionWrites } from './case-records';
import { MAX_TRAIL_ENTRIES, type StoredCase } from './case-repository';

/**
 * Finance's action on a case: the decision (ACCEPT_PROVIDER, REFUND, WRITE_OFF), once, or a note, any
 * time. The pure caseEffects says what the decision does; this carries it out in ONE transaction: the
 * case's status and decision, its trail entry, every run's copy of its findings, and — when the
 * decision collects the provider's money — the payment's success through applyProviderReport (the
 * callback's exactly-once path, event id `case:<caseId>:COLLECTED`), with its counters and the
 * PaymentSucceeded outbox record that issues the receipt. docs/CASES.md has the table.
 *
 * Two officers deciding at once: the case's status and trail count are conditions of the write, so
 * one wins and the other reads again and is told ALREADY_DECIDED.
 */
export type DecideCaseOutcome =
  | { readonly kind: 'DECIDED'; readonly case: StoredCase; readonly trail: readonly CaseTrailEntry[]; readonly effect: EffectName }
  | { readonly kind: 'NOT_FOUND' }
  | { readonly kind: 'FORBIDDEN' }
  | { readonly kind: 'ALREADY_DECIDED'; readonly case: StoredCase }
  | { readonly kind: 'NOT_ALLOWED_FOR_TYPE'; readonly case: StoredCase; readonly why: string; readonly allowed: readonly StaffAction[] }
  /** The case has MAX_TRAIL_ENTRIES actions already. */
  | { readonly kind: 'TRAIL_FULL'; readonly limit: number };

export interface DecideCaseInput {
  readonly caseId: string;
  readonly action: StaffAction;
  /** Required for NOTE; optional otherwise. */
  readonly note: string | null;
  readonly principal: Principal;
}

export type DecideDependencies = Pick<Dependencies, 'cases' | 'payments' | 'clock' | 'dynamoDb' | 'tableName'> & Partial<Pick<Dependencies, 'refunds'>>;

const MAX_ATTEMPTS = 5;
/** Run copies a decision updates in its transaction (a case is found by a few runs at most). */
const MAX_COPIES = 80;

export const collectEventId = (caseId: string) => `case:${caseId}:COLLECTED`;

export async function decideCase(input: DecideCaseInput, deps: DecideDependencies): Promise<DecideCaseOutcome> {
  const outcome = await act(input.caseId, input.action, input.note, input.principal.subject, deps, (found) => canDecideCase(input.principal, found), async (effect) => {
    // The officer is shown the case as decided, with its trail.
    const [decided, trail] = await Promise.all([deps.cases.get(input.caseId), deps.cases.trail(input.caseId)]);
    return { kind: 'DECIDED' as const, case: decided!, trail, effect };
  });
  // A REFUND decision starts the refund it decided (functions/refunds/start-case-refund.ts).
  if (outcome.kind === 'DECIDED' && outcome.case.status === 'REFUND_DUE' && deps.refunds) await startCaseRefund(outcome.case, input.principal, { ...deps, refunds: deps.refunds });
  return outcome;
}

/**
 * What the service decides by itself: a run applied the lost callback (AUTO_APPLIED), a refund was made
 * (REFUNDED). Nobody is shown the case, so it is not read back: a run decides a thousand at a time.
 */
export async function decideCaseByService(caseId: string, action: 'AUTO_APPLIED' | 'REFUNDED', by: string, deps: DecideDependencies): Promise<ServiceDecisionOutcome> {
  return act(caseId, action, null, by, deps, () => true, async (effect) => ({ kind: 'DECIDED', effect }));
}

export type ServiceDecisionOutcome = Exclude<DecideCaseOutcome, { kind: 'DECIDED' }> | { readonly kind: 'DECIDED'; readonly effect: EffectName };

async function act<Decided>(
  caseId: string,
  action: CaseAction,
  note: string | null,
  by: string,
  deps: DecideDependencies,
  allowed: (found: StoredCase) => boolean,
  decided: (effect: EffectName) => Promise<Decided>,
): Promise<Decided | Exclude<DecideCaseOutcome, { kind: 'DECIDED' }>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const found = await deps.cases.get(caseId);
    if (!found) return { kind: 'NOT_FOUND' };
    if (!allowed(found)) return { kind: 'FORBIDDEN' };
    const payment = found.paymentId ? ((await deps.payments.getPayment(found.paymentId)) ?? null) : null;
    const effects = caseEffects(found, action, payment);
    if (effects.kind === 'REFUSED') {
      if (effects.reason === 'ALREADY_DECIDED') return { kind: 'ALREADY_DECIDED', case: found };
      return { kind: 'NOT_ALLOWED_FOR_TYPE', case: found, why: effects.why, allowed: ACTIONS_BY_TYPE[found.type] };
    }
    if (found.entries >= MAX_TRAIL_ENTRIES) return { kind: 'TRAIL_FULL', limit: MAX_TRAIL_ENTRIES };
    const at = toVietnamIso(deps.clock.now());
    const writesFor = (status: CaseStatus, effect: EffectName) => actionWrites(found, action, note, by, at, status, effect, deps.tableName);

    const committed = effects.collect
      ? await collect(found, effects, payment!, writesFor, deps)
      : (await deps.cases.write(writesFor(effects.status, effects.effect))) === undefined
        ? effects.effect
        : undefined;
    if (committed !== undefined) return decided(committed);
    // Decided, noted or paid meanwhile: read again and decide on what is there now.
  }
  throw new Error(`could not record ${action} on case ${caseId} after repeated conflicts`);
}

/** Applies the provider's success with the decision; answers the effect, or undefined to read again. */
async function collect(
  found: StoredCase,
  effects: Extract<CaseEffects, { kind: 'DECIDED' }>,
  payment: Payment,
  writesFor: (status: CaseStatus, effect: EffectName) => TransactWriteItem[],
  deps: DecideDependencies,
): Promise<EffectName | undefined> {
  const collect = effects.collect!;
  const report: ProviderPaymentReport = {
    provider: found.provider,
    eventId: collectEventId(found.caseId),
    providerTxnId: collect.providerTxnId,
    paymentId: collect.paymentId,
    amount: collect.amount,
    status: 'SUCCEEDED',
    occurredAt: collect.occurredAt,
  };
  let effect = effects.effect;
  const result = await applyProviderReport(
    report,
    { payments: deps.payments, doc: deps.dynamoDb.doc, tableName: deps.tableName, clock: deps.clock },
    {
      payment,
      decidingCase: true,
      alsoWrites: (outcome) => {
        // Another payment paid the dossier meanwhile: this money is kept as its second payment, never
        // counted, and is due back whatever was decided.
        if (outcome === 'DUPLICATE') effect = 'REFUND_DUE';
        return writesFor(outcome === 'DUPLICATE' ? 'REFUND_DUE' : effects.status, effect);
      },
    },
  );
  return result.moved ? effect : undefined;
}

function actionWrites(found: StoredCase, action: CaseAction, note: string | null, by: string, at: string, status: CaseStatus, effect: EffectName, tableName: string): TransactWriteItem[] {
  const entry: CaseTrailEntry = { action, note, by, at, status };
  const decision: CaseDecision | null = isDecision(action) ? { action, note, by, at, effect } : null;
  const writes = caseActionWrites(tableName, found, entry, decision);
  if (!decision) return writes;
  const copies = found.findings.filter((finding) => finding.runId && finding.discrepancyId).slice(0, MAX_COPIES);
  const seen = new Set<string>();
  for (const finding of copies) {
    const key = `${finding.runId}#${finding.discrepancyId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    writes.push(discrepancyDecisionWrite(tableName, finding.runId!, finding.discrepancyId!, { action, note, by, at }, status));
  }
  return writes;
}
