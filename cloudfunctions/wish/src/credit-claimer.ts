/**
 * The claimer's points for a confirmed wish. Invariants: the ledger entry's key is
 * `wish:<wishId>`, so however often this runs (a confirmation, the job's retry) the claimer is
 * credited once; for a unit's claim the liaison who claimed is credited; the amount is the
 * community's `wishFulfilled` rule at the time of crediting; `creditPending` is cleared only
 * after the entry exists.
 */
import type { Ctx } from '../../_shared/context';
import { credit } from '../../_shared/ledger';
import { pointRules } from '../../_shared/point-rules';
import { WISHES, type WishDoc } from './store';

export async function creditClaimer(ctx: Ctx, wish: WishDoc): Promise<number> {
  if (!wish.claimerId) return 0;
  const rules = await pointRules(ctx, wish.communityId);
  const amount = rules.wishFulfilled;
  let credited = 0;
  if (amount > 0) {
    const res = await credit(ctx, {
      key: `wish:${wish._id}`,
      userId: wish.claimerId,
      communityId: wish.communityId,
      amount,
      reason: 'wish_fulfilled',
      sourceId: wish._id,
      explanation: `完成微心愿“${wish.title}” +${amount}`,
      createdBy: wish.posterId,
    });
    credited = res.credited ? res.entry.amount : 0;
  }
  await ctx.db.collection(WISHES).where({ _id: wish._id, creditPending: true }).update({ creditPending: false });
  return credited;
}
