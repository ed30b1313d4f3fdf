/**
 * wish.reviewQueue — submitted wishes awaiting review in the caller's scope, oldest first.
 * Invariants: admins of the community see all of its submitted wishes; building and estate
 * leaders those of their buildings/estates; nobody sees their own wish here (they may not
 * review it); anyone else is FORBIDDEN. Cards as on the wall. Writes nothing, except messages
 * a listed wish still owes (its reviewers told: _shared/outbox.ts).
 */
import { deliverAll } from '../../_shared/outbox';
import type { ReviewQueueInput, WishPage } from '../../../types/wish';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { pageOrderedBy } from '../../_shared/paging';
import { mayReadHold } from './holds';
import { inReviewScope } from './review-scope';
import { toCards } from './views';
import { Collections } from '../../_shared/collections';

export async function reviewQueue({ ctx, input }: { ctx: Ctx; input: ReviewQueueInput }): Promise<WishPage> {
  const actor = await loadActor(ctx);
  const user = actor.user;
  const _ = ctx.db.command;
  const base = { communityId: input.communityId, state: 'submitted', posterId: _.neq(user?._id ?? '') };
  const where = inReviewScope(ctx, actor, input.communityId, base);
  const page = await pageOrderedBy(ctx, Collections.wishes, where, input, { by: 'createdAt', dir: 'asc' });
  await deliverAll(ctx, Collections.wishes, page.items);
  return {
    items: await toCards(ctx, page.items, (wish, hold) => mayReadHold(actor, wish, hold)),
    nextCursor: page.nextCursor,
  };
}
