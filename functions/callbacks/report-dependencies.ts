import type { Dependencies } from '../composition';
import type { ApplyReportDependencies } from './apply-provider-report';

/** What applying a provider report needs, taken from the composition root (list payments, dynamoDb, tableName, clock). */
export function reportDependencies(deps: Pick<Dependencies, 'payments' | 'dynamoDb' | 'tableName' | 'clock'>): ApplyReportDependencies {
  return { payments: deps.payments, doc: deps.dynamoDb.doc, tableName: deps.tableName, clock: deps.clock };
}
