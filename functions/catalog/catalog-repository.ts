import { BatchWriteCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Agency, Catalog, CatalogReader, Procedure } from '../../domain/catalog/catalog';
import { queryAll } from '../adapters/dynamodb/query-all';

/**
 * The catalog in the service table:
 *   procedure   pk CATALOG / sk PROCEDURE#<code>, gsi1pk CATALOG#AGENCY#<agency> / gsi1sk PROCEDURE#<code>
 *   agency      pk CATALOG / sk AGENCY#<code>
 * The catalog is small (hundreds of procedures per province) and read on every quote and payment,
 * so reads are cached per Lambda container (per repository instance) for a short time.
 */
const CATALOG_PK = 'CATALOG';
/**
 * How long a read catalog entry is served from memory: a minute. This is safe because fees change
 * by fee schedules with effective dates announced in advance: a procedure's record carries its
 * schedules and the quote picks the one in force at the request's own time, so a cached record
 * prices a dossier exactly as a fresh one would. Only an edit of the catalog itself (a new procedure,
 * a corrected schedule) takes up to this long to reach every container. Tests that change the
 * catalog build their repository with a TTL of 0.
 */
export const CATALOG_CACHE_TTL_MS = 60_000;

interface CacheEntry<T> {
  readonly value: T;
  readonly expiresAt: number;
}

export class DynamoDbCatalogRepository implements CatalogReader {
  private readonly cache = new Map<string, CacheEntry<unknown>>();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly cacheTtlMs = CATALOG_CACHE_TTL_MS,
  ) {}

  async getProcedure(code: string): Promise<Procedure | undefined> {
    return this.cached(`procedure:${code}`, async () => {
      const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: CATALOG_PK, sk: `PROCEDURE#${code}` } }));
      return Item?.procedure as Procedure | undefined;
    });
  }

  async listProcedures(filter: { agencyCode?: string } = {}): Promise<Procedure[]> {
    const { agencyCode } = filter;
    return this.cached(`procedures:${agencyCode ?? '*'}`, async () => {
      const items = agencyCode
        ? await queryAll<{ procedure: Procedure }>(this.doc, {
            TableName: this.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': `CATALOG#AGENCY#${agencyCode}` },
          })
        : await queryAll<{ procedure: Procedure }>(this.doc, {
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': CATALOG_PK, ':prefix': 'PROCEDURE#' },
          });
      return items.map((item) => item.procedure);
    });
  }

  async listAgencies(): Promise<Agency[]> {
    return this.cached('agencies', async () => {
      const items = await queryAll<{ agency: Agency }>(this.doc, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': CATALOG_PK, ':prefix': 'AGENCY#' },
      });
      return items.map((item) => item.agency);
    });
  }

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.value as T;
    const value = await load();
    if (this.cacheTtlMs > 0) this.cache.set(key, { value, expiresAt: Date.now() + this.cacheTtlMs });
    return value;
  }
}

/**
 * Writes (or overwrites) every agency and procedure of a validated catalog: how the local stack and
 * tests seed the table. No Lambda writes the catalog, so this is a function beside the repository
 * rather than a method every reader's bundle would carry.
 */
export async function saveCatalog(doc: DynamoDBDocumentClient, tableName: string, catalog: Catalog): Promise<void> {
  const items = [
    ...catalog.agencies.map((agency) => ({ pk: CATALOG_PK, sk: `AGENCY#${agency.code}`, agency })),
    ...catalog.procedures.map((procedure) => ({
      pk: CATALOG_PK,
      sk: `PROCEDURE#${procedure.code}`,
      gsi1pk: `CATALOG#AGENCY#${procedure.agencyCode}`,
      gsi1sk: `PROCEDURE#${procedure.code}`,
      procedure,
    })),
  ];
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    // BatchWrite may leave items unprocessed under load; retry them with a growing pause.
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt === 8) throw new Error('catalog write left unprocessed items after 8 attempts');
      const result = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      if (requests.length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
}
