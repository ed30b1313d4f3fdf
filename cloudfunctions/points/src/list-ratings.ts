/**
 * points.listRatings — a year's ratings in a community, members first then work units.
 * Invariants: admins of the community only; writes nothing.
 */
import type { ListRatingsInput, RatingList } from '../../../types/points';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { requireAdmin } from './permissions';
import { yearRatings } from './ratings';
import { toRating } from './to-rating';

export async function listRatings({ ctx, input }: { ctx: Ctx; input: ListRatingsInput }): Promise<RatingList> {
  const actor = await loadActor(ctx);
  requireAdmin(actor, input.communityId);
  return { items: (await yearRatings(ctx, input.communityId, input.year)).map(toRating) };
}
