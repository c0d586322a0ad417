import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ROLES, type Role } from '../http/principal';
import { newCsrfToken, newSessionId, sessionKeyOf, type StaffPrincipal, type StaffSession } from './staff-session';

/**
 * Staff sessions in the table (docs/DATA.md): `STAFF_SESSION#<sha256 of the id>` / `STAFF_SESSION`,
 * with `expiresAtEpoch` as the TTL attribute. DynamoDB deletes expired items only eventually, so a read
 * also refuses an item past its expiry.
 */
export class DynamoDbStaffSessionRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Starts a session; answers the id for the cookie (the table keeps only its hash). */
  async create(principal: StaffPrincipal, now: Date, lifetimeSeconds: number): Promise<{ sessionId: string; session: StaffSession }> {
    const sessionId = newSessionId();
    const expires = new Date(now.getTime() + lifetimeSeconds * 1000);
    const session: StaffSession = { principal, csrfToken: newCsrfToken(), createdAt: now.toISOString(), expiresAt: expires.toISOString() };
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...key(sessionId),
          recordType: 'STAFF_SESSION',
          subject: principal.subject,
          roles: [...principal.roles],
          agencies: [...principal.agencies],
          displayName: principal.displayName,
          csrfToken: session.csrfToken,
          createdAt: session.createdAt,
          expiresAt: session.expiresAt,
          expiresAtEpoch: Math.ceil(expires.getTime() / 1000),
        },
        // 256 random bits do not collide; the condition makes sure an id is never reused if they did.
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { sessionId, session };
  }

  /** The live session of this id; undefined when unknown, ended or expired. */
  async get(sessionId: string, now: Date): Promise<StaffSession | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key(sessionId), ConsistentRead: true }));
    if (!Item || typeof Item.expiresAt !== 'string' || Date.parse(Item.expiresAt) <= now.getTime()) return undefined;
    return {
      principal: {
        subject: String(Item.subject),
        roles: ROLES.filter((role: Role) => (Item.roles as string[] | undefined)?.includes(role)),
        agencies: (Item.agencies as string[] | undefined) ?? [],
        displayName: String(Item.displayName ?? Item.subject),
      },
      csrfToken: String(Item.csrfToken),
      createdAt: String(Item.createdAt),
      expiresAt: Item.expiresAt,
    };
  }

  async delete(sessionId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: key(sessionId) }));
  }
}

function key(sessionId: string) {
  return { pk: `STAFF_SESSION#${sessionKeyOf(sessionId)}`, sk: 'STAFF_SESSION' };
}
