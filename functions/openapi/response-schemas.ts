import * as z from 'zod/mini';
import { CASE_TYPES, FINDING_SOURCES } from '../../domain/cases/case';
import { CASE_ACTIONS, CASE_STATUSES } from '../../domain/cases/case-state-machine';
import { feeKindSchema, feeRuleSchema } from '../../domain/catalog/catalog-schema';
import { SUBMISSION_CHANNELS } from '../../domain/fees/online-reduction';
import { PAYMENT_RECORD_EVENT_TYPES, PROVIDERS } from '../../domain/payments/payment';
import { PAYMENT_EVENT_TYPES, PAYMENT_STATUSES } from '../../domain/payments/payment-state-machine';
import { DISCREPANCY_TYPES } from '../../domain/reconciliation/discrepancy';
import { REFUND_EVENT_TYPES, REFUND_STATUSES } from '../../domain/refunds/refund-state-machine';
import { REFUND_SUMMARY_STATUSES } from '../../domain/refunds/refund-summary';
import { SETTLEMENT_STATUSES } from '../../domain/reconciliation/settlement-row';
import { RESOLUTION_ACTIONS } from '../../domain/reconciliation-runs/discrepancy-resolution';
import { DISCREPANCY_STATUSES, RUN_STATUSES } from '../../domain/reconciliation-runs/reconciliation-run';
import { REPORT_GROUP_BYS } from '../../domain/reports/report-rows';
import { REVIEW_REASONS } from '../../domain/review/review-item';
import { COUNTER_PAYMENT_METHODS } from '../counter-payments/counter-payment-schemas';
import { UNAUTHENTICATED_REASONS } from '../http/http-errors';
import { receiptSchema } from '../receipts/receipt-schemas';
import { REVIEW_ACTIONS } from '../review/review-item-schemas';

/**
 * What the handlers send, as zod schemas that become the document's components. They are strict
 * (`additionalProperties: false`): the e2e suite validates every response against them, so a field a
 * handler starts sending without a line here fails a test instead of reaching integrators unannounced.
 * They validate nothing at run time; the views (payment-view.ts, reconciliation-view.ts, …) build the
 * bodies, and these describe them.
 */
export const apiSchemas = z.registry<{ id: string; description?: string; examples?: unknown[] }>();

const named = <T extends z.core.$ZodType>(id: string, description: string, schema: T): T => {
  apiSchemas.add(schema, { id, description });
  return schema;
};

const amountVnd = z.int().check(z.minimum(0));
const time = z.iso.datetime({ offset: true });
const businessDate = z.iso.date();
const provider = z.enum(PROVIDERS);
const countAndAmount = z.strictObject({ count: z.int(), amount: amountVnd });
const discrepancyCounts = z.strictObject(Object.fromEntries(DISCREPANCY_TYPES.map((type) => [type, z.int()])) as Record<(typeof DISCREPANCY_TYPES)[number], z.ZodMiniInt>);

const errorDetail = z.strictObject({
  path: z.string(),
  message: z.string(),
  // Where one code covers several causes (401 UNAUTHENTICATED), why this request was refused.
  reason: z.optional(z.enum(Object.keys(UNAUTHENTICATED_REASONS) as [keyof typeof UNAUTHENTICATED_REASONS, ...(keyof typeof UNAUTHENTICATED_REASONS)[]])),
});

export const errorResponse = named(
  'Error',
  [
    'The body of every refusal and fault (CONTRACT.md, Conventions). `code` is a stable UPPER_SNAKE word; new codes may appear, so treat an unknown one by its HTTP status. Codes in use:',
    '`VALIDATION_FAILED`, `UNAUTHENTICATED`, `FORBIDDEN`, `NOT_FOUND`, `PAYLOAD_TOO_LARGE`, `UNSUPPORTED_MEDIA_TYPE`, `NOT_ACCEPTABLE`, `INTERNAL_ERROR`,',
    '`IDEMPOTENCY_KEY_MISSING`, `IDEMPOTENCY_KEY_REUSED`, `IDEMPOTENCY_KEY_IN_USE`, `UNKNOWN_PROCEDURE`, `AGENCY_MISMATCH`, `NO_PAYMENT_REQUIRED`, `DOSSIER_ALREADY_PAID`,',
    '`DOSSIER_PROCEDURE_MISMATCH`, `INVALID_STATE`, `PAYMENT_NOT_PAID`, `RECEIPT_NOT_YET_ISSUED`, `INVALID_SIGNATURE`, `PAID_IN_FUTURE`, `DUPLICATE_RECEIPT`, `ALREADY_RESOLVED`, `SETTLEMENT_FILE_TOO_LARGE`,',
    '`UPLOAD_URL_UNAVAILABLE`, `SETTLEMENT_FILE_MISSING`, `RECONCILIATION_IN_PROGRESS`, `RUN_NOT_COMPLETED`, `RUN_SUPERSEDED`, `TRAIL_FULL`, `EXPORT_TOO_LARGE`, `REPORT_TOO_LARGE`.',
    '`details` names each wrong field (`inputs.pages`, a header such as `Idempotency-Key`, or `line 7: amount` in a settlement file).',
    `A 401 UNAUTHENTICATED carries one detail on \`Authorization\` with a \`reason\`: ${Object.keys(UNAUTHENTICATED_REASONS).map((reason) => `\`${reason}\``).join(', ')}.`,
    'Bytes that are not UTF-8 in a JSON body, a form or a settlement file are a 400 VALIDATION_FAILED naming the field or the line, and nothing is stored.',
  ].join(' '),
  z.strictObject({
    error: z.strictObject({
      code: z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/)),
      message: z.string(),
      details: z.array(errorDetail),
      requestId: z.string(),
    }),
  }),
);

export const gatewayUnauthorized = named(
  'GatewayUnauthorized',
  "API Gateway's own answer when its JWT authorizer refuses a token before any function runs (deployed only).",
  z.strictObject({ message: z.string() }),
);

export const health = named('Health', 'Liveness.', z.strictObject({ status: z.literal('ok') }));

// ---- catalog and fees

const onlineReduction = z.strictObject({
  percent: z.string().check(z.regex(/^(100|[1-9]?\d)(\.\d+)?$/)),
  from: businessDate,
  to: z.nullable(businessDate),
  source: z.string(),
});

const feeView = z.strictObject({
  feeCode: z.string(),
  name: z.string(),
  kind: feeKindSchema,
  rule: feeRuleSchema,
  validFrom: businessDate,
  validTo: z.nullable(businessDate),
  inForce: z.boolean(),
  source: z.optional(z.string()),
  onlineReductions: z.optional(z.array(onlineReduction)),
});

export const procedure = named(
  'Procedure',
  'An administrative procedure (thủ tục hành chính) with its fee schedule; `inForce` says whether a fee line applies today (UTC+7).',
  z.strictObject({ code: z.string(), name: z.string(), agencyCode: z.string(), hasFinancialObligation: z.boolean(), fees: z.array(feeView) }),
);

export const procedureList = named('ProcedureList', 'The public catalog.', z.strictObject({ items: z.array(procedure) }));

export const quoteLine = named(
  'QuoteLine',
  'One fee line of a quote: phí (PHI) or lệ phí (LE_PHI), its amount in integer VND and how it was computed, in Vietnamese.',
  z.strictObject({
    feeCode: z.string(),
    name: z.string(),
    kind: feeKindSchema,
    amount: amountVnd,
    explanation: z.string(),
    // Present when the online reduction lowered this line: the percentage, the line before it, and the decision with its dates.
    reduction: z.optional(z.strictObject({ percent: z.string(), fullAmount: amountVnd, source: z.string(), from: businessDate, to: z.nullable(businessDate) })),
  }),
);

export const quote = named(
  'Quote',
  "What a dossier owes under the fee schedule of `businessDate` (the submission's date in UTC+7), for the `channel` it is submitted through: ONLINE gets the online reductions in force (the reduced lines carry `reduction`), COUNTER the full fee.",
  z.strictObject({ procedureCode: z.string(), amount: amountVnd, currency: z.literal('VND'), channel: z.enum(SUBMISSION_CHANNELS), businessDate, lines: z.array(quoteLine) }),
);

// ---- payments

const reconciliationNote = z.strictObject({ provider, providerTxnId: z.string(), settlementBusinessDate: businessDate, runId: z.string(), at: time });

const paymentEvent = z.looseObject({
  type: z.enum([...PAYMENT_EVENT_TYPES, ...PAYMENT_RECORD_EVENT_TYPES]),
  at: time,
});

export const payment = named(
  'Payment',
  [
    'A payment: one attempt to collect a dossier\'s fees through one provider. `amount` and `lines` come from the catalog.',
    '`paidAt`, `businessDate` and `providerTxnId` appear once a provider reported the money collected; `lateSuccess` when that success came after FAILED, EXPIRED or CANCELLED;',
    '`duplicateOfPaymentId` when another payment had already paid the dossier (kept for refund); `eReceiptNo` (7 digits) and `receiptUrl` (the citizen\'s link to the e-receipt, no token needed) once the e-receipt is issued; `autoApplied` when reconciliation applied the success;',
    '`reversal` when the provider reversed it. `refundSummary` says what finance may still refund (`amountAvailable` is the `refundAmountAvailable` of a refund request). `events` (on GET and cancel) is the history, oldest first; each event has `type` and `at` plus details of its kind.',
  ].join(' '),
  z.strictObject({
    paymentId: z.string(),
    status: z.enum(PAYMENT_STATUSES),
    amount: amountVnd,
    currency: z.literal('VND'),
    lines: z.array(quoteLine),
    provider,
    paymentUrl: z.url(),
    vietQr: z.string(),
    expiresAt: time,
    createdAt: time,
    updatedAt: time,
    dossierId: z.string(),
    procedureCode: z.string(),
    agencyCode: z.string(),
    feeScheduleDate: businessDate,
    returnUrl: z.url(),
    paidAt: z.optional(time),
    businessDate: z.optional(businessDate),
    providerTxnId: z.optional(z.string()),
    lateSuccess: z.optional(z.literal(true)),
    duplicateOfPaymentId: z.optional(z.string()),
    eReceiptNo: z.optional(z.string().check(z.regex(/^\d{7}$/))),
    receiptUrl: z.optional(z.url()),
    autoApplied: z.optional(reconciliationNote),
    reversal: z.optional(reconciliationNote),
    refundSummary: z.strictObject({ status: z.enum(REFUND_SUMMARY_STATUSES), amountAvailable: amountVnd, amountRefunded: amountVnd, amountSubmitted: amountVnd }),
    events: z.optional(z.array(paymentEvent)),
  }),
);

export const refund = named(
  'Refund',
  [
    'Money going back to the payer through the provider that took it. SUBMITTED when asked for; SUCCEEDED or FAILED once the provider answers, and never moves again.',
    '`providerRefundId`, `refundedAt` and `businessDate` (the settlement file it appears in) come with the provider\'s answer; `caseId` when a case\'s REFUND decision asked for it.',
  ].join(' '),
  z.strictObject({
    refundId: z.string(),
    paymentId: z.string(),
    amount: amountVnd,
    status: z.enum(REFUND_STATUSES),
    reason: z.string(),
    createdAt: time,
    createdBy: z.string(),
    updatedAt: time,
    caseId: z.optional(z.string()),
    providerRefundId: z.optional(z.string()),
    refundedAt: z.optional(time),
    businessDate: z.optional(businessDate),
    failureReason: z.optional(z.string()),
    events: z.array(z.looseObject({ type: z.enum(REFUND_EVENT_TYPES), at: time })),
  }),
);

export const refundList = named('RefundList', 'A payment\'s refunds, oldest first.', z.strictObject({ items: z.array(refund) }));

export const counterPayment = named(
  'CounterPayment',
  'A fee collected at the counter (tiền mặt, POS or bank transfer), as recorded, with the `payer` when one was given (printed on its e-receipt, read at GET /v1/payments/{counterPaymentId}/receipt).',
  z.strictObject({
    dossierId: z.string(),
    procedureCode: z.string(),
    agencyCode: z.string(),
    amount: amountVnd,
    method: z.enum(COUNTER_PAYMENT_METHODS),
    paidAt: time,
    receiptNo: z.string(),
    payer: z.optional(z.strictObject({ name: z.string() })),
    counterPaymentId: z.string(),
    businessDate,
    recordedBy: z.string(),
    recordedAt: time,
  }),
);

// ---- callbacks

export const mockBankAck = named(
  'MockBankCallbackAnswer',
  'The answer to a verified mock-bank callback: what the service did with it.',
  z.strictObject({ received: z.literal(true), outcome: z.enum(['APPLIED', 'DUPLICATE', 'LATE_SUCCESS', 'AMOUNT_MISMATCH', 'UNKNOWN_PAYMENT', 'IGNORED']) }),
);

export const portalRsp = named(
  'MockPortalIpnAnswer',
  'The IPN answer the platform reads: 00 confirmed, 01 order not found, 02 already confirmed, 04 invalid amount, 97 invalid signature, 99 unknown error. The platform retries on anything but 00 and 02.',
  z.strictObject({ RspCode: z.enum(['00', '01', '02', '04', '97', '99']), Message: z.string() }),
);

// ---- review items

export const reviewItem = named(
  'ReviewItem',
  'A case a provider report found, in the words of the review items: a late success (accept or refund), a second payment of a dossier (refund), an amount other than the quote, a report about a payment the service never issued. `reviewId` is the case id; `status` is RESOLVED once the case is decided through either route (`caseStatus` REFUND_DUE: decided, the refund not made yet).',
  z.strictObject({
    reviewId: z.string(),
    reason: z.enum(REVIEW_REASONS),
    status: z.enum(['OPEN', 'RESOLVED']),
    provider: z.string(),
    providerTxnId: z.string(),
    paymentId: z.string(),
    agencyCode: z.optional(z.string()),
    dossierId: z.optional(z.string()),
    expectedAmount: z.optional(amountVnd),
    reportedAmount: amountVnd,
    // The provider's own amount text when it was not a positive whole number of đồng (reportedAmount is then 0).
    providerAmount: z.optional(z.string()),
    createdAt: time,
    resolution: z.optional(z.strictObject({ action: z.enum([...REVIEW_ACTIONS, 'AUTO_APPLIED']), note: z.string(), by: z.string(), at: time })),
    caseId: z.string(),
    caseStatus: z.enum(CASE_STATUSES),
    caseType: z.enum(CASE_TYPES),
  }),
);

export const reviewItemList = named(
  'ReviewItemList',
  'A page of review items, oldest first (RESOLVED: those due a refund first); follow `nextCursor` while it is present.',
  z.strictObject({ items: z.array(reviewItem), nextCursor: z.optional(z.string()) }),
);

// ---- settlement files

export const settlementFile = named(
  'SettlementFile',
  "A provider's accepted settlement file of one business date.",
  z.strictObject({
    provider,
    businessDate,
    rows: z.int(),
    totalAmount: amountVnd,
    totalFee: amountVnd,
    uploadId: z.string(),
    sizeBytes: z.int(),
    checksumSha256: z.string(),
    uploadedBy: z.string(),
    uploadedAt: time,
    source: z.enum(['API', 'UPLOAD_URL']),
  }),
);

const settlementUpload = z.strictObject({
  uploadId: z.string(),
  status: z.enum(['REQUESTED', 'ACCEPTED', 'REJECTED']),
  source: z.enum(['API', 'UPLOAD_URL']),
  requestedBy: z.string(),
  requestedAt: time,
  declaredSizeBytes: z.optional(z.int()),
  expiresAt: z.optional(time),
  decidedAt: z.optional(time),
  rows: z.optional(z.int()),
  totalAmount: z.optional(amountVnd),
  rejection: z.optional(z.strictObject({ line: z.nullable(z.int()), field: z.string(), message: z.string() })),
});

export const settlementDay = named(
  'SettlementDay',
  "The day's current settlement file (null until one is accepted) and its latest uploads with their outcome.",
  z.strictObject({ provider, businessDate, current: z.nullable(settlementFile), uploads: z.array(settlementUpload) }),
);

export const settlementUploadUrl = named(
  'SettlementUploadUrl',
  'A presigned PUT to the settlement bucket for exactly `sizeBytes` bytes; send the `headers` with it.',
  z.strictObject({ uploadId: z.string(), method: z.literal('PUT'), url: z.url(), headers: z.record(z.string(), z.string()), expiresAt: time }),
);

// ---- reconciliation

export const reconciliationQueued = named(
  'ReconciliationQueued',
  'A queued run; follow it at GET /v1/reconciliations/{runId}.',
  z.strictObject({ runId: z.string(), status: z.literal('QUEUED'), provider, businessDate }),
);

const fullSummary = z.strictObject({
  scope: z.literal('ALL'),
  internal: countAndAmount,
  provider: z.strictObject({ count: z.int(), amount: amountVnd, fee: amountVnd }),
  matched: countAndAmount,
  discrepancies: discrepancyCounts,
  rows: z.int(),
  providerReversed: countAndAmount,
  carriedOverSettled: countAndAmount,
  carriedOver: z.int(),
  autoApplicable: z.int(),
  autoApplied: z.int(),
  reversalsRecorded: z.int(),
});

const agencySummary = z.strictObject({ scope: z.literal('AGENCIES'), agencies: z.array(z.string()), internal: countAndAmount, discrepancies: discrepancyCounts });

export const reconciliationRun = named(
  'ReconciliationRun',
  'A reconciliation run. `summary` is null until COMPLETED; a caller limited to some agencies gets the summary of those agencies only (`scope: AGENCIES`). `supersededBy` names a later run of the same day.',
  z.strictObject({
    runId: z.string(),
    provider,
    businessDate,
    status: z.enum(RUN_STATUSES),
    requestedBy: z.string(),
    requestedAt: time,
    startedAt: z.optional(time),
    completedAt: z.optional(time),
    attempts: z.int(),
    settlementFile: z.strictObject({ uploadId: z.string(), rows: z.int(), totalAmount: amountVnd, checksumSha256: z.string() }),
    carriedOverFromRunId: z.optional(z.string()),
    failure: z.optional(z.strictObject({ reason: z.string(), message: z.string(), at: time, attempt: z.int(), final: z.boolean() })),
    supersededBy: z.optional(z.string()),
    summary: z.nullable(z.union([fullSummary, agencySummary])),
  }),
);

const resolution = z.strictObject({ action: z.string(), note: z.nullable(z.string()), by: z.string(), at: time });

/** One action on a case: who, when, what, and the case's status after it. */
const trailEntry = z.strictObject({ action: z.string(), note: z.nullable(z.string()), by: z.string(), at: time, caseStatus: z.enum(CASE_STATUSES) });

const discrepancyFields = {
  discrepancyId: z.string(),
  runId: z.string(),
  type: z.enum(DISCREPANCY_TYPES),
  reason: z.string(),
  status: z.enum(DISCREPANCY_STATUSES),
  providerTxnId: z.nullable(z.string()),
  paymentId: z.nullable(z.string()),
  dossierId: z.nullable(z.string()),
  agencyCode: z.nullable(z.string()),
  internalAmount: z.nullable(amountVnd),
  providerAmount: z.nullable(amountVnd),
  internalStatus: z.nullable(z.enum(PAYMENT_STATUSES)),
  providerStatus: z.nullable(z.enum(SETTLEMENT_STATUSES)),
  internalPaidAt: z.nullable(z.string()),
  providerPaidAt: z.nullable(z.string()),
  line: z.nullable(z.int()),
  autoApplied: z.boolean(),
  reversalRecorded: z.boolean(),
  resolution: z.nullable(resolution),
  caseId: z.nullable(z.string()),
  caseStatus: z.enum(CASE_STATUSES),
};

export const discrepancy = named(
  'Discrepancy',
  'One finding of a run. Fields of the side that has nothing to say are null (a MISSING_AT_PROVIDER has no settlement line). `resolution` is the decision that closed it (ACCEPT_PROVIDER, REFUND, WRITE_OFF, or AUTO_APPLIED by the run).',
  z.strictObject(discrepancyFields),
);

export const discrepancyList = named(
  'DiscrepancyList',
  "A page of a run's discrepancies in type, then file order; follow `nextCursor` until it is null.",
  z.strictObject({ runId: z.string(), items: z.array(discrepancy), nextCursor: z.nullable(z.string()) }),
);

export const discrepancyWithTrail = named(
  'DiscrepancyWithTrail',
  `A discrepancy with every action taken on its case, oldest first (${RESOLUTION_ACTIONS.join(', ')}, AUTO_APPLIED), who and when, and the case's status after each.`,
  z.strictObject({
    ...discrepancyFields,
    trail: z.array(trailEntry),
  }),
);

// ---- cases

const caseFields = {
  caseId: z.string(),
  type: z.enum(CASE_TYPES),
  status: z.enum(CASE_STATUSES),
  provider,
  providerTxnId: z.nullable(z.string()),
  paymentId: z.nullable(z.string()),
  dossierId: z.nullable(z.string()),
  agencyCode: z.nullable(z.string()),
  expectedAmount: z.nullable(amountVnd),
  providerAmount: z.nullable(amountVnd),
  providerAmountText: z.optional(z.string()),
  providerPaidAt: z.nullable(z.string()),
  openedAt: time,
  updatedAt: time,
  findings: z.array(
    z.strictObject({
      source: z.enum(FINDING_SOURCES),
      type: z.enum(CASE_TYPES),
      contractType: z.string(),
      eventId: z.optional(z.string()),
      runId: z.optional(z.string()),
      discrepancyId: z.optional(z.string()),
      businessDate: z.optional(businessDate),
      at: time,
    }),
  ),
  decision: z.nullable(z.strictObject({ action: z.enum(CASE_ACTIONS), note: z.nullable(z.string()), by: z.string(), at: time, effect: z.string() })),
};

export const caseSchema = named(
  'Case',
  'One problem with money, however it was found (a callback, the mop-up job, reconciliation runs): one status, one decision, the findings that saw it. docs/CASES.md states what each decision does to the payment, the receipt and the reports.',
  z.strictObject(caseFields),
);

export const caseList = named('CaseList', 'A page of cases, oldest first; follow `nextCursor` until it is null.', z.strictObject({ items: z.array(caseSchema), nextCursor: z.nullable(z.string()) }));

export const caseWithTrail = named(
  'CaseWithTrail',
  'A case with every action taken on it, oldest first, and its payment as it is now (null for a payment the service never issued).',
  z.strictObject({
    ...caseFields,
    trail: z.array(trailEntry),
    payment: z.nullable(
      z.strictObject({
        paymentId: z.string(),
        status: z.enum(PAYMENT_STATUSES),
        dossierId: z.string(),
        procedureCode: z.string(),
        agencyCode: z.string(),
        provider,
        amount: amountVnd,
        paidAmount: z.nullable(amountVnd),
        providerTxnId: z.nullable(z.string()),
        paidAt: z.nullable(z.string()),
        businessDate: z.nullable(businessDate),
        lateSuccess: z.boolean(),
        duplicateOfPaymentId: z.nullable(z.string()),
        reversed: z.boolean(),
        eReceiptNo: z.nullable(z.string()),
        createdAt: time,
      }),
    ),
  }),
);

// ---- reports

const rateTarget = z.string().check(z.regex(/^\d{1,3}\.\d{2}$/));
const points = z.string().check(z.regex(/^-?\d{1,6}(\.\d{1,2})?$/));

export const targetSet = named(
  'TargetSet',
  'A target set (bộ chỉ tiêu): the transaction-rate and procedure-rate targets, `gte` for "at least" or `gt` for "above", and points per indicator met or missed (null when none).',
  z.strictObject({
    id: z.string(),
    name: z.string(),
    transactionRateTarget: rateTarget,
    transactionRateComparison: z.enum(['gte', 'gt']),
    procedureRateTarget: rateTarget,
    procedureRateComparison: z.enum(['gte', 'gt']),
    points: z.nullable(z.strictObject({ meets: points, misses: points })),
  }),
);

export const targetSetList = named('TargetSetList', 'The target sets reports can be measured against.', z.strictObject({ items: z.array(targetSet) }));

const percent = z.nullable(z.string().check(z.regex(/^\d{1,3}\.\d{2}$/)));
const figures = {
  paymentTransactions: z.int(),
  onlinePaymentTransactions: z.int(),
  transactionRatePercent: percent,
  feeBearingProcedures: z.int(),
  proceduresPaidOnline: z.int(),
  procedureRatePercent: percent,
  dossierRatePercent: percent,
  meetsTransactionTarget: z.nullable(z.boolean()),
  meetsProcedureTarget: z.nullable(z.boolean()),
  gapToTransactionTarget: z.nullable(z.int()),
  points: z.nullable(points),
  gapToProcedureTarget: z.nullable(z.int()),
  dossiersPaid: z.int(),
  dossiersPaidOnline: z.int(),
  amount: amountVnd,
  onlineAmount: amountVnd,
};

export const reportFigures = named(
  'ReportFigures',
  'The figures of one report row or the totals. Percentages are strings with two decimals, null when the denominator is empty; `meets…` null when there is nothing to judge.',
  z.strictObject(figures),
);

export const onlinePaymentReport = named(
  'OnlinePaymentReport',
  'Online-payment rates of the period against a target set; each row carries the key of its group (`agencyCode`, `procedureCode` or `month`, per `groupBy`).',
  z.strictObject({
    period: z.strictObject({ from: businessDate, to: businessDate }),
    groupBy: z.enum(REPORT_GROUP_BYS),
    targetSet,
    totals: reportFigures,
    rows: z.array(
      z.union([
        z.strictObject({ agencyCode: z.string(), ...figures }),
        z.strictObject({ procedureCode: z.string(), ...figures }),
        z.strictObject({ month: z.string().check(z.regex(/^\d{4}-\d{2}$/)), ...figures }),
      ]),
    ),
  }),
);

// ---- webhooks

export const paymentSucceededEvent = named(
  'PaymentSucceededEvent',
  'Sent to the portal once a payment\'s money is collected, with the e-receipt\'s number (`receiptNo`; `eReceiptNo` repeats it for portals reading the older name) and the citizen\'s link `receiptUrl` once it is issued. `eventId` is `PaymentSucceeded:<paymentId>`: the same payment is announced under the same id however often it is delivered, so a receiver keeps the ids it has processed and acknowledges a repeat with 2xx.',
  z.strictObject({
    type: z.literal('PaymentSucceeded'),
    eventId: z.string(),
    paymentId: z.string(),
    dossierId: z.string(),
    procedureCode: z.string(),
    agencyCode: z.string(),
    provider,
    providerTxnId: z.string(),
    amount: amountVnd,
    paidAt: time,
    businessDate,
    lateSuccess: z.boolean(),
    receiptNo: z.optional(z.string().check(z.regex(/^\d{7}$/))),
    receiptUrl: z.optional(z.url()),
    eReceiptNo: z.optional(z.string().check(z.regex(/^\d{7}$/))),
  }),
);

// ---- e-receipts

export const receipt = named(
  'Receipt',
  [
    'An e-receipt for fees and charges (biên lai thu phí, lệ phí; Decree 123/2020/NĐ-CP, Circular 78/2021/TT-BTC).',
    '`receiptNo` is 7 digits, consecutive within `series` and calendar year. `status` ADJUSTED or CANCELLED after a refund, with `adjustment`.',
    '`receiptUrl` opens the printable page without a token (`.pdf` or `?format=pdf` for the PDF).',
  ].join(' '),
  receiptSchema,
);
