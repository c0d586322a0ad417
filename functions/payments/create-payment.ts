import { hasFinancialObligation, type CatalogReader, type Procedure } from '../../domain/catalog/catalog';
import type { FeeInputIssue } from '../../domain/fees/fee-inputs';
import { quoteFees, type Quote } from '../../domain/fees/quote';
import { requestFingerprint } from '../../domain/payments/idempotency';
import type { Payment } from '../../domain/payments/payment';
import { newPaymentId } from '../../domain/payments/payment-id';
import { CREATED_EVENT, INITIAL_STATUS } from '../../domain/payments/payment-state-machine';
import { businessDateOf, toVietnamIso } from '../../domain/shared/business-date';
import { agencyServing } from '../catalog/serving-agency';
import type { Dependencies } from '../composition';
import { canActForAgency, type Principal } from '../http/principal';
import type { CreatePaymentRequest } from './create-payment-request';
import type { IdempotencyRecord, IdempotencyScope } from './payment-request-repository';

/**
 * Creating a payment request for a dossier (CONTRACT.md, Payments; ARCHITECTURE.md, Flows): check
 * the caller may act for the agency → price the dossier from the catalog (cached in the function) →
 * ONE transaction: the key's record, the PENDING payment and the dossier guard. That transaction is
 * the happy path's only round trip. When it is refused, what refused it answers: the key's record (a
 * replay of the same request, or a key reused for another one), a paid dossier, or a dossier of
 * another procedure; a refusal writes nothing. Every expected outcome is a value; only faults are
 * thrown.
 */
export interface CreatePaymentCommand {
  readonly principal: Principal;
  readonly idempotencyKey: string;
  readonly request: CreatePaymentRequest;
}

export type CreatePaymentResult =
  | { readonly kind: 'CREATED'; readonly payment: Payment }
  | { readonly kind: 'REPLAYED'; readonly payment: Payment }
  | { readonly kind: 'IDEMPOTENCY_KEY_REUSED' }
  /** Another request with the key was still being written at every try. */
  | { readonly kind: 'IDEMPOTENCY_KEY_IN_USE' }
  | { readonly kind: 'AGENCY_NOT_ALLOWED' }
  | { readonly kind: 'UNKNOWN_PROCEDURE' }
  | { readonly kind: 'AGENCY_MISMATCH'; readonly procedureAgencyCode: string }
  | { readonly kind: 'INVALID_INPUTS'; readonly issues: readonly FeeInputIssue[] }
  | { readonly kind: 'NO_PAYMENT_REQUIRED' }
  | { readonly kind: 'DOSSIER_ALREADY_PAID' }
  | { readonly kind: 'DOSSIER_PROCEDURE_MISMATCH'; readonly procedureCode: string };

type CreatePaymentDependencies = Pick<Dependencies, 'paymentRequests' | 'clock' | 'paymentLinks' | 'config'> & {
  readonly catalog: Pick<CatalogReader, 'getProcedure' | 'listAgencies'>;
};

export async function createPayment(command: CreatePaymentCommand, deps: CreatePaymentDependencies): Promise<CreatePaymentResult> {
  const { request, principal } = command;
  if (!canActForAgency(principal, request.agencyCode)) return { kind: 'AGENCY_NOT_ALLOWED' };

  const scope: IdempotencyScope = { caller: principal.subject, key: command.idempotencyKey };
  const fingerprint = requestFingerprint(request);
  const now = deps.clock.now();

  const priced = await priceDossier(request, now, deps);
  if (priced.kind !== 'PRICED') {
    // A key used before is answered from its record, as it was then, even if the catalog changed since.
    const seen = await deps.paymentRequests.findIdempotencyRecord(scope, now);
    return seen ? answerFromRecord(seen, fingerprint, deps) : priced;
  }
  const { procedure, agencyCode, quote } = priced;

  const paymentId = newPaymentId(now);
  const expiresAt = new Date(now.getTime() + deps.config.PAYMENT_EXPIRY_MINUTES * 60_000);
  const links = deps.paymentLinks({ paymentId, provider: request.provider, amount: quote.amount, returnUrl: request.returnUrl, expiresAt, issuedAt: now });
  const createdAt = toVietnamIso(now);
  const payment: Payment = {
    paymentId,
    status: INITIAL_STATUS,
    dossierId: request.dossierId,
    procedureCode: procedure.code,
    agencyCode,
    provider: request.provider,
    amount: quote.amount,
    currency: 'VND',
    lines: quote.lines,
    inputs: request.inputs,
    feeScheduleDate: quote.businessDate,
    payerName: request.payer.name,
    returnUrl: request.returnUrl,
    paymentUrl: links.paymentUrl,
    vietQr: links.vietQr,
    createdAt,
    updatedAt: createdAt,
    expiresAt: toVietnamIso(expiresAt),
    createdBy: principal.subject,
    events: [{ type: CREATED_EVENT, at: createdAt, amount: quote.amount, provider: request.provider }],
  };
  const outcome = await deps.paymentRequests.createPayment(payment, { scope, fingerprint });
  switch (outcome.kind) {
    case 'CREATED':
      return { kind: 'CREATED', payment: outcome.payment };
    case 'KEY_TAKEN':
      return answerFromRecord(outcome.record, fingerprint, deps);
    case 'KEY_BUSY':
      return { kind: 'IDEMPOTENCY_KEY_IN_USE' };
    case 'DOSSIER_ALREADY_PAID':
      return { kind: 'DOSSIER_ALREADY_PAID' };
    case 'DOSSIER_PROCEDURE_MISMATCH':
      return { kind: 'DOSSIER_PROCEDURE_MISMATCH', procedureCode: outcome.procedureCode };
  }
}

type Refusal = Extract<CreatePaymentResult, { kind: 'UNKNOWN_PROCEDURE' | 'AGENCY_MISMATCH' | 'NO_PAYMENT_REQUIRED' | 'INVALID_INPUTS' }>;

/** The procedure and the quote of the dossier, or why the catalog refuses it. */
async function priceDossier(
  request: CreatePaymentRequest,
  now: Date,
  deps: CreatePaymentDependencies,
): Promise<{ readonly kind: 'PRICED'; readonly procedure: Procedure; readonly agencyCode: string; readonly quote: Quote } | Refusal> {
  const procedure = await deps.catalog.getProcedure(request.procedureCode);
  if (!procedure) return { kind: 'UNKNOWN_PROCEDURE' };
  // The agency serving the procedure on the submission date collects the payment and keeps it.
  const agencyCode = await agencyServing(deps.catalog, procedure, businessDateOf(now));
  if (agencyCode !== request.agencyCode) return { kind: 'AGENCY_MISMATCH', procedureAgencyCode: agencyCode ?? procedure.agencyCode };
  if (!hasFinancialObligation(procedure)) return { kind: 'NO_PAYMENT_REQUIRED' };
  const priced = quoteFees(procedure, request.inputs, now, 'ONLINE');
  if (!priced.ok) return { kind: 'INVALID_INPUTS', issues: priced.issues };
  if (priced.quote.amount === 0) return { kind: 'NO_PAYMENT_REQUIRED' };
  return { kind: 'PRICED', procedure, agencyCode: request.agencyCode, quote: priced.quote };
}

async function answerFromRecord(record: IdempotencyRecord, fingerprint: string, deps: CreatePaymentDependencies): Promise<CreatePaymentResult> {
  if (record.fingerprint !== fingerprint) return { kind: 'IDEMPOTENCY_KEY_REUSED' };
  const payment = await deps.paymentRequests.getPayment(record.paymentId);
  if (!payment) throw new Error(`idempotency record points at missing payment ${record.paymentId}`);
  return { kind: 'REPLAYED', payment };
}
