/**
 * The one definition of the service's DynamoDB table. The CDK stack (infra/) and the local stack
 * (functions/local/) both build their table from this object, so local runs and tests use exactly
 * the keys, indexes, stream and TTL that are deployed.
 *
 * Single-table design; every access pattern is a GetItem or a Query (see README "Data"):
 *   pk / sk            the item's own key, e.g. PAYMENT#<id> / PAYMENT
 *   gsi1pk / gsi1sk    secondary look-ups, e.g. CATALOG#AGENCY#<code> / <procedureCode>
 *   gsi2pk / gsi2sk    time-ordered look-ups, e.g. SETTLED#<provider>#<businessDate> / <paidAt>#<paymentId>
 *   expiresAtEpoch     TTL, set only on idempotency and callback-dedupe records, never on money
 */
export interface KeyDesign {
  readonly partitionKey: string;
  readonly sortKey: string;
}

export interface IndexDesign extends KeyDesign {
  readonly indexName: string;
}

export interface TableDesign extends KeyDesign {
  readonly globalSecondaryIndexes: readonly IndexDesign[];
  readonly timeToLiveAttribute: string;
  /** Change stream view; carries outbox records to the queue (see ARCHITECTURE.md, Flows). */
  readonly streamView: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES';
}

export const tableDesign: TableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
  timeToLiveAttribute: 'expiresAtEpoch',
  streamView: 'NEW_IMAGE',
};
