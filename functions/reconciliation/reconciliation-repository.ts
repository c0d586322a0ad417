import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ProviderName } from '../../domain/providers/provider-payment-report';
import { queryAll } from '../adapters/dynamodb/query-all';
import { retryPause, transactWrite, type TransactWriteItem } from '../adapters/dynamodb/transact-write';
import type { CaseStatus } from '../../domain/cases/case-state-machine';
import { caseFindingWrite, type FoundCase } from '../cases/case-records';
import { toVietnamIso, type BusinessDate } from '../../domain/shared/business-date';
import type { CarriedOverPayment, DiscrepancyType } from '../../domain/reconciliation';
import type {
  AgencyRunFigures,
  DiscrepancyStatus,
  ReconciliationRun,
  Resolution,
  RunFailure,
  RunSummary,
  StoredDiscrepancy,
} from '../../domain/reconciliation-runs/reconciliation-run';

/**
 * Reconciliation runs, their findings and finance's decisions, in the service table. Items:
 *
 *   day          pk RECONDAY#<provider>#<date>  sk DAY
 *                latestRunId; activeRunId + activeUntilMs while a run is QUEUED or RUNNING (a lease,
 *                so a run lost with its Lambda cannot block the day for ever); latestCompletedRunId
 *   auto-apply   pk RECONDAY#<provider>#<date>  sk AUTOAPPLY#<paymentId>
 *                a lost callback the worker applies: providerTxnId, previousStatus, state
 *                APPLYING → APPLIED | NOT_APPLIED, outcome; written BEFORE the payment moves
 *   run          pk RECONRUN#<runId>            sk RUN
 *   run agency   pk RECONRUN#<runId>            sk AGENCY#<agencyCode>   (one agency's figures)
 *   discrepancy  pk RECONRUN#<runId>            sk DISCREPANCY#<discrepancyId>
 *                gsi1pk RECONRUN#<runId>#<status>   gsi1sk <type>#<order, 9 digits>
 *                gsi2pk RECONRUN#<runId>#FINDINGS   gsi2sk <type>#<order, 9 digits>
 *                caseId: the case it belongs to (functions/cases/); written in one transaction with
 *                the case's upsert, and its status and resolution follow the case's decision
 *
 * Access patterns, each a GetItem, a BatchGetItem or a Query:
 *   run by id                                      GetItem   RECONRUN#<id> / RUN
 *   the day's latest / active / completed run      GetItem   RECONDAY#… / DAY (a condition of every start)
 *   a run's discrepancies, optionally of a type    Query     gsi2  gsi2pk = RECONRUN#<id>#FINDINGS [begins_with(gsi2sk, <type>#)]
 *   … with a status, optionally of a type          Query     gsi1  gsi1pk = RECONRUN#<id>#<status> [begins_with(gsi1sk, <type>#)]
 *   a discrepancy by id                            GetItem   RECONRUN#<id> / DISCREPANCY#<discrepancyId>
 *   the day's auto-applies                         Query     RECONDAY#…  begins_with(sk, AUTOAPPLY#)
 *   an agency's figures of a run                   BatchGet  RECONRUN#<id> / AGENCY#<code>
 *   the previous day's carry-over                  Query     gsi2  RECONRUN#<previous>#FINDINGS, begins_with PENDING_NEXT_DAY#
 *
 * A discrepancy's id is the same in every run of the day (see reconciliation-ids.ts); its item lives
 * under the run that found it, so a run lists exactly its own findings, while the decision lives on
 * its case, so a decision made on one run (or through the review items) carries over to every run
 * that found the same problem.
 */

export type StartOutcome = { readonly kind: 'CREATED' } | { readonly kind: 'IN_PROGRESS'; readonly activeRunId: string };
export type RunningOutcome =
  | { readonly kind: 'RUNNING'; readonly run: ReconciliationRun }
  | { readonly kind: 'NOT_RUNNABLE'; readonly run: ReconciliationRun | undefined }
  /** A later run of the day took over (this run's lease had run out). */
  | { readonly kind: 'SUPERSEDED' };

export interface ReconciliationDay {
  readonly latestRunId?: string;
  readonly activeRunId?: string;
  readonly activeUntilMs?: number;
  readonly latestCompletedRunId?: string;
}

/** A finding of a run with the case it opens or joins (null for a finding no case can name). */
export interface RunFinding {
  readonly discrepancy: StoredDiscrepancy;
  readonly found: FoundCase | null;
}

export interface DiscrepancyQuery {
  readonly type?: DiscrepancyType;
  readonly status?: DiscrepancyStatus;
  /** Only discrepancies of payments of these agencies; 'ALL' for every discrepancy, unknown references included. */
  readonly agencies: readonly string[] | 'ALL';
  readonly limit: number;
  readonly cursor?: string;
}

export interface DiscrepancyPage {
  readonly items: StoredDiscrepancy[];
  readonly nextCursor: string | null;
}

/** A cursor that does not belong to the listing it was sent to. */
export class CursorError extends Error {
  constructor() {
    super('the cursor is not one this listing returned');
    this.name = 'CursorError';
  }
}

/** More items than a reconciliation limit allows. */
export class ReconciliationLimitError extends Error {
  constructor(what: string, readonly limit: number) {
    super(`${what}: more than ${limit}`);
    this.name = 'ReconciliationLimitError';
  }
}

const RUN_SK = 'RUN';
const DAY_SK = 'DAY';
const BATCH_WRITE_SIZE = 25;
/** DynamoDB's limit on the items of one transaction. */
const TRANSACTION_ITEMS = 100;
const BATCH_WRITES_AT_ONCE = 8;
const BATCH_GET_SIZE = 100;
const MAX_BATCH_ATTEMPTS = 8;
/** Pages one listing request may read while a filter skips items of other agencies. */
const MAX_PAGES_PER_LISTING = 20;
const ORDER_DIGITS = 9;
/** DynamoDB's limit on the operands of one IN. */
const MAX_IN_OPERANDS = 100;
const KEY_NAMES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']);

export class DynamoDbReconciliationRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  // ------------------------------------------------------------------------------------------
  // Runs and the day they belong to

  /**
   * Stores a QUEUED run and makes it the day's latest and active run, unless another run of the day
   * is under way (its lease not yet run out).
   */
  async createRun(run: ReconciliationRun, leaseUntilMs: number, now: Date): Promise<StartOutcome> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: runItem(run), ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Update: {
                TableName: this.tableName,
                Key: dayKey(run.provider, run.businessDate),
                UpdateExpression: 'SET latestRunId = :runId, activeRunId = :runId, activeUntilMs = :lease, provider = :provider, businessDate = :date, entity = :entity',
                ConditionExpression: 'attribute_not_exists(activeRunId) OR activeUntilMs < :nowMs',
                ExpressionAttributeValues: {
                  ':runId': run.runId,
                  ':lease': leaseUntilMs,
                  ':provider': run.provider,
                  ':date': run.businessDate,
                  ':entity': 'RECONCILIATION_DAY',
                  ':nowMs': now.getTime(),
                },
              },
            },
          ],
        }),
      );
      return { kind: 'CREATED' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException) || error.CancellationReasons?.[1]?.Code !== 'ConditionalCheckFailed') throw error;
      const day = await this.getDay(run.provider, run.businessDate);
      return { kind: 'IN_PROGRESS', activeRunId: day?.activeRunId ?? 'unknown' };
    }
  }

  async getRun(runId: string): Promise<ReconciliationRun | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: runKey(runId), ConsistentRead: true }));
    return Item ? (withoutKeys(Item) as unknown as ReconciliationRun) : undefined;
  }

  async getDay(provider: ProviderName, businessDate: BusinessDate): Promise<ReconciliationDay | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: dayKey(provider, businessDate), ConsistentRead: true }));
    return Item ? (withoutKeys(Item) as ReconciliationDay) : undefined;
  }

  /** The worker takes the run: RUNNING, attempt counted, the day's lease extended. */
  async markRunning(runId: string, attempt: number, leaseUntilMs: number, now: Date): Promise<RunningOutcome> {
    const run = await this.getRun(runId);
    if (!run || run.status === 'COMPLETED') return { kind: 'NOT_RUNNABLE', run };
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: runKey(runId),
                UpdateExpression: 'SET #status = :running, startedAt = if_not_exists(startedAt, :now), attempts = :attempt',
                ConditionExpression: '#status IN (:queued, :running, :failed)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':running': 'RUNNING', ':queued': 'QUEUED', ':failed': 'FAILED', ':now': toVietnamIso(now), ':attempt': attempt },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: dayKey(run.provider, run.businessDate),
                UpdateExpression: 'SET activeUntilMs = :lease',
                ConditionExpression: 'activeRunId = :runId',
                ExpressionAttributeValues: { ':lease': leaseUntilMs, ':runId': runId },
              },
            },
          ],
        }),
      );
      return { kind: 'RUNNING', run: { ...run, status: 'RUNNING', attempts: attempt, startedAt: run.startedAt ?? toVietnamIso(now) } };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
      if (codes[1] === 'ConditionalCheckFailed') return { kind: 'SUPERSEDED' };
      if (codes[0] === 'ConditionalCheckFailed') return { kind: 'NOT_RUNNABLE', run: await this.getRun(runId) };
      throw error;
    }
  }

  /** COMPLETED with its summary; a run completed already (a duplicate delivery ran alongside) is left as it is. */
  async completeRun(runId: string, summary: RunSummary, carriedOverFromRunId: string | undefined, now: Date): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: runKey(runId),
          UpdateExpression: `SET #status = :completed, summary = :summary, completedAt = :now${carriedOverFromRunId ? ', carriedOverFromRunId = :from' : ''} REMOVE failure`,
          ConditionExpression: '#status = :running',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':completed': 'COMPLETED',
            ':running': 'RUNNING',
            ':summary': summary,
            ':now': toVietnamIso(now),
            ...(carriedOverFromRunId ? { ':from': carriedOverFromRunId } : {}),
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException && (await this.getRun(runId))?.status === 'COMPLETED') return;
      throw error;
    }
  }

  async failRun(runId: string, failure: RunFailure): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: runKey(runId),
          UpdateExpression: 'SET #status = :failed, failure = :failure',
          ConditionExpression: '#status IN (:queued, :running, :failed)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':failed': 'FAILED', ':failure': failure, ':queued': 'QUEUED', ':running': 'RUNNING' },
        }),
      );
    } catch (error) {
      // A completed run is never marked failed by a late, duplicate delivery.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * Ends the run's hold on the day. A completed run that is still the day's latest becomes its latest
   * completed run (the one the next day's run takes its carry-over from).
   */
  async releaseDay(run: Pick<ReconciliationRun, 'runId' | 'provider' | 'businessDate'>, completed: boolean): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: dayKey(run.provider, run.businessDate),
          UpdateExpression: completed ? 'SET latestCompletedRunId = :runId REMOVE activeRunId, activeUntilMs' : 'REMOVE activeRunId, activeUntilMs',
          ConditionExpression: completed ? 'latestRunId = :runId' : 'activeRunId = :runId',
          ExpressionAttributeValues: { ':runId': run.runId },
        }),
      );
    } catch (error) {
      // A later run of the day holds it: nothing of this run's to release.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async putAgencyFigures(runId: string, figures: readonly AgencyRunFigures[]): Promise<void> {
    await this.batchWrite(figures.map((figure) => ({ ...runKey(runId), sk: `AGENCY#${figure.agencyCode}`, entity: 'RECONCILIATION_AGENCY', ...figure })));
  }

  async getAgencyFigures(runId: string, agencies: readonly string[]): Promise<AgencyRunFigures[]> {
    const items = await this.batchGet([...new Set(agencies)].map((agency) => ({ pk: `RECONRUN#${runId}`, sk: `AGENCY#${agency}` })));
    return items.map((item) => withoutKeys(item) as unknown as AgencyRunFigures);
  }

  // ------------------------------------------------------------------------------------------
  // Findings

  /** Writes a run's discrepancies (idempotent: the same finding overwrites itself). */
  async putDiscrepancies(discrepancies: readonly StoredDiscrepancy[]): Promise<void> {
    await this.batchWrite(discrepancies.map(discrepancyItem));
  }

  /**
   * A run's findings with their cases, each finding in the same transaction as its case's upsert
   * (case-records.ts): a finding is never stored without its case, nor a case without the finding
   * that opened it. Transactions of up to 50 findings go together; two findings of one case go in
   * different transactions (DynamoDB refuses two writes of one item in one). Each finding's copy of
   * its case's status is a condition of the write: the findings of a transaction refused because a
   * case was decided meanwhile are answered, for the caller to read the case again and retry.
   */
  async putFindings(findings: readonly RunFinding[], now: Date): Promise<RunFinding[]> {
    const chunks: RunFinding[][] = [];
    let chunk: RunFinding[] = [];
    let casesInChunk = new Set<string>();
    for (const finding of findings) {
      if (chunk.length >= TRANSACTION_ITEMS / 2 || (finding.found && casesInChunk.has(finding.found.caseId))) {
        chunks.push(chunk);
        chunk = [];
        casesInChunk = new Set();
      }
      chunk.push(finding);
      if (finding.found) casesInChunk.add(finding.found.caseId);
    }
    if (chunk.length > 0) chunks.push(chunk);
    const refused = await Promise.all(chunks.map(async (group) => {
      const items = group.flatMap(({ discrepancy, found }): TransactWriteItem[] => [
        { Put: { TableName: this.tableName, Item: discrepancyItem(discrepancy) } },
        ...(found ? [caseFindingWrite(this.tableName, found, now, discrepancy.caseStatus as CaseStatus | undefined)] : []),
      ]);
      const failed = await transactWrite(this.doc, items);
      if (failed === undefined) return [];
      if (items[failed]?.Update) return group; // a case moved since it was read
      throw new Error(`a write of a run's findings was refused (index ${failed})`);
    }));
    return refused.flat();
  }

  async getDiscrepancy(runId: string, discrepancyId: string): Promise<StoredDiscrepancy | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: discrepancyKey(runId, discrepancyId), ConsistentRead: true }));
    return Item ? toDiscrepancy(Item) : undefined;
  }

  async listDiscrepancies(runId: string, query: DiscrepancyQuery): Promise<DiscrepancyPage> {
    const byStatus = query.status !== undefined;
    const index = byStatus ? 'gsi1' : 'gsi2';
    const partition = byStatus ? `RECONRUN#${runId}#${query.status}` : findingsPartition(runId);
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: index,
      KeyConditionExpression: `${index}pk = :pk${query.type ? ` AND begins_with(${index}sk, :type)` : ''}`,
      ExpressionAttributeValues: { ':pk': partition, ...(query.type ? { ':type': `${query.type}#` } : {}) },
    };
    let keep: (item: StoredDiscrepancy) => boolean = () => true;
    if (query.agencies !== 'ALL') {
      const agencies = [...new Set(query.agencies)];
      if (agencies.length === 0) return { items: [], nextCursor: null };
      if (agencies.length <= MAX_IN_OPERANDS) {
        input.FilterExpression = `agencyCode IN (${agencies.map((_, i) => `:a${i}`).join(', ')})`;
        agencies.forEach((agency, i) => (input.ExpressionAttributeValues![`:a${i}`] = agency));
      } else {
        // IN takes at most 100 operands: for longer lists DynamoDB drops unknown references and this
        // code the other agencies (a page never holds more than asked for either way).
        const allowed = new Set(agencies);
        input.FilterExpression = 'attribute_exists(agencyCode)';
        keep = (item) => item.agencyCode !== null && allowed.has(item.agencyCode);
      }
    }
    let startKey = query.cursor ? decodeCursor(query.cursor, `${index}pk`, partition) : undefined;
    const items: StoredDiscrepancy[] = [];
    // Limit counts items read before the filter, so asking for what is still missing never overshoots.
    for (let page = 0; page < MAX_PAGES_PER_LISTING && items.length < query.limit; page++) {
      const result = await this.doc.send(new QueryCommand({ ...input, Limit: query.limit - items.length, ExclusiveStartKey: startKey }));
      for (const item of result.Items ?? []) {
        const discrepancy = toDiscrepancy(item);
        if (keep(discrepancy)) items.push(discrepancy);
      }
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    return { items, nextCursor: startKey ? encodeCursor(startKey) : null };
  }

  /** The previous day's PENDING_NEXT_DAY payments, for the next day's run (at most `limit`). */
  async carriedOverFrom(runId: string, businessDate: BusinessDate, limit: number): Promise<CarriedOverPayment[]> {
    // One more than allowed, so that too many is refused rather than cut short.
    const items = await queryAll<Record<string, unknown>>(this.doc, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :type)',
      ExpressionAttributeValues: { ':pk': findingsPartition(runId), ':type': 'PENDING_NEXT_DAY#' },
    }, limit + 1);
    if (items.length > limit) throw new ReconciliationLimitError('payments carried over from the previous day', limit);
    return items.map((item) => ({
      paymentId: item.paymentId as string,
      dossierId: item.dossierId as string,
      amount: item.internalAmount as number,
      paidAt: item.internalPaidAt as string,
      businessDate,
    }));
  }

  // ------------------------------------------------------------------------------------------

  /**
   * BatchWriteItem in groups of 25, up to BATCH_WRITES_AT_ONCE groups at once, writing back what
   * DynamoDB leaves unprocessed, with backoff.
   */
  private async batchWrite(items: readonly Record<string, unknown>[]): Promise<void> {
    const groups: Record<string, unknown>[][] = [];
    for (let start = 0; start < items.length; start += BATCH_WRITE_SIZE) groups.push(items.slice(start, start + BATCH_WRITE_SIZE));
    for (let wave = 0; wave < groups.length; wave += BATCH_WRITES_AT_ONCE) await Promise.all(groups.slice(wave, wave + BATCH_WRITES_AT_ONCE).map(async (group) => {
      let requests = group.map((item) => ({ PutRequest: { Item: item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt >= MAX_BATCH_ATTEMPTS) throw new Error(`${requests.length} items stayed unprocessed after ${MAX_BATCH_ATTEMPTS} attempts`);
        if (attempt > 0) await retryPause(attempt);
        const result = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }));
  }

  /** BatchGetItem (consistent) in groups of 100, asking again for unprocessed keys, with backoff. */
  private batchGet(keys: readonly Record<string, string>[]): Promise<Record<string, unknown>[]> {
    return batchGetItems(this.doc, this.tableName, keys);
  }
}

export function dayPk(provider: ProviderName, businessDate: BusinessDate): string {
  return `RECONDAY#${provider}#${businessDate}`;
}

function dayKey(provider: ProviderName, businessDate: BusinessDate) {
  return { pk: dayPk(provider, businessDate), sk: DAY_SK };
}

function runKey(runId: string) {
  return { pk: `RECONRUN#${runId}`, sk: RUN_SK };
}

function discrepancyKey(runId: string, discrepancyId: string) {
  return { pk: `RECONRUN#${runId}`, sk: `DISCREPANCY#${discrepancyId}` };
}

/**
 * A run's copy of a finding follows the decision on its case (written in the decision's transaction):
 * RESOLVED with the decision once the case is decided (a REFUND_DUE case too: finance has decided),
 * so the run's listing by status stays a Query.
 */
export function discrepancyDecisionWrite(tableName: string, runId: string, discrepancyId: string, resolution: Resolution, caseStatus: string): TransactWriteItem {
  return {
    Update: {
      TableName: tableName,
      Key: discrepancyKey(runId, discrepancyId),
      UpdateExpression: 'SET #status = :resolved, resolution = :resolution, gsi1pk = :statusKey, caseStatus = :caseStatus',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':resolved': 'RESOLVED', ':resolution': resolution, ':statusKey': `RECONRUN#${runId}#RESOLVED`, ':caseStatus': caseStatus },
    },
  };
}

function findingsPartition(runId: string): string {
  return `RECONRUN#${runId}#FINDINGS`;
}

function runItem(run: ReconciliationRun): Record<string, unknown> {
  return { ...runKey(run.runId), entity: 'RECONCILIATION_RUN', ...run };
}

function discrepancyItem(discrepancy: StoredDiscrepancy): Record<string, unknown> {
  const order = String(discrepancy.order).padStart(ORDER_DIGITS, '0');
  return {
    ...discrepancyKey(discrepancy.runId, discrepancy.discrepancyId),
    entity: 'RECONCILIATION_DISCREPANCY',
    gsi1pk: `RECONRUN#${discrepancy.runId}#${discrepancy.status}`,
    gsi1sk: `${discrepancy.type}#${order}`,
    gsi2pk: findingsPartition(discrepancy.runId),
    gsi2sk: `${discrepancy.type}#${order}`,
    ...discrepancy,
    // A sparse attribute: only discrepancies of known payments carry an agency (the listing filter).
    agencyCode: discrepancy.agencyCode ?? undefined,
  };
}

function toDiscrepancy(item: Record<string, unknown>): StoredDiscrepancy {
  const { notes: _notes, ...rest } = withoutKeys(item);
  return { ...rest, agencyCode: (item.agencyCode as string | undefined) ?? null, resolution: (item.resolution as Resolution | undefined) ?? null } as unknown as StoredDiscrepancy;
}

export function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) if (!KEY_NAMES.has(name) && name !== 'entity') rest[name] = value;
  return rest;
}

/** Cursors are the Query's LastEvaluatedKey, opaque to callers (base64url JSON of key strings). */
function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, partitionName: string, partition: string): Record<string, string> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new CursorError();
  const entries = Object.entries(key);
  // A forged key must not point the Query outside this run's listing (DynamoDB would fail on it).
  if (entries.length > 6 || entries.some(([name, value]) => !KEY_NAMES.has(name) || typeof value !== 'string')) throw new CursorError();
  if ((key as Record<string, string>)[partitionName] !== partition) throw new CursorError();
  return key as Record<string, string>;
}


/** BatchGetItem in groups of 100, consistent, asking again for what DynamoDB leaves unprocessed. */
export async function batchGetItems(doc: DynamoDBDocumentClient, tableName: string, keys: readonly Record<string, string>[]): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_SIZE) {
    let pending = keys.slice(start, start + BATCH_GET_SIZE);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_BATCH_ATTEMPTS) throw new Error(`${pending.length} keys stayed unprocessed after ${MAX_BATCH_ATTEMPTS} attempts`);
      if (attempt > 0) await retryPause(attempt);
      const result = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
      found.push(...((result.Responses?.[tableName] ?? []) as Record<string, unknown>[]));
      pending = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, string>[];
    }
  }
  return found;
}
