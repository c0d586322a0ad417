import * as z from 'zod/mini';
import { isBusinessDate } from '../shared/business-date';
import { MAX_AMOUNT_VND } from '../shared/money';
import { agencyHistoryIssues } from './agency-history';

/**
 * The catalog's shape as zod schemas (the vocabulary is in catalog.ts), for checking a catalog file
 * before it is used (functions/catalog/seed-catalog.ts); catalog.ts takes its types from them. They
 * are a module of their own because building a schema is a call at the top of the module, which a
 * bundle keeps whenever the module is imported: the functions that only read procedures from the
 * table (and call hasFinancialObligation) would otherwise carry every schema and the parts of zod
 * they use.
 */
const amount = z.int().check(z.minimum(0), z.maximum(MAX_AMOUNT_VND));
const businessDate = z.string().check(z.refine(isBusinessDate, 'must be a date YYYY-MM-DD'));
const decimalRate = z.string().check(z.regex(/^(0|[1-9]\d*)(\.\d+)?$/, 'must be a decimal string such as "0.005"'));

export const fixedRuleSchema = z.object({ type: z.literal('fixed'), amount });

export const tieredRuleSchema = z.object({
  type: z.literal('tiered'),
  unit: z.literal('pages'),
  tiers: z
    .array(z.object({ upTo: z.nullable(z.int().check(z.positive())), amount }))
    .check(
      z.minLength(1),
      z.refine((tiers) => tiers.at(-1)?.upTo === null, 'the last tier must have no upper bound (upTo: null)'),
      z.refine((tiers) => tiers.every((tier, i) => i === 0 || tier.upTo === null || tier.upTo > (tiers[i - 1]?.upTo ?? 0)), 'tier bounds must increase'),
    ),
  capPerCopy: z.nullable(amount),
  perCopy: z.nullable(z.literal('copies')),
});

export const percentageRuleSchema = z.object({
  type: z.literal('percentage'),
  base: z.literal('declaredValue'),
  rate: decimalRate,
  min: z.nullable(amount),
  max: z.nullable(amount),
});

export const feeRuleSchema = z.discriminatedUnion('type', [fixedRuleSchema, tieredRuleSchema, percentageRuleSchema]);

export const feeKindSchema = z.enum(['PHI', 'LE_PHI']);

/**
 * A lower fee for a dossier submitted online (a provincial council's resolution, for a stated period):
 * `percent` off the line's amount (a decimal string, 0 < percent ≤ 100) between `from` and `to`
 * (business dates, inclusive; `to` null = open), citing `source` in the quote's explanation.
 */
export const onlineReductionSchema = z
  .object({
    percent: z.string().check(
      z.regex(/^(100|[1-9]?\d)(\.\d+)?$/, 'must be a percentage such as "50" or "12.5"'),
      z.refine((text) => Number(text) > 0 && Number(text) <= 100, 'must be more than 0 and at most 100'),
    ),
    from: businessDate,
    to: z.nullable(businessDate),
    source: z.string().check(z.minLength(1)),
  })
  .check(z.refine((reduction) => reduction.to === null || reduction.from <= reduction.to, { message: 'to must not be before from', path: ['to'] }));

export const feeLineSchema = z.object({
  feeCode: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  kind: feeKindSchema,
  rule: feeRuleSchema,
  validFrom: businessDate,
  validTo: z.nullable(businessDate),
  source: z.optional(z.string()),
  onlineReductions: z.optional(
    z.array(onlineReductionSchema).check(
      z.refine(
        (reductions) => reductions.every((a, i) => reductions.every((b, j) => j <= i || !((a.to === null || b.from <= a.to) && (b.to === null || a.from <= b.to)))),
        'online reductions of one fee line must not overlap',
      ),
    ),
  ),
});

export const procedureSchema = z.object({
  code: z.string().check(z.regex(/^[A-Z0-9-]{1,64}$/)),
  name: z.string().check(z.minLength(1)),
  agencyCode: z.string().check(z.regex(/^[A-Z0-9_-]{1,32}$/)),
  fees: z.array(feeLineSchema),
});

/**
 * An agency and the dates it is valid (inclusive; absent `validFrom` = since before the catalog's
 * history, absent `validTo` = still valid). Once it ends, `successor` names the agency that takes
 * over its procedures from the next day. `taxCode` is the collector's tax code printed on receipts.
 */
export const agencySchema = z
  .object({
    code: z.string().check(z.regex(/^[A-Z0-9_-]{1,32}$/)),
    name: z.string().check(z.minLength(1)),
    level: z.enum(['PROVINCE', 'DISTRICT', 'COMMUNE']),
    parent: z.optional(z.string()),
    taxCode: z.optional(z.string().check(z.regex(/^\d{10}(-\d{3})?$/, 'must be a tax code of 10 digits (or 10-3 for a dependent unit)'))),
    validFrom: z.optional(businessDate),
    validTo: z.optional(businessDate),
    successor: z.optional(z.string().check(z.regex(/^[A-Z0-9_-]{1,32}$/))),
  })
  .check(
    z.refine((agency) => agency.validFrom === undefined || agency.validTo === undefined || agency.validFrom <= agency.validTo, {
      message: 'validTo must not be before validFrom',
      path: ['validTo'],
    }),
    z.refine((agency) => agency.successor === undefined || agency.validTo !== undefined, {
      message: 'only an agency that ends (validTo) has a successor',
      path: ['successor'],
    }),
  );

export const catalogSchema = z
  .object({
    province: z.object({ code: z.string().check(z.minLength(1)), name: z.string().check(z.minLength(1)) }),
    agencies: z.array(agencySchema),
    procedures: z.array(procedureSchema),
  })
  .check(
    z.superRefine((catalog, ctx) => {
      const agencies = new Set(catalog.agencies.map((agency) => agency.code));
      for (const issue of agencyHistoryIssues(catalog.agencies)) ctx.addIssue({ code: 'custom', input: issue.input, path: ['agencies', ...issue.path], message: issue.message });
      const seen = new Set<string>();
      catalog.procedures.forEach((procedure, i) => {
        if (!agencies.has(procedure.agencyCode)) {
          ctx.addIssue({ code: 'custom', input: procedure.agencyCode, path: ['procedures', i, 'agencyCode'], message: `unknown agency ${procedure.agencyCode}` });
        }
        if (seen.has(procedure.code)) {
          ctx.addIssue({ code: 'custom', input: procedure.code, path: ['procedures', i, 'code'], message: `duplicate procedure ${procedure.code}` });
        }
        seen.add(procedure.code);
      });
    }),
  );
