/**
 * Which wishes a reviewer reviews, as a query: an admin of the community all of them; a building
 * or estate leader those of their buildings and estates; anyone else is FORBIDDEN
 * `wish.not-reviewer`. Shared by the review queue and the held-text list.
 */
import { AppError } from '../../../types/errors';
import type { Actor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';

export function notReviewer(): AppError {
  return new AppError('FORBIDDEN', 'wish.not-reviewer', '只有本社区管理员或楼栋党小组长可以审核心愿');
}

/** `base` narrowed to the caller's review scope in `communityId`; throws when they review nothing. */
export function inReviewScope(ctx: Ctx, actor: Actor, communityId: string, base: object): object {
  if (actor.user && actor.isAdminOf(communityId)) return base;
  const { buildingIds, estateIds } = actor.ledScopes(communityId);
  if (!actor.user || (buildingIds.length === 0 && estateIds.length === 0)) throw notReviewer();
  const _ = ctx.db.command;
  return _.and([base, _.or([{ buildingId: _.in(buildingIds) }, { estateId: _.in(estateIds) }])]);
}
