/**
 * Permission checks of the account area, on top of the Actor's predicates. A caller without a
 * profile holds no roles, so admin and leader actions refuse them as FORBIDDEN (not as "create
 * a profile first", which only makes sense for actions about oneself).
 */
import { AppError } from '../../../types/errors';
import type { Actor } from '../../_shared/actor';
import type { UserDoc } from '../../_shared/documents';

export function forbidden(reason: string, message: string): AppError {
  return new AppError('FORBIDDEN', reason, message);
}

/** The caller as an admin of `communityId` (the community of the target, looked up by the verb). */
export function requireAdmin(actor: Actor, communityId: string): UserDoc {
  return actor.requireAdminOf(communityId);
}

/** The caller's user; admin and leader actions refuse callers without a profile as FORBIDDEN. */
export function requireStaffUser(actor: Actor): UserDoc {
  if (!actor.user) throw forbidden('auth.no-role', '您没有权限进行此操作');
  return actor.user;
}

/**
 * The caller as a street admin (街道管理员) of `streetId` (the street of the target community,
 * looked up by the verb; null when there is no such community). A community admin, or anyone
 * else who is no street admin, is FORBIDDEN `role.street-level-only`; a street admin of another
 * street `role.other-street`.
 */
export function requireStreetAdmin(actor: Actor, streetId: string | null): UserDoc {
  if (!actor.user || !actor.has('street_admin')) {
    throw forbidden('role.street-level-only', '街道工作人员只能由街道管理员授予或撤销');
  }
  if (streetId === null || !actor.isStreetAdminOf(streetId)) {
    throw forbidden('role.other-street', '只能管理本街道的街道工作人员');
  }
  return actor.user;
}
