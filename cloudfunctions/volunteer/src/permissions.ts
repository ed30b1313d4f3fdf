/**
 * Who may do what in the volunteer area. Invariants: the community is always read from the
 * stored activity, never from the input alone; a caller without a profile holds no roles, so
 * every staff action refuses them as FORBIDDEN; audiences: everyone = anyone with a role in the
 * community, members = Party members (role member), work_unit = in-office members of that unit.
 */
import { AppError } from '../../../types/errors';
import type { Actor } from '../../_shared/actor';
import type { UserDoc } from '../../_shared/documents';
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

export function managesActivity(actor: Actor, activity: Pick<ActivityDoc, 'organiserId' | 'communityId'>): boolean {
  return actor.user !== null && (actor.user._id === activity.organiserId || actor.isAdminOf(activity.communityId));
}

/** The organiser or an admin of the activity's community; FORBIDDEN otherwise. */
export function requireManager(actor: Actor, activity: Pick<ActivityDoc, 'organiserId' | 'communityId'>): UserDoc {
  if (!actor.user || !managesActivity(actor, activity)) {
    throw forbidden('activity.not-manager', '只有活动组织者或本社区管理员可以进行此操作');
  }
  return actor.user;
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
