import { reportQuerySchema } from '../../reports/report-query';
import type { RouteDoc } from '../route-doc';

const accept = {
  name: 'Accept',
  required: false,
  description: 'application/json (default), text/csv or text/html; `format=` wins over it.',
  schema: { type: 'string' },
};

/** Online-payment rate reports. (The dashboard, GET /dashboard, is a staff page: docs/STAFF.md.) */
export const reportRoutes: readonly RouteDoc[] = [
  {
    method: 'GET',
    path: '/v1/target-sets',
    operationId: 'listTargetSets',
    tag: 'Reports',
    summary: 'Target sets reports are measured against',
    auth: ['finance', 'province'],
    responses: { 200: { description: 'The shipped target sets (nq01-2021, haiphong-2024).', json: 'TargetSetList' } },
  },
  {
    method: 'GET',
    path: '/v1/reports/online-payments',
    operationId: 'getOnlinePaymentReport',
    tag: 'Reports',
    summary: 'Online-payment rates against a target set',
    description:
      'For finance (its own agencies; other agencies are never counted, not even in totals) and province (all). `from` and `to` are required business dates (at most 366 days); `agency` takes codes separated by commas. JSON by default, CSV for `Accept: text/csv`, the dashboard as a plain page for `Accept: text/html` (staff use GET /dashboard, signed in); `format=` overrides Accept.',
    auth: ['finance', 'province'],
    query: reportQuerySchema,
    headers: [accept],
    responses: {
      200: {
        description: 'The report.',
        json: 'OnlinePaymentReport',
        content: { 'text/csv': { type: 'string' }, 'text/html': { type: 'string' } },
      },
    },
    errors: {
      400: { codes: ['VALIDATION_FAILED'], description: 'A malformed or missing parameter, a period backwards or too long, or an agency or target set the service does not have (`details` names `agency` or `targetSet`).' },
      403: { codes: ['FORBIDDEN'], description: 'An agency this token may not read.' },
      406: { codes: ['NOT_ACCEPTABLE'], description: 'Accept names none of the three representations.' },
      422: { codes: ['REPORT_TOO_LARGE'], description: 'Narrow the period or the agencies.' },
    },
  },
];
