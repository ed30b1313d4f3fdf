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
