/**
 * Who the caller is in relation to one topic. Invariants:
 * - everything is derived from the stored topic and the caller's stored roles (Actor), never
 *   from the input; the community is the topic's, so an admin of 东湖 is a stranger in 幸福里;
 * - a topic's leaders are the building leader of its building (building topics), the estate
 *   leader (Party branch secretary) of its estate, and the admins of its community;
 * - "in scope" means a resident role on a household in the topic's building (building topic)
 *   or in any building of its estate (estate topic);
 * - the Party branch speaks through the estate leader of the topic's estate; each council
 *   through its chair (council_member, position chair, of that council kind in the community);
 * - separation of duties in 联审 (`reviewRefusal`): one person signs for one body on a proposal
 *   version, except a 支部书记+业委会主任 一肩挑 dual post (an owners' committee chair role
 *   granted with `dualPost`, held with the estate leader role of the topic's estate) signing
 *   the Party branch and the owners' committee; the 监事会 signer signs for no other body on the
 *   version and neither opened the topic nor drafted the version;
 * - a topic is visible to anyone with a role in its community.
 */
import { AppError } from '../../../types/errors';
import type { ReviewBody } from '../../../types/deliberation';
import type { Actor } from '../../_shared/actor';
import type { RoleDoc, UserDoc } from '../../_shared/documents';
import type { ProposalDoc, TopicDoc } from './store';
import type { Who } from './transitions';

type Scope = Pick<TopicDoc, 'communityId' | 'estateId' | 'buildingId'>;

/** A leader of the topic's building or estate (not counting admins). */
export function leadsTopic(actor: Actor, topic: Scope): boolean {
  if (actor.has('estate_leader', (r) => r.estateId === topic.estateId)) return true;
  return topic.buildingId !== null && actor.has('building_leader', (r) => r.buildingId === topic.buildingId);
}

/** A leader of the topic or an admin of its community. */
export function isLeader(actor: Actor, topic: Scope): boolean {
  return actor.user !== null && (leadsTopic(actor, topic) || actor.isAdminOf(topic.communityId));
}

export function whoOf(actor: Actor, topic: Scope): Set<Who> {
  return new Set<Who>(isLeader(actor, topic) ? ['leader'] : []);
}

/** Whether a household (by its building and estate) lies in the topic's scope. */
export function inScope(topic: Scope, where: { estateId: string | null; buildingId: string | null }): boolean {
  return topic.buildingId !== null ? where.buildingId === topic.buildingId : where.estateId === topic.estateId;
}

/** The caller's resident roles on households in the topic's scope. */
export function residentRolesInScope(actor: Actor, topic: Scope): RoleDoc[] {
  return actor.roles.filter(
    (r) => r.kind === 'resident' && r.communityId === topic.communityId && r.householdId !== null && inScope(topic, r),
  );
}

export function requireResidentInScope(actor: Actor, topic: Scope, what: string): UserDoc {
  if (!actor.user || residentRolesInScope(actor, topic).length === 0) {
    throw new AppError('FORBIDDEN', 'topic.not-in-scope', `只有议题范围内的居民可以${what}`);
  }
  return actor.user;
}

export function maySee(actor: Actor, topic: Scope): boolean {
  return actor.belongsTo(topic.communityId);
}

export function requireVisible(actor: Actor, topic: Scope): void {
  if (!maySee(actor, topic)) {
    throw new AppError('FORBIDDEN', 'topic.out-of-scope', '该议题不属于您所在的社区');
  }
}

export function requireCommunityRole(actor: Actor, communityId: string): void {
  if (!actor.belongsTo(communityId)) {
    throw new AppError('FORBIDDEN', 'topic.not-in-community', '只有本社区的居民和工作人员可以查看议事');
  }
}

/** The caller as a leader of the topic (or an admin); anyone else is FORBIDDEN. */
export function requireLeader(actor: Actor, topic: Scope): UserDoc {
  if (!actor.user || !isLeader(actor, topic)) {
    throw new AppError('FORBIDDEN', 'topic.not-leader', '只有该议题所在楼栋/小区的负责人或社区管理员可以进行此操作');
  }
  return actor.user;
}

/** Whether the caller may speak for `body` on this topic. */
export function speaksFor(actor: Actor, topic: Scope, body: ReviewBody): boolean {
  if (!actor.user) return false;
  if (body === 'party_branch') return actor.has('estate_leader', (r) => r.estateId === topic.estateId);
  return actor.has(
    'council_member',
    (r) => r.communityId === topic.communityId && r.councilKind === body && r.position === 'chair',
  );
}

/** A member (any position) of the community's supervisory council. */
export function isSupervisor(actor: Actor, topic: Scope): boolean {
  return (
    actor.user !== null &&
    actor.has('council_member', (r) => r.communityId === topic.communityId && r.councilKind === 'supervisory')
  );
}

/** Full names are shown to the topic's leaders and admins (and to each author for their own). */
export function seesNames(actor: Actor, topic: Scope): boolean {
  return isLeader(actor, topic);
}

/** Holds the 一肩挑 dual post for this topic: the owners' chair granted as such, and its estate's secretary. */
export function holdsDualPost(actor: Actor, topic: Scope): boolean {
  return (
    actor.has(
      'council_member',
      (r) =>
        r.communityId === topic.communityId &&
        r.councilKind === 'owners' &&
        r.position === 'chair' &&
        r.dualPost === true,
    ) && actor.has('estate_leader', (r) => r.estateId === topic.estateId)
  );
}

/**
 * Why the caller may not sign for `body` on this proposal version given who signed what
 * already (separation of duties), or null when they may. Entitlement (`speaksFor`) and "this
 * body already spoke" are checked by the caller.
 */
export function reviewRefusal(
  actor: Actor,
  topic: Scope & Pick<TopicDoc, 'leaderId'>,
  proposal: Pick<ProposalDoc, 'reviews' | 'draftedBy'>,
  body: ReviewBody,
): AppError | null {
  const me = actor.user?._id;
  if (!me) return null;
  const mine = proposal.reviews.filter((r) => r.byId === me);
  const independent = () =>
    new AppError(
      'FORBIDDEN',
      'review.supervisor-independent',
      '监事会的联审意见须由未代表其他组织签署、且未发起本议题或起草本方案的人签署',
    );
  if (body === 'supervisory' && (mine.length > 0 || me === topic.leaderId || me === proposal.draftedBy)) {
    return independent();
  }
  if (mine.some((r) => r.body === 'supervisory')) return independent();
  if (mine.length === 0) return null;
  const pair = new Set([...mine.map((r) => r.body), body]);
  const dual = mine.length === 1 && pair.has('party_branch') && pair.has('owners') && holdsDualPost(actor, topic);
  if (dual) return null;
  return new AppError(
    'FORBIDDEN',
    'review.one-person-one-body',
    '同一人只能代表一个组织签署联审意见（经任命的支部书记、业委会主任“一肩挑”除外）',
  );
}
