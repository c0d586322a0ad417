import { businessDateOf } from '../../domain/shared/business-date';
import type { Clock } from '../../domain/ports/clock';
import type { Config } from '../config';
import type { ApiResponse } from '../http/responses';
import { loadBoard, type BoardDependencies } from './board-data';
import { boardBody } from './board-view';
import { formatFormDate, parseVietnamDate } from './form-dates';
import type { FieldError } from './page-parts';
import type { StaffRequest } from './staff-handler';
import { staffPage } from './staff-layout';

/**
 * The board as a page, for its GET and for the actions that answer with it when they could not do
 * what was asked (the message then sits in the error summary at the top).
 */
export type BoardPageDependencies = BoardDependencies & { readonly clock: Clock; readonly config: Pick<Config, 'settlementSourceUrls'> };

/** Confirmations after a redirect, by a fixed code: a query string never puts its own text on the page. */
export const BOARD_BANNERS = {
  uploaded: 'Đã nhận file đối soát.',
  fetched: 'Đã lấy file đối soát từ nhà cung cấp.',
  started: 'Đã bắt đầu đối soát. Kết quả có sau ít giây; tải lại trang để xem.',
} as const;
export type BoardBanner = keyof typeof BOARD_BANNERS;

export async function boardPage(
  request: Pick<StaffRequest<unknown, unknown>, 'principal' | 'csrfToken'>,
  options: { readonly untilText?: string; readonly errors?: readonly FieldError[]; readonly banner?: string; readonly statusCode?: number },
  deps: BoardPageDependencies,
): Promise<ApiResponse> {
  const now = deps.clock.now();
  const today = businessDateOf(now);
  const errors = [...(options.errors ?? [])];
  let until = today;
  if (options.untilText) {
    const parsed = parseVietnamDate(options.untilText);
    if (!parsed) errors.push({ field: 'until', message: 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 07/03/2026' });
    else if (parsed > today) errors.push({ field: 'until', message: 'Ngày không được sau hôm nay' });
    else until = parsed;
  }
  const days = await loadBoard(until, request.principal, now, deps);
  const canAct = request.principal.roles.includes('finance');
  return staffPage(options.statusCode ?? (errors.length > 0 ? 400 : 200), {
    title: 'Bảng đối soát',
    principal: request.principal,
    csrfToken: request.csrfToken,
    active: 'board',
    body: boardBody({
      days,
      untilText: options.untilText ?? formatFormDate(until),
      errors,
      ...(options.banner ? { banner: options.banner } : {}),
      canAct,
      canFetch: Object.keys(deps.config.settlementSourceUrls).length > 0,
      csrfToken: request.csrfToken,
    }),
  });
}
