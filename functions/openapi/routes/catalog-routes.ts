import { listProceduresQuery, procedureParams } from '../../catalog/catalog-schemas';
import { quoteFeesBody } from '../../fees/quote-fees-schemas';
import type { RouteDoc } from '../route-doc';
import { exampleQuoteLine } from './examples';

/** The public catalog and fee quotes. */
export const catalogRoutes: readonly RouteDoc[] = [
  {
    method: 'GET',
    path: '/v1/procedures',
    operationId: 'listProcedures',
    tag: 'Catalog and fees',
    summary: 'List procedures and their fee schedules',
    description:
      'The public catalog, optionally of the procedures one agency serves today, its predecessors\' included (`agency=TANPHONG`). `agencyCode` is the agency serving the procedure today. A fee line lowered for online submission lists its `onlineReductions` (percent, from, to, source).',
    auth: 'public',
    query: listProceduresQuery,
    responses: { 200: { description: 'The procedures.', json: 'ProcedureList' } },
    errors: { 400: { codes: ['VALIDATION_FAILED'], description: 'A malformed agency code, or an agency the catalog does not have (`details` names `agency`).' } },
  },
  {
    method: 'GET',
    path: '/v1/procedures/{code}',
    operationId: 'getProcedure',
    tag: 'Catalog and fees',
    summary: 'One procedure with its fee schedule',
    auth: 'public',
    params: procedureParams,
    responses: {
      200: {
        description: 'The procedure.',
        json: 'Procedure',
        example: {
          code: 'CT-CHUKY',
          name: 'Chứng thực chữ ký',
          agencyCode: 'TANPHONG',
          hasFinancialObligation: true,
          fees: [{ feeCode: 'P-CTCK', name: 'Phí chứng thực chữ ký', kind: 'PHI', rule: { type: 'fixed', amount: 10000 }, validFrom: '2017-01-01', validTo: null, inForce: true, source: 'Circular 226/2016/TT-BTC' }],
        },
      },
    },
    errors: { 404: { codes: ['NOT_FOUND'], description: 'No procedure has this code.' } },
  },
  {
    method: 'POST',
    path: '/v1/fees/quote',
    operationId: 'quoteFees',
    tag: 'Catalog and fees',
    summary: 'What a dossier would owe',
    description:
      'Prices a dossier line by line under the fee schedule in force on the business date of `submittedAt` (default: now), for the `channel` it is submitted through (ONLINE, the default, gets the online reductions in force and each reduced line carries `reduction`; COUNTER pays the full fee). Which `inputs` are needed depends on the procedure\'s fee rules; a missing or impossible one is a 400 naming it (`inputs.pages`).',
    auth: 'public',
    body: { contentType: 'application/json', schema: quoteFeesBody, example: { procedureCode: 'CT-BANSAO', inputs: { pages: 5, copies: 2 }, submittedAt: '2026-01-10T09:00:00+07:00', channel: 'ONLINE' } },
    responses: {
      200: {
        description: 'The quote.',
        json: 'Quote',
        example: { procedureCode: 'CT-BANSAO', amount: 14000, currency: 'VND', channel: 'ONLINE', businessDate: '2026-01-10', lines: [exampleQuoteLine] },
      },
    },
    errors: {
      400: { codes: ['VALIDATION_FAILED'], description: 'A field is malformed, or the inputs do not allow the fees of this procedure to be computed.' },
      422: { codes: ['UNKNOWN_PROCEDURE'], description: 'The procedure is not in the catalog.' },
    },
  },
];

