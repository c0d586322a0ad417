import { apiHandler } from '../http/api-handler';
import { json } from '../http/responses';

/** GET /health — liveness for load balancers and the local stack. */
export const handler = apiHandler({ auth: 'public' }, async () => json(200, { status: 'ok' }));
