import * as z from 'zod/mini';
import { isBusinessDate } from '../shared/business-date';
import { MAX_AMOUNT_VND } from '../shared/money';

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

export const feeLineSchema = z.object({
  feeCode: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  kind: feeKindSchema,
  rule: feeRuleSchema,
  validFrom: businessDate,
  validTo: z.nullable(businessDate),
  source: z.optional(z.string()),
});

export const procedureSchema = z.object({
  code: z.string().check(z.regex(/^[A-Z0-9-]{1,64}$/)),
  name: z.string().check(z.minLength(1)),
  agencyCode: z.string().check(z.regex(/^[A-Z0-9_-]{1,32}$/)),
  fees: z.array(feeLineSchema),
});

export const agencySchema = z.object({
  code: z.string().check(z.regex(/^[A-Z0-9_-]{1,32}$/)),
  name: z.string().check(z.minLength(1)),
  level: z.enum(['PROVINCE', 'DISTRICT', 'COMMUNE']),
  parent: z.optional(z.string()),
});

export const catalogSchema = z
  .object({
    province: z.object({ code: z.string().check(z.minLength(1)), name: z.string().check(z.minLength(1)) }),
    agencies: z.array(agencySchema),
    procedures: z.array(procedureSchema),
  })
  .check(
    z.superRefine((catalog, ctx) => {
      const agencies = new Set(catalog.agencies.map((agency) => agency.code));
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
