/**
 * The Party members of a community (roles of kind `member`: in office, retired, mobile) with
 * their names and work units, in ONE request for any community (an aggregation over the
 * community's member roles joining each member's user and work unit by `_id`).
 * Invariants: a member whose user is missing is named 「（未知）」; a work unit is named only
 * when it belongs to the same community.
 */
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { RoleDoc, UserDoc, WorkUnitDoc } from '../../_shared/documents';

export interface Member {
  userId: string;
  name: string;
  memberType: RoleDoc['memberType'];
  workUnitId: string | null;
  workUnitName: string | null;
}

/** The most member roles one request returns (CloudBase returns 20 without a limit). */
export const MEMBER_LIMIT = 10_000;

/** A member role with its user's name and its work unit joined. */
export type JoinedRole = Pick<RoleDoc, 'userId' | 'memberType' | 'workUnitId' | 'communityId'> & {
  _user?: Array<Pick<UserDoc, 'name'>>;
  _unit?: Array<Pick<WorkUnitDoc, 'name' | 'communityId'>>;
};

export function toMember(role: JoinedRole): Member {
  const unit = role._unit?.[0];
  return {
    userId: role.userId,
    name: role._user?.[0]?.name ?? '（未知）',
    memberType: role.memberType,
    workUnitId: role.workUnitId,
    workUnitName: role.workUnitId && unit && unit.communityId === role.communityId ? unit.name : null,
  };
}

/** Every member of the community. */
export async function communityMembers(ctx: Ctx, communityId: string): Promise<Member[]> {
  const res = await ctx.db
    .collection(Collections.roles)
    .aggregate()
    .match({ communityId, kind: 'member' })
    .sort({ _id: 1 })
    .limit(MEMBER_LIMIT)
    .lookup({ from: Collections.users, localField: 'userId', foreignField: '_id', as: '_user' })
    .lookup({ from: Collections.workUnits, localField: 'workUnitId', foreignField: '_id', as: '_unit' })
    .project({
      userId: 1,
      memberType: 1,
      workUnitId: 1,
      communityId: 1,
      '_user.name': 1,
      '_unit.name': 1,
      '_unit.communityId': 1,
    })
    .end();
  return (res.data as JoinedRole[]).map(toMember);
}

/** Chinese collation for names, with the id as a tie-break so orders are stable. */
export function byName(a: { name: string; userId: string }, b: { name: string; userId: string }): number {
  return a.name.localeCompare(b.name, 'zh-CN') || a.userId.localeCompare(b.userId);
}
