import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { getDependencies, queue } from '../composition';
import { relayOutbox } from './relay-outbox';

/** Table stream → queues: carries outbox records written in money transactions to their queues. */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const deps = await getDependencies([queue]);
  return relayOutbox(event.Records, deps.queue);
};
