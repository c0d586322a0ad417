import type { CatalogReader } from '../../domain/catalog/catalog';
import { validationFailed } from '../http/http-errors';

/**
 * An agency code in a query must name an agency of the catalog. An unknown one (a typo, another
 * province's code) is refused with 400 naming it, rather than answered with an empty list or report
 * that looks like "no payments yet". The catalog is public (GET /v1/procedures), so naming the known
 * codes tells nothing secret.
 */
const MAX_CODES_LISTED = 20;

export async function refuseUnknownAgencies(catalog: Pick<CatalogReader, 'listAgencies'>, codes: readonly string[] | undefined, path = 'agency'): Promise<void> {
  if (!codes || codes.length === 0) return;
  const known = (await catalog.listAgencies()).map((agency) => agency.code).sort();
  const unknown = codes.filter((code) => !known.includes(code));
  if (unknown.length === 0) return;
  const listed = known.length > MAX_CODES_LISTED ? `${known.slice(0, MAX_CODES_LISTED).join(', ')}, …` : known.join(', ');
  throw validationFailed(
    unknown.map((code) => ({ path, message: `no agency ${code} in the catalog; known agencies: ${listed}` })),
    `Unknown agency ${unknown.join(', ')}.`,
  );
}
