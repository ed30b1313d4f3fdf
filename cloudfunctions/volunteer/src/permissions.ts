/**
 * Who may do what in the volunteer area. Invariants: the community is always read from the
 * stored activity, never from the input alone; a caller without a profile holds no roles, so
 * every staff action refuses them as FORBIDDEN; audiences: everyone = anyone with a role in the
 * community, members = Party members (role member), work_unit = in-office members of that unit;
 * rights end with the role — an organiser manages their activity only while they still hold a
 * role that would let them publish it (admin of the community, or liaison of its work unit),
 * after which it is managed by the community's admins (`managedByAdmins` in the views).
 */
import { AppError } from '../../../types/errors';
import type { Actor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { getAll } from '../../_shared/db-helpers';
import type { RoleDoc, UserDoc } from '../../_shared/documents';
import type { ActivityDoc } from './store';

export function forbidden(reason: string, message: string): AppError {
  return new AppError('FORBIDDEN', reason, message);
}

/** The caller as someone with a role in the community; FORBIDDEN otherwise. */
export function requireInCommunity(actor: Actor, communityId: string): UserDoc {
  if (!actor.user || !actor.belongsTo(communityId)) {
    throw forbidden('volunteer.not-in-community', '您不是本社区的成员，不能进行此操作');
  }
  return actor.user;
}

/** The work unit a liaison may publish for in this community, or null. */
export function liaisonUnit(actor: Actor, communityId: string): string | null {
  const role = actor.roles.find((r) => r.kind === 'liaison' && r.communityId === communityId && r.workUnitId);
  return role?.workUnitId ?? null;
}

type Managed = Pick<ActivityDoc, 'organiserId' | 'communityId' | 'audience' | 'workUnitId'>;

/**
 * Whether these roles would let their holder publish the activity now: an admin of its
 * community, or the liaison of its work unit there (an activity for that unit only).
 */
export function couldPublish(roles: readonly RoleDoc[], activity: Managed): boolean {
  return roles.some(
    (r) =>
      r.communityId === activity.communityId &&
      (r.kind === 'admin' ||
        (r.kind === 'liaison' &&
          activity.audience === 'work_unit' &&
          activity.workUnitId !== null &&
          r.workUnitId === activity.workUnitId)),
  );
}

/**
 * Rights end with the role: the organiser manages the activity only while they still hold a
 * role that would let them publish it now; otherwise it passes to the community's admins
 * (derived at call time, nothing is written). A current admin of the community always manages.
 */
export function managesActivity(actor: Actor, activity: Managed): boolean {
  if (!actor.user) return false;
  if (actor.isAdminOf(activity.communityId)) return true;
  return actor.user._id === activity.organiserId && couldPublish(actor.roles, activity);
}

/** The organiser (still holding their role) or an admin of the activity's community; FORBIDDEN otherwise. */
export function requireManager(actor: Actor, activity: Managed): UserDoc {
  if (!actor.user || !managesActivity(actor, activity)) {
    throw forbidden('activity.not-manager', '只有活动组织者（仍担任相应身份）或本社区管理员可以进行此操作');
  }
  return actor.user;
}

/** Whether one activity has passed to the community's admins (see `managedByAdmins`). */
export async function isManagedByAdmins(ctx: Ctx, activity: ActivityDoc): Promise<boolean> {
  return (await managedByAdmins(ctx, [activity])).get(activity._id) ?? false;
}

/**
 * For each activity, whether it has passed to the community's admins because its organiser no
 * longer holds a role that would let them publish it (one read of the organisers' roles).
 */
export async function managedByAdmins(ctx: Ctx, activities: readonly ActivityDoc[]): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  if (activities.length === 0) return out;
  const organisers = [...new Set(activities.map((a) => a.organiserId))];
  const roles = await getAll<RoleDoc>(
    ctx.db.collection(Collections.roles).where({ userId: ctx.db.command.in(organisers) }),
  );
  for (const a of activities) {
    const held = roles.filter((r) => r.userId === a.organiserId);
    out.set(a._id, !couldPublish(held, a));
  }
  return out;
}

/** Whether the caller belongs to the activity's audience. */
export function inAudience(actor: Actor, activity: Pick<ActivityDoc, 'communityId' | 'audience' | 'workUnitId'>) {
  const c = activity.communityId;
  switch (activity.audience) {
    case 'everyone':
      return actor.belongsTo(c);
    case 'members':
      return actor.has('member', (r) => r.communityId === c);
    case 'work_unit':
      return actor.has(
        'member',
        (r) => r.communityId === c && r.memberType === 'in_office' && r.workUnitId === activity.workUnitId,
      );
  }
}
