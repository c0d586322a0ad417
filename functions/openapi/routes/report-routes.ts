import { reportQuerySchema } from '../../reports/report-query';
import type { RouteDoc } from '../route-doc';

const accept = {
  name: 'Accept',
  required: false,
  description: 'application/json (default), text/csv or text/html; `format=` wins over it.',
  schema: { type: 'string' },
};

/** Online-payment rate reports, the dashboard and its browser session. */
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
      'For finance (its own agencies; other agencies are never counted, not even in totals) and province (all). `from` and `to` are required business dates (at most 366 days); `agency` takes codes separated by commas. JSON by default, CSV for `Accept: text/csv`, the dashboard page for `Accept: text/html`; `format=` overrides Accept.',
    auth: ['finance', 'province'],
    browserSession: true,
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
  {
    method: 'GET',
    path: '/dashboard',
    operationId: 'getDashboard',
    tag: 'Reports',
    summary: 'The report as a Vietnamese page with charts',
    description:
      'Takes the report\'s query; without a period it shows the current month so far. Refusals are pages too (400, 403, 422 as text/html). A browser without a token is sent to /dashboard/login (303).',
    auth: ['finance', 'province'],
    browserSession: true,
    query: reportQuerySchema,
    commonErrors: false,
    responses: {
      200: { description: 'The page.', content: { 'text/html': { type: 'string' } } },
      303: { description: 'No token, from a browser: to /dashboard/login.', headers: { Location: { description: '/dashboard/login', schema: { type: 'string' } } } },
      400: { description: 'A bad query, as a page.', content: { 'text/html': { type: 'string' } } },
      403: { description: 'Not allowed, as a page.', content: { 'text/html': { type: 'string' } } },
      422: { description: 'The report would read too much, as a page.', content: { 'text/html': { type: 'string' } } },
    },
    errors: {
      401: { codes: ['UNAUTHENTICATED'], description: 'No valid token (an API client).' },
      403: { codes: ['FORBIDDEN'], description: 'A token without the role finance or province (JSON); an agency it may not read is a page.' },
    },
  },
  {
    method: 'GET',
    path: '/dashboard/login',
    operationId: 'getDashboardLogin',
    tag: 'Reports',
    summary: 'A form to paste a bearer token for the dashboard',
    auth: 'public',
    commonErrors: false,
    responses: { 200: { description: 'The form.', content: { 'text/html': { type: 'string' } } } },
  },
  {
    method: 'POST',
    path: '/dashboard/login',
    operationId: 'postDashboardLogin',
    tag: 'Reports',
    summary: 'Keep the token in an HttpOnly session cookie',
    description: 'The token is not verified here: the pages that read the cookie verify it on every request. A cross-site form is refused (403).',
    auth: 'public',
    commonErrors: false,
    body: { contentType: 'application/x-www-form-urlencoded', schema: { type: 'object', properties: { token: { type: 'string' } }, required: ['token'] } },
    responses: {
      303: { description: 'Logged in: to /dashboard, with the `fp_session` cookie.', headers: { Location: { description: '/dashboard', schema: { type: 'string' } }, 'Set-Cookie': { description: 'fp_session=…; HttpOnly; SameSite=Strict', schema: { type: 'string' } } } },
      400: { description: 'Not a JWT, or expired: the form again with the reason.', content: { 'text/html': { type: 'string' } } },
      403: { description: 'A cross-site form.', content: { 'text/html': { type: 'string' } } },
      415: { description: 'Not a form.', content: { 'text/html': { type: 'string' } } },
    },
    errors: { 413: { codes: ['PAYLOAD_TOO_LARGE'] } },
  },
  {
    method: 'POST',
    path: '/dashboard/logout',
    operationId: 'postDashboardLogout',
    tag: 'Reports',
    summary: 'Forget the session cookie',
    auth: 'public',
    commonErrors: false,
    responses: {
      303: { description: 'To /dashboard/login, with the cookie cleared.', headers: { Location: { description: '/dashboard/login', schema: { type: 'string' } } } },
      403: { description: 'A cross-site form.', content: { 'text/html': { type: 'string' } } },
    },
  },
];
