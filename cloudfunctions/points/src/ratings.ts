/** Reading ratings: a community's year (list and export), or a set of targets by key (service cards). */
import type { Ctx } from '../../_shared/context';
import { getAll } from '../../_shared/db-helpers';
import { type RatingDoc } from './store';
import { byTargetAndName } from './to-rating';
import { Collections } from '../../_shared/collections';

export async function yearRatings(ctx: Ctx, communityId: string, year: number): Promise<RatingDoc[]> {
  const docs = await getAll<RatingDoc>(ctx.db.collection(Collections.ratings).where({ communityId, year }));
  return docs.sort(byTargetAndName);
}

/** Ratings by their `_id`s, in one request. */
export async function ratingsByIds(ctx: Ctx, ids: readonly string[]): Promise<Map<string, RatingDoc>> {
  if (ids.length === 0) return new Map();
  const res = await ctx.db
    .collection(Collections.ratings)
    .where({ _id: ctx.db.command.in([...ids]) })
    .limit(ids.length)
    .get();
  return new Map((res.data as RatingDoc[]).map((r) => [r._id, r]));
}
