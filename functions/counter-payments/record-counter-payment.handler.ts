import * as z from 'zod/mini';
import { MAX_AMOUNT_VND } from '../../domain/shared/money';
import { catalog, clock, dynamoDb, tableName } from '../composition';
import { apiHandler } from '../http/api-handler';
import { conflict, forbidden, unprocessable } from '../http/http-errors';
import { canActForAgency } from '../http/principal';
import { json } from '../http/responses';
import { COUNTER_PAYMENT_METHODS, recordCounterPayment } from './record-counter-payment';

const body = z.strictObject({
  dossierId: z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1–64 letters, digits or . _ : -')),
  procedureCode: z.string().check(z.regex(/^[A-Z0-9-]{1,64}$/, 'must be a procedure code such as CT-BANSAO')),
  agencyCode: z.string().check(z.regex(/^[A-Z0-9_-]{1,32}$/, 'must be an agency code such as STP')),
  amount: z.number().check(z.int('must be a whole number of VND'), z.positive('must be more than 0'), z.maximum(MAX_AMOUNT_VND)),
  method: z.enum(COUNTER_PAYMENT_METHODS),
  paidAt: z.iso.datetime({ offset: true, error: 'must be ISO 8601 with an offset, e.g. 2026-03-10T09:30:00+07:00' }),
  receiptNo: z.string().check(z.regex(/^[A-Za-z0-9/._-]{1,64}$/, 'must be 1–64 letters, digits or / . _ -')),
  payer: z.optional(z.strictObject({ name: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200)) })),
});

/** POST /v1/offline-payments — finance records a fee collected at the counter (CONTRACT.md, Counter payments). */
export const handler = apiHandler({ auth: ['finance'], body, uses: [dynamoDb, tableName, catalog, clock] }, async ({ body, principal }, deps) => {
  if (!canActForAgency(principal, body.agencyCode)) throw forbidden(`This token may not record payments for agency ${body.agencyCode}.`);
  const outcome = await recordCounterPayment(body, principal.subject, {
    doc: deps.dynamoDb.doc,
    tableName: deps.tableName,
    catalog: deps.catalog,
    clock: deps.clock,
  });
  switch (outcome.kind) {
    case 'RECORDED':
      return json(201, outcome.counterPayment);
    case 'UNKNOWN_PROCEDURE':
      throw unprocessable('UNKNOWN_PROCEDURE', `There is no procedure ${body.procedureCode}.`, [{ path: 'procedureCode', message: 'unknown procedure' }]);
    case 'AGENCY_MISMATCH':
      throw unprocessable('AGENCY_MISMATCH', `Procedure ${body.procedureCode} belongs to agency ${outcome.agencyCode}.`, [{ path: 'agencyCode', message: `must be ${outcome.agencyCode}` }]);
    case 'NO_PAYMENT_REQUIRED':
      throw unprocessable('NO_PAYMENT_REQUIRED', `Procedure ${body.procedureCode} has no fee to collect.`);
    case 'PAID_IN_FUTURE':
      throw unprocessable('PAID_IN_FUTURE', 'paidAt is in the future.', [{ path: 'paidAt', message: 'must not be in the future' }]);
    case 'DUPLICATE_RECEIPT':
      throw conflict('DUPLICATE_RECEIPT', `Receipt ${body.receiptNo} of agency ${body.agencyCode} is recorded already.`);
    case 'DOSSIER_ALREADY_PAID':
      throw conflict('DOSSIER_ALREADY_PAID', `Dossier ${body.dossierId} is paid already.`);
    case 'DOSSIER_PROCEDURE_MISMATCH':
      throw unprocessable('DOSSIER_PROCEDURE_MISMATCH', `Dossier ${body.dossierId} belongs to another procedure.`, [{ path: 'dossierId', message: 'used with another procedure' }]);
  }
});
