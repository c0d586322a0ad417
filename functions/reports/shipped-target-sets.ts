import document from '../../data/target-sets.json';
import { parseTargetSets, type TargetSet } from '../../domain/reports/target-sets';

/** The target set a report is measured against when the caller names none. */
export const DEFAULT_TARGET_SET_ID = 'nq01-2021';

let loaded: readonly TargetSet[] | undefined;

/**
 * The target sets shipped in data/target-sets.json, validated once per cold start: a bad edit of the
 * file fails the first request loudly (TargetSetsInvalidError names the field), never a report.
 */
export function shippedTargetSets(): readonly TargetSet[] {
  loaded ??= Object.freeze(parseTargetSets(document));
  return loaded;
}
