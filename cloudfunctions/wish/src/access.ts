/**
 * Who the caller is in relation to one wish (the `who` of the transition table), and who may
 * see it at all. Invariants:
 * - everything is derived from the stored wish and the caller's stored roles (Actor), never
 *   from the input; the community is the wish's, so an admin of 东湖 is a stranger in 幸福里;
 * - the poster can neither review nor claim their own wish;
 * - a wish is visible to people with a role in its community, and to its poster and claimer.
 */
import { AppError } from '../../../types/errors';
import type { Actor } from '../../_shared/actor';
import type { WishDoc } from './store';
import type { Who } from './transitions';

type WishScope = Pick<WishDoc, 'communityId' | 'estateId' | 'buildingId' | 'posterId' | 'claimerId'>;

export function isPoster(actor: Actor, wish: Pick<WishDoc, 'posterId'>): boolean {
  return actor.user !== null && actor.user._id === wish.posterId;
}

export function isClaimer(actor: Actor, wish: Pick<WishDoc, 'claimerId'>): boolean {
  return actor.user !== null && wish.claimerId !== null && actor.user._id === wish.claimerId;
}

/** A leader of the wish's building (or of its estate). */
export function leadsWishBuilding(actor: Actor, wish: Pick<WishDoc, 'buildingId' | 'estateId'>): boolean {
  return actor.leadsBuilding({ _id: wish.buildingId, estateId: wish.estateId });
}

/** A Party member of the community. */
export function isMemberOf(actor: Actor, communityId: string): boolean {
  return actor.has('member', (r) => r.communityId === communityId);
}

/** A liaison of `workUnitId` (any unit when absent) in the community. */
export function isLiaisonOf(actor: Actor, communityId: string, workUnitId?: string): boolean {
  return actor.has(
    'liaison',
    (r) => r.communityId === communityId && (workUnitId === undefined || r.workUnitId === workUnitId),
  );
}

/**
 * The caller's relations to the wish. `claimFor` narrows `claimant`: with a work unit, only
 * that unit's liaison; with `member`, only a Party member; absent, either (for the buttons).
 */
export function whoOf(actor: Actor, wish: WishScope, claimFor?: { workUnitId: string } | 'member'): Set<Who> {
  const who = new Set<Who>();
  if (!actor.user) return who;
  const poster = isPoster(actor, wish);
  const admin = actor.isAdminOf(wish.communityId);
  if (poster) who.add('poster');
  if (admin) who.add('admin');
  if (!poster && (admin || leadsWishBuilding(actor, wish))) who.add('reviewer');
  if (isClaimer(actor, wish)) who.add('claimer');
  if (!poster) {
    const claimant =
      claimFor === undefined
        ? isMemberOf(actor, wish.communityId) || isLiaisonOf(actor, wish.communityId)
        : claimFor === 'member'
          ? isMemberOf(actor, wish.communityId)
          : isLiaisonOf(actor, wish.communityId, claimFor.workUnitId);
    if (claimant) who.add('claimant');
  }
  return who;
}

/** Anyone with a role in the community, and the wish's own poster and claimer. */
export function maySee(actor: Actor, wish: WishScope): boolean {
  return isPoster(actor, wish) || isClaimer(actor, wish) || actor.belongsTo(wish.communityId);
}

export function outOfScope(): AppError {
  return new AppError('FORBIDDEN', 'wish.out-of-scope', '该心愿不属于您所在的社区');
}

export function requireVisible(actor: Actor, wish: WishScope): void {
  if (!maySee(actor, wish)) throw outOfScope();
}

/** Someone with a role in the community (the wall is for the community's own people). */
export function requireCommunityRole(actor: Actor, communityId: string): void {
  if (!actor.belongsTo(communityId)) {
    throw new AppError('FORBIDDEN', 'wish.not-in-community', '只有本社区的居民和党员可以查看心愿墙');
  }
}

/** The person making a move (the table only names people with a profile). */
export function mover(actor: Actor): { id: string; name: string } {
  if (!actor.user) throw new AppError('FORBIDDEN', 'wish.no-profile', '您没有权限进行此操作');
  return { id: actor.user._id, name: actor.user.name };
}
