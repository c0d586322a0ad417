import { hasFinancialObligation } from '../../domain/catalog/catalog';
import type { FeeInputIssue } from '../../domain/fees/fee-inputs';
import { quoteFees } from '../../domain/fees/quote';
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
 * Creating a payment request for a dossier (CONTRACT.md, Payments; ARCHITECTURE.md, Flows):
 * check the caller may act for the agency → look up the idempotency key → price the dossier from the
 * catalog → claim the key → one transaction: the key's completion, the PENDING payment and the
 * dossier guard. Refusals decided before the claim write nothing; a refusal by the transaction gives
 * the key back. Every expected outcome is a value; only faults are thrown.
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
  | { readonly kind: 'IDEMPOTENCY_KEY_IN_USE' }
  | { readonly kind: 'AGENCY_NOT_ALLOWED' }
  | { readonly kind: 'UNKNOWN_PROCEDURE' }
  | { readonly kind: 'AGENCY_MISMATCH'; readonly procedureAgencyCode: string }
  | { readonly kind: 'INVALID_INPUTS'; readonly issues: readonly FeeInputIssue[] }
  | { readonly kind: 'NO_PAYMENT_REQUIRED' }
  | { readonly kind: 'DOSSIER_ALREADY_PAID' }
  | { readonly kind: 'DOSSIER_PROCEDURE_MISMATCH'; readonly procedureCode: string };

type CreatePaymentDependencies = Pick<Dependencies, 'catalog' | 'paymentRequests' | 'clock' | 'paymentLinks' | 'config'>;

export async function createPayment(command: CreatePaymentCommand, deps: CreatePaymentDependencies): Promise<CreatePaymentResult> {
  const { request, principal } = command;
  if (!canActForAgency(principal, request.agencyCode)) return { kind: 'AGENCY_NOT_ALLOWED' };

  const scope: IdempotencyScope = { caller: principal.subject, key: command.idempotencyKey };
  const fingerprint = requestFingerprint(request);
  const now = deps.clock.now();
  const seen = await deps.paymentRequests.findIdempotencyRecord(scope, now);
  // A first request that died without finishing (its lease ran out) holds nothing: the claim below takes its key over.
  const abandoned = seen?.status === 'IN_PROGRESS' && seen.leaseExpiresAtMs < now.getTime();
  if (seen && !abandoned) return answerFromRecord(seen, fingerprint, deps);

  const procedure = await deps.catalog.getProcedure(request.procedureCode);
  if (!procedure) return { kind: 'UNKNOWN_PROCEDURE' };
  // The agency serving the procedure on the submission date collects the payment and keeps it.
  const agencyCode = await agencyServing(deps.catalog, procedure, businessDateOf(now));
  if (agencyCode !== request.agencyCode) return { kind: 'AGENCY_MISMATCH', procedureAgencyCode: agencyCode ?? procedure.agencyCode };
  if (!hasFinancialObligation(procedure)) return { kind: 'NO_PAYMENT_REQUIRED' };
  const priced = quoteFees(procedure, request.inputs, now, 'ONLINE');
  if (!priced.ok) return { kind: 'INVALID_INPUTS', issues: priced.issues };
  if (priced.quote.amount === 0) return { kind: 'NO_PAYMENT_REQUIRED' };

  const claim = await deps.paymentRequests.claimIdempotencyKey(scope, fingerprint, now);
  if (claim.kind === 'EXISTING') return answerFromRecord(claim.record, fingerprint, deps);

  try {
    const paymentId = newPaymentId(now);
    const expiresAt = new Date(now.getTime() + deps.config.PAYMENT_EXPIRY_MINUTES * 60_000);
    const links = deps.paymentLinks({ paymentId, provider: request.provider, amount: priced.quote.amount, returnUrl: request.returnUrl, expiresAt, issuedAt: now });
    const createdAt = toVietnamIso(now);
    const payment: Payment = {
      paymentId,
      status: INITIAL_STATUS,
      dossierId: request.dossierId,
      procedureCode: procedure.code,
      agencyCode,
      provider: request.provider,
      amount: priced.quote.amount,
      currency: 'VND',
      lines: priced.quote.lines,
      inputs: request.inputs,
      feeScheduleDate: priced.quote.businessDate,
      payerName: request.payer.name,
      returnUrl: request.returnUrl,
      paymentUrl: links.paymentUrl,
      vietQr: links.vietQr,
      createdAt,
      updatedAt: createdAt,
      expiresAt: toVietnamIso(expiresAt),
      createdBy: principal.subject,
      events: [{ type: CREATED_EVENT, at: createdAt, amount: priced.quote.amount, provider: request.provider }],
    };
    const outcome = await deps.paymentRequests.createPayment(payment, { scope, claimToken: claim.claimToken });
    switch (outcome.kind) {
      case 'CREATED':
        return { kind: 'CREATED', payment: outcome.payment };
      case 'CLAIM_LOST':
        return { kind: 'IDEMPOTENCY_KEY_IN_USE' };
      case 'DOSSIER_ALREADY_PAID':
        await deps.paymentRequests.releaseIdempotencyKey(scope, claim.claimToken);
        return { kind: 'DOSSIER_ALREADY_PAID' };
      case 'DOSSIER_PROCEDURE_MISMATCH':
        await deps.paymentRequests.releaseIdempotencyKey(scope, claim.claimToken);
        return { kind: 'DOSSIER_PROCEDURE_MISMATCH', procedureCode: outcome.procedureCode };
    }
  } catch (error) {
    // A fault: give the key back so the caller's retry is served instead of told "in use".
    await deps.paymentRequests.releaseIdempotencyKey(scope, claim.claimToken).catch(() => undefined);
    throw error;
  }
}

async function answerFromRecord(record: IdempotencyRecord, fingerprint: string, deps: CreatePaymentDependencies): Promise<CreatePaymentResult> {
  if (record.fingerprint !== fingerprint) return { kind: 'IDEMPOTENCY_KEY_REUSED' };
  if (record.status === 'IN_PROGRESS') return { kind: 'IDEMPOTENCY_KEY_IN_USE' };
  const payment = await deps.paymentRequests.getPayment(record.paymentId);
  if (!payment) throw new Error(`idempotency record points at missing payment ${record.paymentId}`);
  return { kind: 'REPLAYED', payment };
}
