import { PROVIDERS } from '../../domain/payments/payment';
import type { ProviderName } from '../../domain/providers/provider-payment-report';
import { businessDateOf, isBusinessDate, type BusinessDate } from '../../domain/shared/business-date';
import { formatDate } from '../reports/vietnamese-format';
import { StaffPageError } from './staff-page-error';
import { formatFormDate } from './form-dates';
import { PROVIDER_LABELS } from './labels';
import type { BoardBanner } from './board-page';

/**
 * What the board's action forms share: the day they act on (hidden fields `provider` and
 * `businessDate`, as the board wrote them) and where to go back to afterwards.
 */
export interface BoardTarget {
  readonly provider: ProviderName;
  readonly businessDate: BusinessDate;
}

/** The hidden fields come from the board itself; anything else is a tampered form, not a typing mistake. */
export function boardTarget(form: URLSearchParams, now: Date): BoardTarget {
  const provider = form.get('provider') ?? '';
  const businessDate = form.get('businessDate') ?? '';
  if (!(PROVIDERS as readonly string[]).includes(provider) || !isBusinessDate(businessDate)) {
    throw new StaffPageError(400, 'Biểu mẫu thiếu nhà cung cấp hoặc ngày. Hãy quay lại bảng đối soát và bấm lại nút.');
  }
  if (businessDate > businessDateOf(now)) throw new StaffPageError(400, 'Ngày đối soát không được sau hôm nay.');
  return { provider: provider as ProviderName, businessDate };
}

export function boardLocation(target: BoardTarget, done: BoardBanner): string {
  return `/staff?until=${encodeURIComponent(formatFormDate(target.businessDate))}&done=${done}`;
}

/** "Ngân hàng … ngày 07/03/2026", the day an action message is about. */
export function dayName(target: BoardTarget): string {
  return `${PROVIDER_LABELS[target.provider]} ngày ${formatDate(target.businessDate)}`;
}
