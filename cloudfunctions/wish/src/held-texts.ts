/**
 * wish.heldTexts — wishes with text held for manual review (待人工审核) in the caller's scope,
 * oldest first. Invariants: admins of the community see all of its held wishes; building and
 * estate leaders those of their buildings/estates (the wish reviewers' scope); anyone else is
 * FORBIDDEN; each item lists the held texts with their author, cause and time, without the
 * caller's own (nobody clears their own hold); one query on the indexed `held` flag. Writes
 * nothing.
 */
import type { HeldPage, HeldTextsInput } from '../../../types/moderation';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { iso } from '../../_shared/db-helpers';
import { heldTextsFor } from '../../_shared/moderation';
import { pageOrderedBy } from '../../_shared/paging';
import { inReviewScope, notReviewer } from './review-scope';
import { Collections } from '../../_shared/collections';

export async function heldTexts({ ctx, input }: { ctx: Ctx; input: HeldTextsInput }): Promise<HeldPage> {
  const actor = await loadActor(ctx);
  const user = actor.user;
  if (!user) throw notReviewer();
  const where = inReviewScope(ctx, actor, input.communityId, { communityId: input.communityId, held: true });
  const page = await pageOrderedBy(ctx, Collections.wishes, where, input, { by: 'createdAt', dir: 'asc' });
  return {
    items: page.items
      .map((w) => ({
        kind: 'wish' as const,
        id: w._id,
        topicId: null,
        title: w.title,
        holds: heldTextsFor(w, user._id),
        at: iso(w.createdAt),
      }))
      // A wish whose held texts are all the caller's own has nothing for them to clear.
      .filter((item) => item.holds.length > 0),
    nextCursor: page.nextCursor,
  };
}
