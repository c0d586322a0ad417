import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../domain/ports/clock';
import { DynamoDbCatalogRepository, saveCatalog } from '../../functions/catalog/catalog-repository';
import { demoCatalog } from '../../functions/catalog/seed-catalog';
import { loadConfig } from '../../functions/config';
import type { CreatePaymentRequest } from '../../functions/payments/create-payment-request';
import { paymentLinkBuilder } from '../../functions/payments/payment-links';
import { DynamoDbPaymentRepository } from '../../functions/payments/payment-repository';
import { DynamoDbPaymentRequestRepository } from '../../functions/payments/payment-request-repository';
import type { Principal } from '../../functions/http/principal';
import type { TestTable } from './dynamodb';

/** A valid payment request with defaults (certified copies at a commune, 5 pages × 2 copies = 14 000 VND). */
export function aPaymentRequest(overrides: Partial<CreatePaymentRequest> = {}): CreatePaymentRequest {
  return {
    dossierId: `HS-${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    procedureCode: 'CT-BANSAO',
    agencyCode: 'TRANBIEN',
    provider: 'mock-bank',
    inputs: { pages: 5, copies: 2 },
    payer: { name: 'Nguyễn Văn A', idNumber: '079203001234' },
    returnUrl: 'https://dichvucong.dongnai.gov.vn/ho-so/return',
    ...overrides,
  };
}

export const aPortal: Principal = { subject: 'portal-dongnai', roles: ['portal'], agencies: ['*'] };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The dependencies the payment use cases need, on a test table with the demo catalog. */
export async function paymentDependencies(table: TestTable, clock: Clock) {
  const config = loadConfig({ TABLE_NAME: table.tableName });
  await saveCatalog(table.doc, table.tableName, demoCatalog());
  const catalog = new DynamoDbCatalogRepository(table.doc, table.tableName, 0);
  return {
    config,
    clock,
    catalog,
    payments: new DynamoDbPaymentRepository(table.doc, table.tableName),
    paymentRequests: new DynamoDbPaymentRequestRepository(table.doc, table.tableName),
    paymentLinks: paymentLinkBuilder(config),
  };
}

/** Every item of a test table except the catalog: what a request wrote (a test-only Scan). */
export async function itemsWritten(doc: DynamoDBDocumentClient, tableName: string): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
    items.push(...((page.Items ?? []) as Array<Record<string, unknown>>));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.filter((item) => item.pk !== 'CATALOG');
}
