import Decimal from 'decimal.js';
import type { AmountVnd } from '../shared/money';

/**
 * Rounds a decimal amount to whole đồng, half up (0.5 → 1): the one rounding a fee line gets, where a
 * percentage leaves a fraction. Kept apart from domain/shared/money.ts so that code which only checks
 * or adds whole amounts does not carry decimal.js.
 */
export function roundVndHalfUp(value: Decimal.Value): AmountVnd {
  return new Decimal(value).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}
