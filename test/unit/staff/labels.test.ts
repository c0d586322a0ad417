// Every code a staff page or export shows has a Vietnamese label, and no label is a code or English.
import { CASE_TYPES, FINDING_SOURCES } from '../../../domain/cases/case';
import { CASE_ACTIONS, CASE_STATUSES } from '../../../domain/cases/case-state-machine';
import { PAYMENT_EVENT_TYPES, PAYMENT_STATUSES } from '../../../domain/payments/payment-state-machine';
import { PAYMENT_RECORD_EVENT_TYPES, PROVIDERS } from '../../../domain/payments/payment';
import { DISCREPANCY_TYPES } from '../../../domain/reconciliation/discrepancy';
import { RESOLUTION_ACTIONS } from '../../../domain/reconciliation-runs/discrepancy-resolution';
import { RUN_STATUSES } from '../../../domain/reconciliation-runs/reconciliation-run';
import { REVIEW_REASONS } from '../../../domain/review/review-item';
import { COUNTER_PAYMENT_METHODS } from '../../../functions/counter-payments/counter-payment-schemas';
import * as labels from '../../../functions/staff/labels';

const tables = Object.entries(labels)
  .filter(([name]) => name.endsWith('_LABELS'))
  .map(([name, table]) => [name, table as Record<string, string>] as const);

describe('staff labels', () => {
  it('label every code of the domain lists', () => {
    const covered: [readonly string[], Record<string, string>][] = [
      [PAYMENT_STATUSES, labels.PAYMENT_STATUS_LABELS],
      [[...PAYMENT_EVENT_TYPES, ...PAYMENT_RECORD_EVENT_TYPES], labels.PAYMENT_EVENT_LABELS],
      [PROVIDERS, labels.PROVIDER_LABELS],
      [DISCREPANCY_TYPES, labels.DISCREPANCY_TYPE_LABELS],
      [RESOLUTION_ACTIONS, labels.RESOLUTION_ACTION_LABELS],
      [RUN_STATUSES, labels.RUN_STATUS_LABELS],
      [REVIEW_REASONS, labels.REVIEW_REASON_LABELS],
      [COUNTER_PAYMENT_METHODS, labels.COUNTER_PAYMENT_METHOD_LABELS],
      [CASE_TYPES, labels.CASE_TYPE_LABELS],
      [CASE_STATUSES, labels.CASE_STATUS_LABELS],
      [CASE_ACTIONS, labels.CASE_ACTION_LABELS],
      [FINDING_SOURCES, labels.FINDING_SOURCE_LABELS],
    ];
    for (const [codes, table] of covered) for (const code of codes) expect(table[code]).toEqual(expect.any(String));
  });

  it.each(tables)('%s holds plain Vietnamese words, never a code', (_name, table) => {
    for (const [code, label] of Object.entries(table)) {
      expect(label).not.toBe(code);
      expect(label).not.toMatch(/\b[A-Z]{2,}_[A-Z_]+\b/); // no upper-snake codes
      expect(label.trim()).toBe(label);
      expect(label.length).toBeGreaterThan(1);
    }
  });

  it('answers a plain word for a code no table knows, never the code', () => {
    expect(labels.labelOf(labels.PAYMENT_STATUS_LABELS, 'SUCCEEDED')).toBe('Thành công');
    expect(labels.labelOf(labels.PAYMENT_STATUS_LABELS, 'SOMETHING_NEW')).toBe(labels.UNKNOWN_LABEL);
    expect(labels.labelOf(labels.PAYMENT_STATUS_LABELS, 'toString')).toBe(labels.UNKNOWN_LABEL);
    expect(labels.labelOf(labels.PAYMENT_STATUS_LABELS, null)).toBe(labels.UNKNOWN_LABEL);
  });

  it('lists a table as options in its own order', () => {
    expect(labels.optionsOf(labels.COUNTER_PAYMENT_METHOD_LABELS)).toEqual([
      { value: 'CASH', label: 'Tiền mặt' },
      { value: 'POS', label: 'Thẻ (máy POS)' },
      { value: 'BANK_TRANSFER', label: 'Chuyển khoản' },
    ]);
  });

  it('writes times in UTC+7 as dd/mm/yyyy HH:mm whatever offset they came with', () => {
    expect(labels.formatVietnamDateTime('2026-12-07T17:05:00Z')).toBe('08/12/2026 00:05');
    expect(labels.formatVietnamDateTime('2026-03-01T23:59:59+07:00')).toBe('01/03/2026 23:59');
    expect(labels.formatVietnamDateTime(new Date('2026-01-31T16:59:00Z'))).toBe('31/01/2026 23:59');
    expect(labels.formatVietnamDateTime('not a time')).toBe('—');
    expect(labels.formatVietnamDateTime(undefined)).toBe('—');
  });

  it('says Có / Không for yes and no', () => {
    expect([labels.yesNo(true), labels.yesNo(false)]).toEqual(['Có', 'Không']);
  });
});
