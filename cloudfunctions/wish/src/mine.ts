/**
 * wish.mine — the caller's own wishes (as poster, newest first) or the wishes they currently
 * hold a claim on or carried out (as claimer, latest claim first), paginated.
 * Invariants: only the caller's own documents (by their user id, from the cloud context);
 * cards as on the wall (masked names, estate only); a caller without a profile has none.
 * Writes nothing, except messages a listed wish still owes (delivered: _shared/outbox.ts).
 */
import { deliverAll } from '../../_shared/outbox';
import type { MyWishesInput, WishPage } from '../../../types/wish';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { pageOrderedBy } from '../../_shared/paging';
import { mayReadHold } from './holds';
import { toCards } from './views';
import { Collections } from '../../_shared/collections';

export async function mine({ ctx, input }: { ctx: Ctx; input: MyWishesInput }): Promise<WishPage> {
  const actor = await loadActor(ctx);
  if (!actor.user) return { items: [], nextCursor: null };
  const poster = input.as === 'poster';
  const page = await pageOrderedBy(
    ctx,
    Collections.wishes,
    poster ? { posterId: actor.user._id } : { claimerId: actor.user._id },
    input,
    { by: poster ? 'createdAt' : 'claimedAt', dir: 'desc' },
  );
  await deliverAll(ctx, Collections.wishes, page.items);
  return {
    items: await toCards(ctx, page.items, (wish, hold) => mayReadHold(actor, wish, hold)),
    nextCursor: page.nextCursor,
  };
}
