import { apiHandler } from '../http/api-handler';
import { STAFF_STYLESHEET, STAFF_STYLESHEET_VERSION } from './staff-stylesheet';

/**
 * GET /staff/assets/staff.css — the staff pages' style sheet. Its URL carries the sheet's content
 * hash (`?v=…`), so browsers may keep it for a day; it is the same for everyone and needs no session.
 */
export const handler = apiHandler({ auth: 'public' }, async () => ({
  statusCode: 200,
  headers: {
    'content-type': 'text/css; charset=utf-8',
    'cache-control': 'public, max-age=86400',
    'x-content-type-options': 'nosniff',
    etag: `"${STAFF_STYLESHEET_VERSION}"`,
  },
  body: STAFF_STYLESHEET,
}));
