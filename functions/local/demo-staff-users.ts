import type { Role } from '../http/principal';
import { hashPassword } from '../staff/password-hash';
import type { DynamoDbStaffUserRepository } from '../staff/staff-user-repository';

/**
 * The local stack's staff users, one per way of working: finance for one agency (STP, which has
 * demo payments every day), finance for every agency, and the provincial office. `npm start` prints
 * them. There is deliberately no portal user: the portal is a system and never signs in to pages.
 * The passwords are fixed so the README and a newcomer can use them; they exist only in the local
 * table, which listens on 127.0.0.1.
 */
export interface DemoStaffUser {
  readonly role: Role;
  readonly username: string;
  readonly password: string;
  readonly agencies: readonly string[];
  readonly displayName: string;
}

export const DEMO_STAFF_USERS: readonly DemoStaffUser[] = [
  { role: 'finance', username: 'ketoan.stp', password: 'ketoan-stp-demo', agencies: ['STP'], displayName: 'Kế toán Sở Tư pháp' },
  { role: 'finance', username: 'ketoan.tinh', password: 'ketoan-tinh-demo', agencies: ['*'], displayName: 'Kế toán tổng hợp' },
  { role: 'province', username: 'vanphong.tinh', password: 'vanphong-tinh-demo', agencies: ['*'], displayName: 'Văn phòng UBND tỉnh' },
];

export async function seedDemoStaffUsers(users: DynamoDbStaffUserRepository): Promise<void> {
  for (const user of DEMO_STAFF_USERS) {
    await users.put({ username: user.username, passwordHash: await hashPassword(user.password), roles: [user.role], agencies: user.agencies, displayName: user.displayName });
  }
}

/** The lines `npm start` prints: `  login <role> <username> <password>`, one per user. */
export function demoStaffUserLines(): string[] {
  return DEMO_STAFF_USERS.map((user) => `  login ${user.role} ${user.username} ${user.password}`);
}
