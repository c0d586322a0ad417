import { discrepancyParams, runParams } from '../../reconciliation/reconciliation-params';
import { exportDiscrepanciesQuery, listDiscrepanciesQuery, resolveDiscrepancyBody, startReconciliationBody } from '../../reconciliation/reconciliation-schemas';
import { settlementParams } from '../../settlements/settlement-params';
import { uploadUrlBody } from '../../settlements/settlement-schemas';
import type { RouteDoc } from '../route-doc';
import { EXAMPLE } from './examples';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = { 'Content-Disposition': { description: 'attachment; filename="…"', schema: { type: 'string' } } };

/** Settlement files and their reconciliation. */
export const reconciliationRoutes: readonly RouteDoc[] = [
  {
    method: 'PUT',
    path: '/v1/settlements/{provider}/{businessDate}',
    operationId: 'uploadSettlementFile',
    tag: 'Settlement files',
    summary: "Upload a provider's settlement file of a day",
    description:
      'UTF-8 CSV, header exactly `provider_txn_id,payment_id,amount,fee,status,paid_at`, at most 10 MB (larger files: the upload URL). A valid file replaces the day\'s previous one; an invalid one is a 400 naming the first bad line (`line 7: amount`) and nothing is stored.',
    auth: ['finance'],
    params: settlementParams,
    body: {
      contentType: 'text/csv',
      schema: { type: 'string' },
      example: `provider_txn_id,payment_id,amount,fee,status,paid_at\nMB20260110000123,${EXAMPLE.paymentId},14000,1100,SUCCEEDED,2026-01-10T09:05:12+07:00\n`,
    },
    responses: { 201: { description: 'Stored; it is the day\'s file now.', json: 'SettlementFile', headers: { Location: { description: 'The day\'s settlement file.', schema: { type: 'string' } } } } },
    errors: {
      400: { codes: ['VALIDATION_FAILED'], description: 'A bad line (named in `details`), or a business date after today.' },
      403: { codes: ['FORBIDDEN'] },
      415: { codes: ['UNSUPPORTED_MEDIA_TYPE'], description: 'Not sent as text/csv.' },
    },
  },
  {
    method: 'GET',
    path: '/v1/settlements/{provider}/{businessDate}',
    operationId: 'getSettlementDay',
    tag: 'Settlement files',
    summary: "The day's settlement file and its uploads",
    auth: ['finance', 'province'],
    params: settlementParams,
    responses: { 200: { description: 'The current file (or null) and the latest uploads with their outcome.', json: 'SettlementDay' } },
    errors: { 403: { codes: ['FORBIDDEN'] }, 404: { codes: ['NOT_FOUND'], description: 'Nothing was uploaded for the day.' } },
  },
  {
    method: 'POST',
    path: '/v1/settlements/{provider}/{businessDate}/upload-url',
    operationId: 'createSettlementUploadUrl',
    tag: 'Settlement files',
    summary: 'A presigned URL for a large settlement file',
    description: 'Valid 15 minutes, for exactly `sizeBytes` bytes. The file is validated when it arrives; GET the day to see whether the upload was ACCEPTED or REJECTED (with the line).',
    auth: ['finance'],
    params: settlementParams,
    body: { contentType: 'application/json', schema: uploadUrlBody, example: { sizeBytes: 52428800 } },
    responses: { 201: { description: 'The upload URL.', json: 'SettlementUploadUrl' } },
    errors: {
      400: { codes: ['VALIDATION_FAILED'] },
      403: { codes: ['FORBIDDEN'] },
      422: { codes: ['SETTLEMENT_FILE_TOO_LARGE'] },
      501: { codes: ['UPLOAD_URL_UNAVAILABLE'], description: 'This installation keeps settlement files without a bucket (the local dev server); upload with PUT instead.' },
    },
  },
  {
    method: 'POST',
    path: '/v1/reconciliations',
    operationId: 'startReconciliation',
    tag: 'Reconciliation',
    summary: "Reconcile a provider's day",
    description: "Reconciles the day's current settlement file asynchronously; follow the run at its Location.",
    auth: ['finance'],
    body: { contentType: 'application/json', schema: startReconciliationBody, example: { provider: 'mock-bank', businessDate: EXAMPLE.businessDate } },
    responses: {
      202: {
        description: 'Queued.',
        json: 'ReconciliationQueued',
        example: { runId: EXAMPLE.runId, status: 'QUEUED', provider: 'mock-bank', businessDate: EXAMPLE.businessDate },
        headers: { Location: { description: 'The run.', schema: { type: 'string' } } },
      },
    },
    errors: {
      400: { codes: ['VALIDATION_FAILED'], description: 'A malformed field, or a business date after today.' },
      403: { codes: ['FORBIDDEN'] },
      409: { codes: ['SETTLEMENT_FILE_MISSING', 'RECONCILIATION_IN_PROGRESS'], description: 'No file was uploaded for the day, or another run of the day is queued or running.' },
    },
  },
  {
    method: 'GET',
    path: '/v1/reconciliations/{runId}',
    operationId: 'getReconciliation',
    tag: 'Reconciliation',
    summary: 'A run, its status and summary',
    auth: ['finance', 'province'],
    params: runParams,
    responses: { 200: { description: 'The run.', json: 'ReconciliationRun' } },
    errors: { 403: { codes: ['FORBIDDEN'] }, 404: { codes: ['NOT_FOUND'] } },
  },
  {
    method: 'GET',
    path: '/v1/reconciliations/{runId}/discrepancies',
    operationId: 'listDiscrepancies',
    tag: 'Reconciliation',
    summary: "A run's discrepancies",
    description: "Scoped to the caller's agencies.",
    auth: ['finance', 'province'],
    params: runParams,
    query: listDiscrepanciesQuery,
    responses: { 200: { description: 'A page of discrepancies.', json: 'DiscrepancyList' } },
    errors: { 403: { codes: ['FORBIDDEN'] }, 404: { codes: ['NOT_FOUND'] } },
  },
  {
    method: 'GET',
    path: '/v1/reconciliations/{runId}/discrepancies/{discrepancyId}',
    operationId: 'getDiscrepancy',
    tag: 'Reconciliation',
    summary: 'One discrepancy with every action taken on it',
    auth: ['finance', 'province'],
    params: discrepancyParams,
    responses: { 200: { description: 'The discrepancy and its trail.', json: 'DiscrepancyWithTrail' } },
    errors: { 403: { codes: ['FORBIDDEN'], description: 'A discrepancy of another agency.' }, 404: { codes: ['NOT_FOUND'] } },
  },
  {
    method: 'POST',
    path: '/v1/reconciliations/{runId}/discrepancies/{discrepancyId}/resolve',
    operationId: 'resolveDiscrepancy',
    tag: 'Reconciliation',
    summary: 'Resolve a discrepancy, or add a note',
    description:
      'A decision on the discrepancy\'s case (docs/CASES.md): ACCEPT_PROVIDER, REFUND and WRITE_OFF decide it once, whichever route (this one or the review items) is used, and every run\'s copy of the same problem shows it resolved; ACCEPT_PROVIDER on a lost callback, an amount mismatch or a late success makes the payment SUCCEEDED with the provider\'s amount; REFUND leaves the case REFUND_DUE. NOTE (note required) adds a note and leaves its status as it is. Every action is kept with who and when.',
    auth: ['finance'],
    params: discrepancyParams,
    body: { contentType: 'application/json', schema: resolveDiscrepancyBody, example: { action: 'WRITE_OFF', note: 'Chênh lệch phí giao dịch đã được ngân hàng xác nhận.' } },
    responses: { 200: { description: 'The discrepancy and its trail.', json: 'DiscrepancyWithTrail' } },
    errors: {
      403: { codes: ['FORBIDDEN'], description: 'A discrepancy of another agency.' },
      404: { codes: ['NOT_FOUND'] },
      409: { codes: ['ALREADY_RESOLVED', 'RUN_NOT_COMPLETED'], description: 'Its case was decided already (through either route); or the run has not completed.' },
      422: { codes: ['NOT_ALLOWED_FOR_TYPE', 'TRAIL_FULL'], description: 'A decision that does not fit the case (e.g. ACCEPT_PROVIDER on a second payment of a paid dossier); or the trail is full.' },
    },
  },
  {
    method: 'GET',
    path: '/v1/reconciliations/{runId}/export',
    operationId: 'exportDiscrepancies',
    tag: 'Reconciliation',
    summary: "A run's discrepancies as a CSV or Excel file",
    description: 'Vietnamese headers, amounts as numbers; cells starting with = + - @ are neutralised against formula injection.',
    auth: ['finance', 'province'],
    params: runParams,
    query: exportDiscrepanciesQuery,
    responses: {
      200: {
        description: 'The file (`format=csv`: text/csv; `format=xlsx`: an Excel workbook).',
        content: { 'text/csv': { type: 'string' }, [XLSX]: { type: 'string', contentMediaType: XLSX } },
        headers: attachment,
      },
    },
    errors: { 403: { codes: ['FORBIDDEN'] }, 404: { codes: ['NOT_FOUND'] }, 422: { codes: ['EXPORT_TOO_LARGE'], description: 'Narrow it with type= or status=.' } },
  },
];
