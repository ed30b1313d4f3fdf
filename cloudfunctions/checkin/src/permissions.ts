/**
 * Permission checks of the checkin area, on top of the Actor's predicates. Invariants: the
 * community a check is made against is read from the stored target (event, registration),
 * never taken from the input alone; a caller without a profile holds no roles, so every staff
 * action refuses them as FORBIDDEN.
 */
import { AppError } from '../../../types/errors';
import type { Actor } from '../../_shared/actor';
import type { EventDoc, UserDoc } from '../../_shared/documents';

export function forbidden(reason: string, message: string): AppError {
  return new AppError('FORBIDDEN', reason, message);
}

/** The caller as an admin of `communityId`; anyone else is FORBIDDEN. */
export function requireAdmin(actor: Actor, communityId: string): UserDoc {
  return actor.requireAdminOf(communityId);
}

/** Whether the caller is one of the community's people (resident, member, leader, admin …). */
export function hasRoleIn(actor: Actor, communityId: string): boolean {
  return actor.user !== null && actor.belongsTo(communityId);
}

/** The caller as someone with a role in the community; FORBIDDEN otherwise. */
export function requireRoleIn(actor: Actor, communityId: string): UserDoc {
  if (!actor.user || !hasRoleIn(actor, communityId)) {
    throw forbidden('checkin.not-in-community', '您不是本社区的成员，不能进行此操作');
  }
  return actor.user;
}

/** Admins of the community and its building/estate leaders may organise events. */
export function requireOrganiserOf(actor: Actor, communityId: string): UserDoc {
  const leader =
    actor.has('building_leader', (r) => r.communityId === communityId) ||
    actor.has('estate_leader', (r) => r.communityId === communityId);
  if (!actor.user || !(actor.isAdminOf(communityId) || leader)) {
    throw forbidden('event.not-organiser', '只有本社区管理员或楼栋（小区）党组织负责人可以发起活动');
  }
  return actor.user;
}

/** Whether the caller is the event's organiser or an admin of its community. */
export function managesEvent(actor: Actor, event: Pick<EventDoc, 'organiserId' | 'communityId'>): boolean {
  return actor.user !== null && (actor.user._id === event.organiserId || actor.isAdminOf(event.communityId));
}

/** The caller as the event's organiser or an admin of its community; FORBIDDEN otherwise. */
export function requireEventManager(actor: Actor, event: Pick<EventDoc, 'organiserId' | 'communityId'>): UserDoc {
  if (!actor.user || !managesEvent(actor, event)) {
    throw forbidden('event.not-manager', '只有活动组织者或本社区管理员可以进行此操作');
  }
  return actor.user;
}
