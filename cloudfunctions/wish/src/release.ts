/**
 * wish.release — the claimer gives the wish back with a reason; it is published again.
 * Invariants: claimed → published by the claimer only (the table), conditional write with the
 * timeline entry; the claim fields are cleared in the same write, so the contact details are
 * hidden from the former claimer from then on; the reason passes the content check first;
 * the poster is told (`wish:<id>:released:<n>`).
 */
import type { ReasonedWishInput, WishDetail } from '../../../types/wish';
import { loadActor } from '../../_shared/actor';
import { moderate } from '../../_shared/moderation';
import { nextNote } from './holds';
import type { Ctx } from '../../_shared/context';
import { mover, requireVisible, whoOf } from './access';
import { applyMove } from './move';
import { posterOf, quoted } from './notices';
import { claimCleared, mustFindWishInContext } from './store';
import { decideMove } from './transitions';
import { toDetail } from './views';

export async function release({ ctx, input }: { ctx: Ctx; input: ReasonedWishInput }): Promise<WishDetail> {
  const actor = await loadActor(ctx);
  const { wish, estateName, posterPhone } = await mustFindWishInContext(ctx, input.wishId);
  requireVisible(actor, wish);
  const row = decideMove(wish, 'release', whoOf(actor, wish), actor.user?._id ?? null);
  const by = mover(actor);
  const holds = await moderate(ctx, by, {
    reason: { text: input.reason, label: '放弃认领的原因', paths: [nextNote(wish)] },
  });
  const moved = await applyMove(ctx, wish, row, {
    by,
    note: input.reason,
    set: claimCleared,
    holds,
    tell: (moved) => [
      {
        event: `released:${wish.claimSeq}`,
        to: posterOf(moved),
        title: '认领人放弃了您的心愿',
        body: `您的心愿${quoted(moved)}的认领人放弃了认领（${input.reason}），心愿已重新发布，等待其他党员认领。`,
      },
    ],
  });
  return toDetail(ctx, actor, moved, { estateName, posterPhone });
}
