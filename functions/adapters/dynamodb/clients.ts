import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoDbConnection {
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
}

/** One client per process; `endpoint` points at DynamoDB Local in local runs and tests. */
export function connectDynamoDb(options: { region: string; endpoint?: string | undefined }): DynamoDbConnection {
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: 4,
  });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { client, doc };
}
