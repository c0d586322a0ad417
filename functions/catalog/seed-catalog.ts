import type { Catalog } from '../../domain/catalog/catalog';
import { catalogSchema } from '../../domain/catalog/catalog-schema';
import { validateInput } from '../../domain/shared/validation';
import seed from '../../data/seed-catalog.json';

/** The demo province's catalog shipped in data/, validated so a bad edit fails at start, not mid-request. */
export function demoCatalog(): Catalog {
  const result = validateInput(catalogSchema, seed);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`data/seed-catalog.json is not a valid catalog: ${problems}`);
  }
  return result.data;
}
