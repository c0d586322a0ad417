import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { normalizeUsername } from './staff-user-repository';

/**
 * Failed local sign-ins per username, to slow down password guessing: after MAX_FAILURES failures
 * within a window, that username is refused until the window ends. One item per username
 * (`STAFF_LOGIN_FAILURES#<username>`), counted with an atomic ADD, gone by TTL after the window. It
 * counts per username, not per address, so it cannot be dodged by changing address; the price is
 * that anyone can lock a username for a quarter of an hour, acceptable for a local stand-in (in AWS,
 * Cognito does its own throttling).
 */
export const MAX_FAILURES = 5;
export const WINDOW_SECONDS = 15 * 60;

export class DynamoDbLoginAttempts {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async isLocked(username: string, now: Date): Promise<boolean> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key(username), ConsistentRead: true }));
    return Item !== undefined && Number(Item.windowEndsEpoch) > now.getTime() / 1000 && Number(Item.failures) >= MAX_FAILURES;
  }

  /** A successful sign-in forgets the failures before it. */
  async clear(username: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: key(username) }));
  }

  async recordFailure(username: string, now: Date): Promise<void> {
    const nowEpoch = Math.floor(now.getTime() / 1000);
    const ends = nowEpoch + WINDOW_SECONDS;
    // A window that has ended starts again at one; otherwise the count goes up by one.
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(username),
        UpdateExpression: 'SET failures = if_not_exists(failures, :zero) + :one, windowEndsEpoch = if_not_exists(windowEndsEpoch, :ends), expiresAtEpoch = if_not_exists(expiresAtEpoch, :ends), recordType = :type',
        ConditionExpression: 'attribute_not_exists(pk) OR windowEndsEpoch > :now',
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':ends': ends, ':now': nowEpoch, ':type': 'STAFF_LOGIN_FAILURES' },
      }),
    ).catch(async (error: unknown) => {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(username),
          UpdateExpression: 'SET failures = :one, windowEndsEpoch = :ends, expiresAtEpoch = :ends, recordType = :type',
          ExpressionAttributeValues: { ':one': 1, ':ends': ends, ':type': 'STAFF_LOGIN_FAILURES' },
        }),
      );
    });
  }
}

function key(username: string) {
  return { pk: `STAFF_LOGIN_FAILURES#${normalizeUsername(username)}`, sk: 'STAFF_LOGIN_FAILURES' };
}
