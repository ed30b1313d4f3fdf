/**
 * Permission checks of the checkin area, on top of the Actor's predicates. Invariants: the
 * community a check is made against is read from the stored target (event, registration),
 * never taken from the input alone; a caller without a profile holds no roles, so every staff
 * action refuses them as FORBIDDEN; rights end with the role — an event's organiser manages it
 * only while they still hold a role that would let them create it now in that community (admin,
 * building or estate leader there), after which its community's admins manage it (derived at call
 * time, nothing written; `managedByAdmins` in the views).
 */
import { AppError } from '../../../types/errors';
import type { Actor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { getAll } from '../../_shared/db-helpers';
import type { EventDoc, RoleDoc, UserDoc } from '../../_shared/documents';
import { Collections } from '../../_shared/collections';
import { refuseCancelled, requireWindowOpen } from './events';

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

/**
 * The member who may check in to `event` now, themselves (签到 by its QR or its spoken code, `way`):
 * one with a profile and a role in the event's community (FORBIDDEN), while the event is not
 * cancelled and its window is open, and not its organiser (FORBIDDEN `attendance.self-credit`:
 * the organiser shows the code, so another organiser or an admin records them).
 */
export function requireSelfCheckIn(actor: Actor, event: EventDoc, now: Date, way: 'qr' | 'code'): UserDoc {
  if (!actor.user) throw forbidden('account.no-profile', '请先完善个人信息后再签到');
  const member = requireRoleIn(actor, event.communityId);
  refuseCancelled(event);
  requireWindowOpen(event, now);
  if (event.organiserId === member._id) {
    throw way === 'qr'
      ? new AppError(
          'FORBIDDEN',
          'attendance.self-credit',
          '您是本活动的组织者，不能扫本活动的码为自己签到，请由其他组织者或社区管理员补录',
        )
      : new AppError(
          'FORBIDDEN',
          'attendance.self-credit',
          '您是本活动的组织者，不能用本活动的签到码为自己签到，请由其他组织者或社区管理员补录',
        );
  }
  return member;
}

/** Whether these roles would let their holder create an event in the community now. */
export function couldOrganise(roles: readonly RoleDoc[], communityId: string): boolean {
  return roles.some(
    (r) =>
      r.communityId === communityId &&
      (r.kind === 'admin' || r.kind === 'building_leader' || r.kind === 'estate_leader'),
  );
}

/** Admins of the community and its building/estate leaders may organise events. */
export function requireOrganiserOf(actor: Actor, communityId: string): UserDoc {
  if (!actor.user || !couldOrganise(actor.roles, communityId)) {
    throw forbidden('event.not-organiser', '只有本社区管理员或楼栋（小区）党组织负责人可以发起活动');
  }
  return actor.user;
}

/**
 * Whether the caller manages the event: a current admin of its community, or its organiser while
 * they still hold a role that would let them create it now.
 */
export function managesEvent(actor: Actor, event: Pick<EventDoc, 'organiserId' | 'communityId'>): boolean {
  if (!actor.user) return false;
  if (actor.isAdminOf(event.communityId)) return true;
  return actor.user._id === event.organiserId && couldOrganise(actor.roles, event.communityId);
}

/** The caller as the event's (current) organiser or an admin of its community; FORBIDDEN otherwise. */
export function requireEventManager(actor: Actor, event: Pick<EventDoc, 'organiserId' | 'communityId'>): UserDoc {
  if (!actor.user || !managesEvent(actor, event)) {
    throw forbidden('event.not-manager', '只有活动组织者（仍担任相应身份）或本社区管理员可以进行此操作');
  }
  return actor.user;
}

/** For each event, whether its organiser no longer holds an organising role (one read of their roles). */
export async function managedByAdmins(ctx: Ctx, events: readonly EventDoc[]): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  if (events.length === 0) return out;
  const organisers = [...new Set(events.map((e) => e.organiserId))];
  const roles = await getAll<RoleDoc>(
    ctx.db.collection(Collections.roles).where({ userId: ctx.db.command.in(organisers) }),
  );
  for (const e of events) {
    out.set(
      e._id,
      !couldOrganise(
        roles.filter((r) => r.userId === e.organiserId),
        e.communityId,
      ),
    );
  }
  return out;
}

/** Whether one event has passed to its community's admins. */
export async function isManagedByAdmins(ctx: Ctx, event: EventDoc): Promise<boolean> {
  return (await managedByAdmins(ctx, [event])).get(event._id) ?? false;
}
