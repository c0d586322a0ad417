import { GetCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Case, CaseTrailEntry, CaseType } from '../../domain/cases/case';
import type { CaseStatus } from '../../domain/cases/case-state-machine';
import { transactWrite, type TransactWriteItem } from '../adapters/dynamodb/transact-write';
import { batchGetItems } from '../reconciliation/reconciliation-repository';
import { caseKey, findingOfKey, paymentPartition, statusPartition } from './case-records';

/**
 * Reading cases and writing actions on them (case-records.ts gives the items and keys). Every read is
 * a GetItem, a BatchGetItem or a Query: the queue by status oldest first (gsi1), a payment's cases
 * (gsi2), a case's trail (its own partition).
 */
export interface StoredCase extends Case {
  /** Trail entries written so far: the number the next one takes is entries + 1. */
  readonly entries: number;
}

export interface CaseQuery {
  /** One status, or several listed one after the other (each oldest first). */
  readonly statuses: readonly CaseStatus[];
  /** Only cases a provider report (callback, mop-up) found: the review items of CONTRACT. */
  readonly reported?: boolean;
  readonly type?: CaseType;
  /** Only cases of these agencies; 'ALL' for every case, those of unknown payments included. */
  readonly agencies: readonly string[] | 'ALL';
  readonly limit: number;
  readonly cursor?: string;
}

export interface CasePage {
  readonly items: StoredCase[];
  readonly nextCursor: string | null;
}

/** A cursor that does not belong to the listing it was sent to. */
export class CaseCursorError extends Error {
  constructor() {
    super('the cursor is not one this listing returned');
    this.name = 'CaseCursorError';
  }
}

/** Actions (notes included) one case may collect; the trail is read whole. */
export const MAX_TRAIL_ENTRIES = 200;
/** Pages one listing request may read while a filter skips cases of other agencies or types. */
const MAX_PAGES_PER_LISTING = 20;
/** DynamoDB's limit on the operands of one IN. */
const MAX_IN_OPERANDS = 100;
const KEY_NAMES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity', 'findingKeys']);

export class DynamoDbCaseRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(caseId: string): Promise<StoredCase | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: caseKey(caseId), ConsistentRead: true }));
    return Item ? toCase(Item) : undefined;
  }

  async getMany(caseIds: readonly string[]): Promise<Map<string, StoredCase>> {
    const items = await batchGetItems(this.doc, this.tableName, [...new Set(caseIds)].map(caseKey));
    return new Map(items.map((item) => [item.caseId as string, toCase(item)]));
  }

  /** Cases in the statuses asked for, each status oldest first, a page at a time. */
  async list(query: CaseQuery): Promise<CasePage> {
    const filters: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    let keep: (item: StoredCase) => boolean = () => true;
    if (query.type) {
      filters.push('#type = :type');
      names['#type'] = 'type';
      values[':type'] = query.type;
    }
    if (query.reported) filters.push('attribute_exists(reviewReason)');
    if (query.agencies !== 'ALL') {
      const agencies = [...new Set(query.agencies)];
      if (agencies.length === 0) return { items: [], nextCursor: null };
      if (agencies.length <= MAX_IN_OPERANDS) {
        filters.push(`agencyCode IN (${agencies.map((_, i) => `:a${i}`).join(', ')})`);
        agencies.forEach((agency, i) => (values[`:a${i}`] = agency));
      } else {
        // IN takes at most 100 operands: for longer lists DynamoDB drops unknown payments and this code the other agencies.
        const allowed = new Set(agencies);
        filters.push('attribute_exists(agencyCode)');
        keep = (item) => item.agencyCode !== null && allowed.has(item.agencyCode);
      }
    }
    let { index, key: startKey } = query.cursor ? decodeCursor(query.cursor, query.statuses) : { index: 0, key: undefined };
    const items: StoredCase[] = [];
    // Limit counts items read before the filter, so asking for what is still missing never overshoots.
    for (let page = 0; page < MAX_PAGES_PER_LISTING && items.length < query.limit && index < query.statuses.length; page++) {
      const result = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ...values, ':pk': statusPartition(query.statuses[index]!) },
          ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
          ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
          ScanIndexForward: true,
          Limit: query.limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) {
        const found = toCase(item);
        if (keep(found)) items.push(found);
      }
      startKey = result.LastEvaluatedKey as Record<string, string> | undefined;
      if (!startKey) index++;
    }
    const more = index < query.statuses.length;
    return { items, nextCursor: more ? Buffer.from(JSON.stringify({ s: query.statuses[index], k: startKey ?? null }), 'utf8').toString('base64url') : null };
  }

  /** Every case about one payment, oldest first (a payment has a handful at most). */
  async listByPayment(paymentId: string): Promise<StoredCase[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': paymentPartition(paymentId) },
        Limit: 100,
      }),
    );
    return (Items ?? []).map(toCase);
  }

  /** Every action taken on a case, oldest first. */
  async trail(caseId: string): Promise<CaseTrailEntry[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :trail)',
        ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':trail': 'TRAIL#' },
        Limit: MAX_TRAIL_ENTRIES,
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map((item) => ({
      action: item.action as CaseTrailEntry['action'],
      note: (item.note as string | null | undefined) ?? null,
      by: item.by as string,
      at: item.at as string,
      status: item.status as CaseStatus,
    }));
  }

  /** One transaction; undefined when it committed, else the index of the item whose condition failed. */
  write(items: readonly TransactWriteItem[]): Promise<number | undefined> {
    return transactWrite(this.doc, items);
  }
}

export function toCase(item: Record<string, unknown>): StoredCase {
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) if (!KEY_NAMES.has(name)) rest[name] = value;
  // Sorted first, so that findings of one instant keep one order (the sort below is stable).
  const keys = item.findingKeys instanceof Set ? [...(item.findingKeys as Set<string>)].sort() : [];
  const findings = keys.map(findingOfKey).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    ...(rest as unknown as Case),
    providerTxnId: (item.providerTxnId as string | undefined) ?? null,
    paymentId: (item.paymentId as string | undefined) ?? null,
    dossierId: (item.dossierId as string | undefined) ?? null,
    agencyCode: (item.agencyCode as string | undefined) ?? null,
    expectedAmount: (item.expectedAmount as number | undefined) ?? null,
    providerAmount: (item.providerAmount as number | undefined) ?? null,
    providerPaidAt: (item.providerPaidAt as string | undefined) ?? null,
    updatedAt: (item.updatedAt as string | undefined) ?? (item.openedAt as string),
    decision: (item.decision as Case['decision'] | undefined) ?? null,
    findings,
    entries: (item.entries as number | undefined) ?? 0,
  };
}

/** The cursor names the status being listed and the Query's last key in it (null: from its start). */
function decodeCursor(cursor: string, statuses: readonly CaseStatus[]): { index: number; key: Record<string, string> | undefined } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CaseCursorError();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CaseCursorError();
  const { s: status, k: key } = parsed as { s?: unknown; k?: unknown };
  const index = statuses.indexOf(status as CaseStatus);
  if (index < 0) throw new CaseCursorError();
  if (key === null) return { index, key: undefined };
  if (typeof key !== 'object' || key === undefined || Array.isArray(key)) throw new CaseCursorError();
  const entries = Object.entries(key as object);
  // A forged key must not point the Query outside this listing (DynamoDB would fail on it).
  if (entries.length > 4 || entries.some(([name, value]) => !['pk', 'sk', 'gsi1pk', 'gsi1sk'].includes(name) || typeof value !== 'string')) throw new CaseCursorError();
  if ((key as Record<string, string>).gsi1pk !== statusPartition(status as CaseStatus)) throw new CaseCursorError();
  return { index, key: key as Record<string, string> };
}
