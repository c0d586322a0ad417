import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ROLES, type Role } from '../http/principal';

/**
 * The local sign-in's users (in AWS, Cognito keeps them): `STAFF_USER#<username>` / `STAFF_USER`
 * with the scrypt hash of the password (password-hash.ts), roles, agencies and a display name.
 */
export interface StaffUser {
  readonly username: string;
  readonly passwordHash: string;
  readonly roles: readonly Role[];
  readonly agencies: readonly string[];
  readonly displayName: string;
}

export class DynamoDbStaffUserRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(username: string): Promise<StaffUser | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key(username) }));
    if (!Item) return undefined;
    return {
      username: String(Item.username),
      passwordHash: String(Item.passwordHash),
      roles: ROLES.filter((role) => (Item.roles as string[] | undefined)?.includes(role)),
      agencies: (Item.agencies as string[] | undefined) ?? [],
      displayName: String(Item.displayName ?? Item.username),
    };
  }

  async put(user: StaffUser): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...key(user.username), recordType: 'STAFF_USER', ...user, roles: [...user.roles], agencies: [...user.agencies] },
      }),
    );
  }
}

/** Usernames are compared in lower case, as people type them. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

function key(username: string) {
  return { pk: `STAFF_USER#${normalizeUsername(username)}`, sk: 'STAFF_USER' };
}
