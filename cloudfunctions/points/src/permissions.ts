/**
 * Who may see and change what in the points area, on top of the Actor's predicates.
 * Invariants: every check is against the community of the TARGET as stored (an entry's, a
 * work unit's, a member role's), never against a community taken from the input alone; a
 * caller without a profile holds no roles and is refused as FORBIDDEN.
 */
import { AppError } from '../../../types/errors';
import type { Actor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { roleId, type RoleDoc, type UserDoc, type WorkUnitDoc } from '../../_shared/documents';
import { getById } from '../../_shared/db-helpers';

export function forbidden(reason: string, message: string): AppError {
  return new AppError('FORBIDDEN', reason, message);
}

/** The caller as an admin of `communityId`, or FORBIDDEN. */
export function requireAdmin(actor: Actor, communityId: string): UserDoc {
  return actor.requireAdminOf(communityId);
}

/** Refuses, before any lookup, a caller who is an admin nowhere. */
export function requireSomeAdmin(actor: Actor): UserDoc {
  if (!actor.user || !actor.has('admin')) {
    throw forbidden('auth.not-admin', '只有社区管理员可以进行此操作');
  }
  return actor.user;
}

/** The caller holds some role (any kind) in the community. */
export function requireCommunityRole(actor: Actor, communityId: string): UserDoc {
  if (!actor.user || !actor.belongsTo(communityId)) {
    throw forbidden('points.not-in-community', '您不是本社区的成员，无法查看');
  }
  return actor.user;
}

/** Liaison of this work unit (in its own community). */
export function isLiaisonOf(actor: Actor, unit: Pick<WorkUnitDoc, '_id' | 'communityId'>): boolean {
  return actor.has('liaison', (r) => r.workUnitId === unit._id && r.communityId === unit.communityId);
}

/** A work unit's records: its liaison and the admins of its community; anyone else FORBIDDEN. */
export function requireUnitViewer(actor: Actor, unit: Pick<WorkUnitDoc, '_id' | 'communityId'>): UserDoc {
  if (actor.user && (actor.isAdminOf(unit.communityId) || isLiaisonOf(actor, unit))) return actor.user;
  throw forbidden('points.not-unit-viewer', '只有本单位的联络员或社区管理员可以查看');
}

/** The member role of a person in a community (`member:<userId>:<communityId>`), or null. */
export function memberRole(ctx: Ctx, communityId: string, userId: string): Promise<RoleDoc | null> {
  return getById(ctx, Collections.roles, roleId('member', userId, communityId));
}

/**
 * A member's ledger: the community's admins, or the liaison of the member's work unit (from
 * `memberRole`, the member's role in that community as stored). Returns the caller's user.
 */
export function requireLedgerViewer(actor: Actor, communityId: string, memberRole: RoleDoc | null): UserDoc {
  if (actor.user && actor.isAdminOf(communityId)) return actor.user;
  if (actor.user && memberRole?.workUnitId && isLiaisonOf(actor, { _id: memberRole.workUnitId, communityId })) {
    return actor.user;
  }
  throw forbidden('points.not-ledger-viewer', '只有社区管理员或该党员所在单位的联络员可以查看');
}

/** The work unit as read, or NOT_FOUND. */
export function requireWorkUnit<T>(unit: T | null): T {
  if (!unit) throw new AppError('NOT_FOUND', 'work-unit.not-found', '报到单位不存在');
  return unit;
}
