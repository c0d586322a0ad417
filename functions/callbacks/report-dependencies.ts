import type { Dependencies } from '../composition';
import type { ApplyReportDependencies } from './apply-provider-report';

/** What applying a provider report needs, taken from the composition root. */
export function reportDependencies(deps: Dependencies): ApplyReportDependencies {
  return { payments: deps.payments, doc: deps.dynamoDb.doc, tableName: deps.tableName, clock: deps.clock };
}
