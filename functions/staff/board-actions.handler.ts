import { handler as fetchSettlement } from './fetch-settlement.handler';
import { byPageRoute } from './page-routes';
import { handler as startRun } from './start-run.handler';
import { handler as uploadSettlement } from './upload-settlement-page.handler';

/** The board's actions: fetch a day's file, upload one, run a day (each in its own handler). */
export const handler = byPageRoute({
  'POST /staff/settlements/fetch': fetchSettlement,
  'GET /staff/settlements/upload': uploadSettlement,
  'POST /staff/settlements/upload': uploadSettlement,
  'POST /staff/reconciliations': startRun,
});
