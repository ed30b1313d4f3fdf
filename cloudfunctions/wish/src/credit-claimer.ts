/**
 * The claimer's points for a confirmed wish. Invariants: the ledger entry's key is
 * `wish:<wishId>`, so however often this runs (a confirmation, the job's retry) the claimer is
 * credited once; for a unit's claim the liaison who claimed is credited; the amount is the
 * community's `wishFulfilled` rule at the time of crediting. wish.confirm writes the entry in
 * the confirmation's own transaction (`claimerCredit` + `creditInTransaction`, docs/adr/0015);
 * `creditClaimer` finishes confirmations stored before that with `creditPending` still set,
 * clearing it only after the entry exists.
 */
import type { Ctx } from '../../_shared/context';
import { credit, type CreditInput } from '../../_shared/ledger';
import { defaultPointRules, pointRules, type PointRulesDoc } from '../../_shared/point-rules';
import { type WishDoc } from './store';
import { Collections } from '../../_shared/collections';

/** The credit a confirmation earns the claimer, or null (no claimer, or the rule gives none). */
export async function claimerCredit(ctx: Ctx, wish: WishDoc): Promise<CreditInput | null> {
  if (!wish.claimerId) return null;
  return claimerCreditUnder(wish, await pointRules(ctx, wish.communityId));
}

/**
 * The same, under the community's stored rules as already read (`findWishInContext` with
 * `rules`; null when never edited): a rule not stored is the default, as `pointRules` has it.
 */
export function claimerCreditUnder(wish: WishDoc, rules: Partial<PointRulesDoc> | null): CreditInput | null {
  if (!wish.claimerId) return null;
  const stored = rules?.wishFulfilled;
  const amount = typeof stored === 'number' ? stored : defaultPointRules.wishFulfilled;
  if (amount <= 0) return null;
  return {
    key: `wish:${wish._id}`,
    userId: wish.claimerId,
    communityId: wish.communityId,
    amount,
    reason: 'wish_fulfilled',
    sourceId: wish._id,
    explanation: `完成微心愿“${wish.title}” +${amount}`,
    createdBy: wish.posterId,
  };
}

export async function creditClaimer(ctx: Ctx, wish: WishDoc): Promise<number> {
  const input = await claimerCredit(ctx, wish);
  let credited = 0;
  if (input) {
    const res = await credit(ctx, input);
    credited = res.credited ? res.entry.amount : 0;
  }
  await ctx.db
    .collection(Collections.wishes)
    .where({ _id: wish._id, creditPending: true })
    .update({ creditPending: false });
  return credited;
}
