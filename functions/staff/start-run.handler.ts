import { clock, config, queue, reconciliations, settlements } from '../composition';
import { startReconciliation } from '../reconciliation/start-reconciliation';
import { boardPage } from './board-page';
import { formatFormDate } from './form-dates';
import { boardLocation, boardTarget, dayName } from './settlement-actions';
import { staffHandler } from './staff-handler';
import { seeOther } from './staff-layout';

/**
 * POST /staff/reconciliations — the board's "run" and "run again": the same use case as
 * POST /v1/reconciliations, finance only; back to the board with a confirmation, or the board again
 * with what stopped it (no file yet, a run still under way).
 */
export const handler = staffHandler({ roles: ['finance'], uses: [clock, config, queue, settlements, reconciliations] }, async (request, deps) => {
  const target = boardTarget(request.form, deps.clock.now());
  const outcome = await startReconciliation({ ...target, requestedBy: request.principal.subject }, deps);
  if (outcome.kind === 'QUEUED') return seeOther(boardLocation(target, 'started'));
  const message =
    outcome.kind === 'NO_SETTLEMENT_FILE'
      ? `Chưa có file đối soát của ${dayName(target)}. Hãy lấy hoặc tải file lên trước khi chạy.`
      : `Lần đối soát của ${dayName(target)} đang chạy. Hãy chờ lần đó xong rồi mới chạy lại.`;
  return boardPage(request, { untilText: formatFormDate(target.businessDate), errors: [{ field: `provider-${target.provider}`, message }], statusCode: 409 }, deps);
});
