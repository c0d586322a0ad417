import * as z from 'zod/mini';
import { MAX_NOTE_LENGTH, RESOLUTION_ACTIONS } from '../../domain/reconciliation-runs/discrepancy-resolution';
import { businessDateSchema, providerSchema } from '../settlements/settlement-params';
import { discrepancyFilters } from './reconciliation-params';

/**
 * Request bodies and queries of the reconciliation routes: the handlers validate with them and the API
 * document shows them. Path parameters are runParams and discrepancyParams (reconciliation-params.ts).
 */
export const startReconciliationBody = z.strictObject({ provider: providerSchema, businessDate: businessDateSchema });

export const exportDiscrepanciesQuery = z.object({
  format: z._default(z.enum(['csv', 'xlsx'], { error: 'must be csv or xlsx' }), 'csv'),
  ...discrepancyFilters,
});

export const listDiscrepanciesQuery = z.object({
  ...discrepancyFilters,
  limit: z._default(z.coerce.number().check(z.int('must be a whole number'), z.minimum(1, 'must be from 1 to 100'), z.maximum(100, 'must be from 1 to 100')), 50),
  cursor: z.optional(z.string().check(z.maxLength(4096, 'is too long'), z.regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor this listing returned'))),
});

export const resolveDiscrepancyBody = z
  .strictObject({
    action: z.enum(RESOLUTION_ACTIONS, { error: `must be one of ${RESOLUTION_ACTIONS.join(', ')}` }),
    note: z.optional(
      z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(MAX_NOTE_LENGTH, `must be at most ${MAX_NOTE_LENGTH} characters`)),
    ),
  })
  .check(z.refine((input) => input.action !== 'NOTE' || input.note !== undefined, { path: ['note'], error: 'is required for NOTE' }));
