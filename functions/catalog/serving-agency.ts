import { agencyHistory } from '../../domain/catalog/agency-history';
import type { CatalogReader, Procedure } from '../../domain/catalog/catalog';
import type { BusinessDate } from '../../domain/shared/business-date';

/**
 * The agency serving a procedure on a business date: the one its record names or, once that one has
 * ended, its successor (domain/catalog/agency-history.ts). A payment is collected by, and stays with,
 * the agency serving its procedure on the payment's date. The agencies come from the catalog's
 * cached list, so this costs no read of its own on a warm container.
 */
export async function agencyServing(catalog: Pick<CatalogReader, 'listAgencies'>, procedure: Procedure, date: BusinessDate): Promise<string | undefined> {
  return agencyHistory(await catalog.listAgencies()).servingOn(procedure.agencyCode, date);
}
