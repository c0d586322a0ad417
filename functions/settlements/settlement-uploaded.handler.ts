import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { clock, config, getDependencies, settlementFiles, settlements } from '../composition';
import { logger } from '../observability/logger';
import { acceptUploadedObject } from './store-settlement-file';

/**
 * Consumer of `settlement-uploads`: S3 puts an event there for every object created in the settlement
 * bucket. Each object a client uploaded through an upload URL is validated and its upload decided
 * (ACCEPTED: it becomes the day's file; REJECTED: the line and field are kept). A message that fails
 * for an unexpected reason is retried by the queue, then dead-lettered; a malformed one is dropped,
 * since no retry could make it readable.
 */
const MAX_OBJECTS_PER_MESSAGE = 100;

interface S3EventRecord {
  readonly eventSource?: string;
  readonly eventName?: string;
  readonly s3?: { readonly object?: { readonly key?: string; readonly versionId?: string } };
}

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const deps = await getDependencies([config, clock, settlementFiles, settlements]);
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const message of event.Records) {
    const objects = objectsOf(message.body);
    if (objects === undefined) {
      logger.warn('settlement upload notification dropped: not an S3 event', { messageId: message.messageId });
      continue;
    }
    try {
      for (const object of objects) {
        const outcome = await acceptUploadedObject(object, deps);
        logger.info('settlement upload decided', { key: object.key, outcome: outcome.kind, ...(outcome.kind === 'REJECTED' ? { rejection: outcome.rejection } : {}) });
      }
    } catch (error) {
      logger.error('settlement upload could not be decided', error as Error);
      batchItemFailures.push({ itemIdentifier: message.messageId });
    }
  }
  return { batchItemFailures };
};

/** The created objects an S3 event notification names; [] for S3's test event; undefined if unreadable. */
export function objectsOf(body: string): Array<{ key: string; versionId?: string }> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  if ((parsed as { Event?: unknown }).Event === 's3:TestEvent') return [];
  const records = (parsed as { Records?: unknown }).Records;
  if (!Array.isArray(records) || records.length > MAX_OBJECTS_PER_MESSAGE) return undefined;
  const objects: Array<{ key: string; versionId?: string }> = [];
  for (const record of records as S3EventRecord[]) {
    if (record?.eventSource !== 'aws:s3' || !record.eventName?.startsWith('ObjectCreated:')) continue;
    const rawKey = record.s3?.object?.key;
    if (typeof rawKey !== 'string') return undefined;
    // S3 writes keys URL-encoded, spaces as '+'.
    let key: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
    const versionId = record.s3?.object?.versionId;
    objects.push({ key, ...(typeof versionId === 'string' && versionId !== '' ? { versionId } : {}) });
  }
  return objects;
}
