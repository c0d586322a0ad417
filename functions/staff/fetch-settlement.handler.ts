import { clock, config, reconciliations, settlementFiles, settlements } from '../composition';
import { fetchSettlementFile } from '../settlements/fetch-settlement-file';
import { boardPage } from './board-page';
import { formatFormDate } from './form-dates';
import { boardLocation, boardTarget, dayName } from './settlement-actions';
import { settlementFileErrorMessage } from './settlement-file-messages';
import { staffHandler } from './staff-handler';
import { seeOther } from './staff-layout';

/**
 * POST /staff/settlements/fetch — the board's "fetch the file": downloads the provider's settlement
 * file of the day and stores it as an upload is stored (functions/settlements/fetch-settlement-file.ts).
 */
export const handler = staffHandler({ roles: ['finance'], uses: [clock, config, settlementFiles, settlements, reconciliations] }, async (request, deps) => {
  const target = boardTarget(request.form, deps.clock.now());
  const outcome = await fetchSettlementFile({ ...target, principal: request.principal }, deps);
  if (outcome.kind === 'STORED') return seeOther(boardLocation(target, 'fetched'));
  const message = (() => {
    switch (outcome.kind) {
      case 'NOT_CONFIGURED':
        return `Không lấy được file tự động của ${dayName(target)}. Hãy tải file lên.`;
      case 'PROVIDER_UNAVAILABLE':
        return `Nhà cung cấp chưa trả file của ${dayName(target)} (không kết nối được hoặc chưa có file). Hãy thử lại sau hoặc tải file lên.`;
      case 'INVALID_FILE':
        return `File của ${dayName(target)} không hợp lệ. ${settlementFileErrorMessage({ line: outcome.line, field: outcome.field, detail: outcome.message })}`;
      case 'FUTURE_DATE':
        return 'Ngày đối soát không được sau hôm nay.';
      case 'FORBIDDEN':
        return 'Tài khoản của bạn không được nhận file đối soát.';
    }
  })();
  return boardPage(request, { untilText: formatFormDate(target.businessDate), errors: [{ field: `provider-${target.provider}`, message }], statusCode: 422 }, deps);
});
