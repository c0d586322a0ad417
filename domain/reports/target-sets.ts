import * as z from 'zod/mini';
import { validateInput } from '../shared/validation';

/**
 * Target sets (chỉ tiêu) are data, one per province and year, so adding a province's set is an edit
 * of target-sets.json and never a code change. Rates and points stay decimal strings end to end:
 * they are compared exactly, never as floats.
 */
export type RateComparison = 'gte' | 'gt';

export interface RateTarget {
  /** Percentage as a decimal string, 0–100: "25.00". */
  readonly target: string;
  /** 'gte' when the source says "at least", 'gt' when it says "above". */
  readonly comparison: RateComparison;
}

export interface TargetPoints {
  /** Points per indicator met, a signed decimal string: "1.00". */
  readonly meets: string;
  /** Points per indicator missed, usually negative: "-1.00". */
  readonly misses: string;
}

export interface TargetSet {
  readonly id: string;
  readonly name: string;
  readonly transactionRate: RateTarget;
  readonly procedureRate: RateTarget;
  readonly points: TargetPoints | null;
}

export interface TargetSetsIssue {
  readonly path: string;
  readonly message: string;
}

/** The target-set document is unusable; `issues` names every bad field, like a VALIDATION_FAILED. */
export class TargetSetsInvalidError extends Error {
  readonly issues: readonly TargetSetsIssue[];

  constructor(issues: readonly TargetSetsIssue[], options?: { cause?: unknown }) {
    super(`invalid target sets: ${issues.map((issue) => `${issue.path || '(document)'}: ${issue.message}`).join('; ')}`, options);
    this.name = 'TargetSetsInvalidError';
    this.issues = issues;
  }
}

// Up to four decimals is finer than any published target; the bound keeps exact arithmetic small.
const percentage = z
  .string()
  .check(
    z.regex(/^\d{1,3}(\.\d{1,4})?$/, 'must be a percentage written as a decimal string, e.g. "25.00"'),
    z.refine((value) => !exceedsHundred(value), 'must be at most 100'),
  );

// Judged on any plain decimal, not only one the regex accepts, so "1000" is told it is too big as
// well as badly written; what is not a number at all gets the regex's message alone.
function exceedsHundred(value: string): boolean {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return false;
  const whole = BigInt(match[1]!);
  return whole > 100n || (whole === 100n && /[1-9]/.test(match[2] ?? ''));
}

const points = z.string().check(z.regex(/^-?\d{1,6}(\.\d{1,2})?$/, 'must be points written as a decimal string, e.g. "-1.00"'));

const rateTarget = z.object({
  target: percentage,
  comparison: z.enum(['gte', 'gt'], { error: "must be 'gte' (at least) or 'gt' (above)" }),
});

// Unknown keys (a "source" note, say) are dropped rather than refused, so a province can annotate its
// set; every field the reports use is required, `points` included (null when the set has none).
const targetSet = z.object({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1–64 lower-case letters, digits or dashes')),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  transactionRate: rateTarget,
  procedureRate: rateTarget,
  points: z.nullable(z.object({ meets: points, misses: points })),
});

export const targetSetsDocumentSchema = z.object({
  about: z.optional(z.string()),
  targetSets: z.array(targetSet).check(
    z.minLength(1, 'must list at least one target set'),
    z.maxLength(1000),
    z.superRefine((sets, ctx) => {
      const seen = new Set<string>();
      sets.forEach((set, index) => {
        if (seen.has(set.id)) ctx.addIssue({ code: 'custom', input: set.id, path: [index, 'id'], message: `duplicate id "${set.id}"` });
        seen.add(set.id);
      });
    }),
  ),
});

/** Validates a parsed target-set document (the content of target-sets.json). */
export function parseTargetSets(document: unknown): TargetSet[] {
  const result = validateInput(targetSetsDocumentSchema, document);
  if (!result.success) {
    throw new TargetSetsInvalidError(result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })));
  }
  return result.data.targetSets;
}

/** Parses and validates the text of target-sets.json. */
export function parseTargetSetsJson(text: string): TargetSet[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    throw new TargetSetsInvalidError([{ path: '', message: `not JSON: ${(cause as Error).message}` }], { cause });
  }
  return parseTargetSets(document);
}

export function findTargetSet(sets: readonly TargetSet[], id: string): TargetSet | undefined {
  return sets.find((set) => set.id === id);
}

/** The summary a report shows of its target set. */
export interface TargetSetSummary {
  readonly id: string;
  readonly name: string;
  readonly transactionRateTarget: string;
  readonly transactionRateComparison: RateComparison;
  readonly procedureRateTarget: string;
  readonly procedureRateComparison: RateComparison;
  readonly points: TargetPoints | null;
}

export function summarizeTargetSet(set: TargetSet): TargetSetSummary {
  return {
    id: set.id,
    name: set.name,
    transactionRateTarget: set.transactionRate.target,
    transactionRateComparison: set.transactionRate.comparison,
    procedureRateTarget: set.procedureRate.target,
    procedureRateComparison: set.procedureRate.comparison,
    points: set.points,
  };
}

// "targetSets[1].transactionRate.target", the path style of the API's error details.
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), '');
}
