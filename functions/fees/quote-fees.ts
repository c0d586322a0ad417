import type { FeeInputIssue, FeeInputs } from '../../domain/fees/fee-inputs';
import type { SubmissionChannel } from '../../domain/fees/online-reduction';
import { quoteFees, type Quote } from '../../domain/fees/quote';
import type { Dependencies } from '../composition';

/**
 * Quoting a dossier's fees from the catalog, under the schedule in force when it is submitted (default:
 * now) and for the channel it is submitted through (default: online, the portal's own case).
 */
export type QuoteFeesResult =
  | { readonly kind: 'QUOTED'; readonly quote: Quote }
  | { readonly kind: 'UNKNOWN_PROCEDURE' }
  | { readonly kind: 'INVALID_INPUTS'; readonly issues: readonly FeeInputIssue[] };

export async function quoteProcedureFees(
  command: { procedureCode: string; inputs: FeeInputs; submittedAt?: string | undefined; channel?: SubmissionChannel | undefined },
  deps: Pick<Dependencies, 'catalog' | 'clock'>,
): Promise<QuoteFeesResult> {
  const procedure = await deps.catalog.getProcedure(command.procedureCode);
  if (!procedure) return { kind: 'UNKNOWN_PROCEDURE' };
  const result = quoteFees(procedure, command.inputs, command.submittedAt ?? deps.clock.now(), command.channel ?? 'ONLINE');
  return result.ok ? { kind: 'QUOTED', quote: result.quote } : { kind: 'INVALID_INPUTS', issues: result.issues };
}
