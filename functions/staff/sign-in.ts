import type { Role } from '../http/principal';
import type { StaffPrincipal } from './staff-session';

/**
 * What signing in decides, whichever way the person proved who they are (the local form or Cognito):
 * only finance and provincial-office accounts may use the staff pages (a portal account is a system,
 * not a person), and each role has its home page.
 */
export const STAFF_ROLES: readonly Role[] = ['finance', 'province'];

export function mayUseStaffPages(roles: readonly Role[]): boolean {
  return roles.some((role) => STAFF_ROLES.includes(role));
}

/** Finance staff start at the daily board; the provincial office at its dashboard. */
export function homeOf(principal: Pick<StaffPrincipal, 'roles'>): string {
  return principal.roles.includes('finance') ? '/staff' : '/dashboard';
}

export const NOT_A_STAFF_ACCOUNT =
  'Tài khoản này không dùng được cho trang nghiệp vụ: trang chỉ dành cho kế toán và Văn phòng UBND tỉnh. Hãy đăng nhập bằng tài khoản nghiệp vụ của bạn, hoặc liên hệ người quản trị để được cấp quyền.';
