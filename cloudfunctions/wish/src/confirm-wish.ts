/**
 * wish.confirm — the poster confirms the fulfilment, rates it 1–5 and may thank; the claimer's
 * points are credited then.
 * Invariants: fulfilled → confirmed by the poster only (the table), conditional write with the
 * timeline entry, so a repeated or concurrent confirmation is refused and credits nothing; the
 * thanks pass the content check first; the ledger entry `wish:<id>` is written once (for a
 * unit's claim, to the liaison who claimed); the claimer is told (`wish:<id>:confirmed`).
 */
import type { ConfirmWishInput, WishDetail } from '../../../types/wish';
import { loadActor } from '../../_shared/actor';
import { assertSafeText } from '../../_shared/content-check';
import type { Ctx } from '../../_shared/context';
import { mover, requireVisible, whoOf } from './access';
import { creditClaimer } from './credit-claimer';
import { applyMove } from './move';
import { claimerOf, quoted, tell } from './notices';
import { mustFindWish } from './store';
import { decideMove } from './transitions';
import { toDetail } from './views';

export async function confirmWish({ ctx, input }: { ctx: Ctx; input: ConfirmWishInput }): Promise<WishDetail> {
  const actor = await loadActor(ctx);
  const wish = await mustFindWish(ctx, input.wishId);
  requireVisible(actor, wish);
  const row = decideMove(wish, 'confirm', whoOf(actor, wish), actor.user?._id ?? null);
  const by = mover(actor);
  const thanks = input.thanks ? input.thanks : null;
  if (thanks) await assertSafeText(ctx, { thanks });
  const moved = await applyMove(ctx, wish, row, {
    by,
    note: thanks,
    set: { confirmation: { rating: input.rating, thanks, at: ctx.now() }, creditPending: true },
  });
  const points = await creditClaimer(ctx, moved);
  const claimer = claimerOf(moved);
  if (claimer) {
    await tell(ctx, moved, {
      event: 'confirmed',
      to: claimer,
      title: '心愿已确认完成',
      body: `${moved.posterName}确认了心愿${quoted(moved)}的完成，评分 ${input.rating} 星${
        points > 0 ? `，积分 +${points}` : ''
      }。${thanks ? `感谢的话：${thanks}` : ''}`,
    });
  }
  return toDetail(ctx, actor, { ...moved, creditPending: false });
}
