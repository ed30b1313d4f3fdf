/**
 * wish.confirm — the poster confirms the fulfilment, rates it 1–5 and may thank; the claimer's
 * points are credited then.
 * Invariants: fulfilled → confirmed by the poster only (the table), written with the timeline
 * entry on the condition that the wish is still fulfilled at the revision decided on, so a
 * repeated or concurrent confirmation (or the retry of one whose answer was lost) is refused
 * and credits nothing; the thanks pass the content check first; the move and the claimer's
 * ledger entry `wish:<id>` (for a unit's claim, to the liaison who claimed) and balance are one
 * transaction (docs/adr/0015), so a crash leaves the wish confirmed and credited, or neither;
 * the claimer is told (`wish:<id>:confirmed`) after the commit.
 */
import type { ConfirmWishInput, WishDetail } from '../../../types/wish';
import { loadActor } from '../../_shared/actor';
import { assertSafeText } from '../../_shared/content-check';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { runTransaction } from '../../_shared/database';
import { creditInTransaction } from '../../_shared/ledger';
import { mover, requireVisible, whoOf } from './access';
import { claimerCredit } from './credit-claimer';
import { applyMoveInTransaction } from './move';
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
  const credit = await claimerCredit(ctx, wish);
  const { moved, points } = await runTransaction(ctx.db, async (tx) => {
    const confirmed = await applyMoveInTransaction(tx, ctx, wish, row, {
      by,
      note: thanks,
      set: { confirmation: { rating: input.rating, thanks, at: ctx.now() }, creditPending: false },
    });
    const done = credit ? await creditInTransaction(tx, ctx, credit, { fresh: true }) : null;
    crashPoint('wish.confirm.before-commit');
    return { moved: confirmed, points: done?.credited ? done.entry.amount : 0 };
  });
  crashPoint('wish.confirm.after-commit');
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
  return toDetail(ctx, actor, moved);
}
