import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Case, CaseDecision, CaseFinding, CaseTrailEntry } from '../../domain/cases/case';
import type { CaseStatus } from '../../domain/cases/case-state-machine';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Cases in the service table:
 *   case        pk CASE#<caseId>  sk CASE
 *               gsi1pk CASES#<status>        gsi1sk <openedAt, UTC>#<caseId>   (the queue, oldest first)
 *               gsi2pk CASEPAY#<paymentId>   gsi2sk <openedAt, UTC>#<caseId>   (a payment's cases)
 *               findingKeys: a string set, one element per sighting (a JSON array), so that a flow
 *               reporting the same sighting again adds nothing; entries: trail entries written
 *   trail entry pk CASE#<caseId>  sk TRAIL#<entry number, 6 digits>
 *               written once (condition: the key is new), never changed
 *
 * A flow that finds a problem upserts its case in the same transaction as the rest of what it writes
 * (caseFindingWrite): the first finder sets what the case is about, the others only add a finding,
 * and nothing ever reopens or rewrites a decided case.
 */
export const CASE_SK = 'CASE';
export const TRAIL_DIGITS = 6;

export function caseKey(caseId: string) {
  return { pk: `CASE#${caseId}`, sk: CASE_SK };
}

export function trailKey(caseId: string, entry: number) {
  return { pk: `CASE#${caseId}`, sk: `TRAIL#${String(entry).padStart(TRAIL_DIGITS, '0')}` };
}

export function statusPartition(status: CaseStatus): string {
  return `CASES#${status}`;
}

export function paymentPartition(paymentId: string): string {
  return `CASEPAY#${paymentId}`;
}

/** What a flow knows when it finds a problem: the case's facts and this sighting. */
export type FoundCase = Omit<Case, 'status' | 'openedAt' | 'updatedAt' | 'findings' | 'decision'> & {
  readonly finding: CaseFinding;
  /** The review reason of a provider report's finding: a case with one is a review item of CONTRACT. */
  readonly reviewReason?: string;
};

/**
 * The upsert of a case with one more finding (see above). With `expectedStatus` (a run writing the
 * status it read on its copy of the finding), the case must be new or still in that status.
 */
export function caseFindingWrite(tableName: string, found: FoundCase, now: Date, expectedStatus?: CaseStatus): TransactItem {
  const { finding, ...facts } = found;
  const openedAtUtc = now.toISOString();
  const names: Record<string, string> = { '#status': 'status', '#type': 'type' };
  const values: Record<string, unknown> = {
    ':open': 'OPEN',
    ':openKey': statusPartition('OPEN'),
    ':sortKey': `${openedAtUtc}#${facts.caseId}`,
    ':entity': 'CASE',
    ':type': facts.type,
    ':openedAt': finding.at,
    ':finding': new Set([findingKeyOf(finding)]),
    ':zero': 0,
  };
  const assignments = [
    'entity = :entity',
    '#status = if_not_exists(#status, :open)',
    '#type = if_not_exists(#type, :type)',
    'gsi1pk = if_not_exists(gsi1pk, :openKey)',
    'gsi1sk = if_not_exists(gsi1sk, :sortKey)',
    'openedAt = if_not_exists(openedAt, :openedAt)',
    'entries = if_not_exists(entries, :zero)',
  ];
  if (facts.paymentId) {
    values[':paymentKey'] = paymentPartition(facts.paymentId);
    assignments.push('gsi2pk = if_not_exists(gsi2pk, :paymentKey)', 'gsi2sk = if_not_exists(gsi2sk, :sortKey)');
  }
  Object.entries(facts).forEach(([name, value], i) => {
    if (value === undefined || value === null || name === 'type') return;
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    assignments.push(`#f${i} = if_not_exists(#f${i}, :f${i})`);
  });
  if (expectedStatus) values[':expected'] = expectedStatus;
  return {
    Update: {
      TableName: tableName,
      Key: caseKey(facts.caseId),
      UpdateExpression: `SET ${assignments.join(', ')} ADD findingKeys :finding`,
      ...(expectedStatus ? { ConditionExpression: 'attribute_not_exists(#status) OR #status = :expected' } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * The move of a case by one action, as read with `entries` trail entries: the case's status and
 * decision (a decision needs the case still in `from`), and the next trail entry.
 */
export function caseActionWrites(
  tableName: string,
  current: Pick<Case, 'caseId' | 'status'> & { readonly entries: number },
  entry: CaseTrailEntry,
  decision: CaseDecision | null,
): TransactItem[] {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':from': current.status, ':entries': current.entries, ':one': 1, ':at': entry.at };
  const assignments = ['updatedAt = :at'];
  if (decision) {
    values[':to'] = entry.status;
    values[':statusKey'] = statusPartition(entry.status);
    values[':decision'] = decision;
    assignments.push('#status = :to', 'gsi1pk = :statusKey', 'decision = :decision');
  }
  return [
    {
      Update: {
        TableName: tableName,
        Key: caseKey(current.caseId),
        UpdateExpression: `SET ${assignments.join(', ')} ADD entries :one`,
        ConditionExpression: '#status = :from AND entries = :entries',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    { Put: { TableName: tableName, Item: { ...trailKey(current.caseId, current.entries + 1), entity: 'CASE_TRAIL', caseId: current.caseId, ...entry }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
}

/** A sighting as one element of the case's string set: equal sightings give equal strings. */
export function findingKeyOf(finding: CaseFinding): string {
  return JSON.stringify([finding.source, finding.type, finding.contractType, finding.eventId ?? null, finding.runId ?? null, finding.discrepancyId ?? null, finding.businessDate ?? null, finding.at]);
}

export function findingOfKey(key: string): CaseFinding {
  const [source, type, contractType, eventId, runId, discrepancyId, businessDate, at] = JSON.parse(key) as (string | null)[];
  return {
    source: source as CaseFinding['source'],
    type: type as CaseFinding['type'],
    contractType: contractType!,
    ...(eventId ? { eventId } : {}),
    ...(runId ? { runId } : {}),
    ...(discrepancyId ? { discrepancyId } : {}),
    ...(businessDate ? { businessDate } : {}),
    at: at!,
  };
}
