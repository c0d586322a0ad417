import * as z from 'zod/mini';
import { clock, config, reconciliations, settlements } from '../composition';
import { BOARD_BANNERS, boardPage, type BoardBanner } from './board-page';
import { staffHandler } from './staff-handler';

const query = z.object({ until: z.optional(z.string()), done: z.optional(z.string()) });

/** GET /staff — the daily board, finance's home (the provincial office reads it too). */
export const handler = staffHandler({ roles: ['finance', 'province'], query, uses: [settlements, reconciliations, clock, config] }, async (request, deps) => {
  const banner = request.query.done && Object.hasOwn(BOARD_BANNERS, request.query.done) ? BOARD_BANNERS[request.query.done as BoardBanner] : undefined;
  return boardPage(request, { ...(request.query.until ? { untilText: request.query.until } : {}), ...(banner ? { banner } : {}) }, deps);
});
