/**
 * wish.confirm — the poster confirms the fulfilment, rates it 1–5 and may thank; the claimer's
 * points are credited then.
 * Invariants: fulfilled → confirmed by the poster only (the table); the thanks pass the content
 * check first; the move, the claimer's message `wish:<id>:confirmed`, and the claimer's ledger
 * entry `wish:<id>` (for a unit's claim, to the liaison who claimed) and balance are ONE
 * transaction (docs/adr/0015), so a crash leaves the wish confirmed, told and credited, or none
 * of them; the message is added under its key in that transaction, so a repeated or concurrent
 * confirmation (or the retry of one whose answer was lost) aborts there, writes nothing and is
 * refused as the state now says (the transaction writes the wish without re-reading it: only
 * confirm leaves `fulfilled`, see move.ts); the subscription message is sent after the commit.
 * A fulfilled wish always has a claimer; one without (stored before claims were kept) is
 * confirmed by the plain conditional move.
 * 代办 (`proxy`): the same act run as the poster of the consent (_shared/proxy.ts: the proxy's
 * checks and the poster's row in the same one read); the confirmation carries the proxy's stamp
 * and its timeline note says who acted; the audit entry `audit-proxy.confirmWish:<id>` is
 * written in the same transaction; only a wish posted from the consent's household
 * (`proxy.outside-scope`: a poster's other home is not the proxy's).
 * Requests: the caller with the wish, its context, the community's rules and whether the claimer
 * has a balance in the community (one aggregation, `withWish`), then the transaction: start, the
 * wish, the message, the entry, the balance (updated, or added for the claimer's first credit in
 * the community: a balance created meanwhile makes the add collide, and the transaction runs
 * again without the hint), commit — 7; a 代办 confirmation 8 (its audit entry).
 */
import type { ConfirmWishInput, WishDetail } from '../../../types/wish';
import { moderate } from '../../_shared/moderation';
import { nextNote } from './holds';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { runTransaction } from '../../_shared/database';
import { isDuplicateWrite } from '../../_shared/db-helpers';
import { creditInTransaction } from '../../_shared/ledger';
import { messageOf, sendSubscription } from '../../_shared/notify';
import { mover, requireVisible, whoOf } from './access';
import { claimerCreditUnder } from './credit-claimer';
import { applyMove, moveInTransaction, planMove, refusalNow } from './move';
import { claimerOf, noticeOf, quoted } from './notices';
import { joinedWish, withWish } from './store';
import { decideMove } from './transitions';
import { toDetail } from './views';
import { Collections } from '../../_shared/collections';
import { actingFor, outsideScope, proxyAuditDoc, proxyNote } from '../../_shared/proxy';

export async function confirm({ ctx: call, input }: { ctx: Ctx; input: ConfirmWishInput }): Promise<WishDetail> {
  // 代办: the poster's confirmation, made for them (_shared/proxy.ts); the claimer is credited as ever.
  const { ctx, grant, actor, joined } = await actingFor(
    call,
    input.proxy,
    'confirm_wish',
    withWish(call, input.wishId, { rules: true, claimerBalance: true }),
  );
  const { wish, estateName, posterPhone, rules, claimerHasBalance } = await joinedWish(ctx, joined, input.wishId, {
    rules: true,
  });
  requireVisible(actor, wish);
  // A consent is for one household: a wish she posted from another home is not the proxy's.
  if (grant && wish.householdId !== grant.consent.householdId) throw outsideScope();
  const row = decideMove(wish, 'confirm', whoOf(actor, wish), actor.user?._id ?? null);
  const by = mover(actor);
  const thanks = input.thanks ? input.thanks : null;
  const audit = grant
    ? proxyAuditDoc(ctx, grant, {
        action: 'proxy.confirmWish',
        targetKind: 'wish',
        targetId: wish._id,
        summary: `确认心愿“${wish.title}”完成，评分 ${input.rating} 星`,
      })
    : null;
  const holds = await moderate(ctx, by, {
    thanks: { text: thanks, label: '感谢的话', paths: ['confirmation.thanks', nextNote(wish)] },
  });
  const args = {
    by,
    note: grant ? [proxyNote(grant), thanks].filter(Boolean).join('：') : thanks,
    set: {
      confirmation: { rating: input.rating, thanks, at: ctx.now(), ...(grant ? { proxy: grant.stamp } : {}) },
      creditPending: false,
    },
    holds,
  };
  const claimer = claimerOf(wish);
  if (!claimer) {
    const moved = await applyMove(ctx, wish, row, args);
    // A wish without a claimer (stored before claims were kept): its entry follows the move.
    if (audit) await ctx.db.collection(Collections.auditLog).add(audit);
    return toDetail(ctx, actor, moved, { estateName, posterPhone });
  }

  const credit = claimerCreditUnder(wish, rules);
  const planned = planMove(ctx, wish, row, args);
  const notice = noticeOf(ctx, planned.moved, {
    event: 'confirmed',
    to: claimer,
    title: '心愿已确认完成',
    claimStatus: '已确认',
    body: `${wish.posterName}确认了心愿${quoted(wish)}的完成，评分 ${input.rating} 星${
      credit ? `，积分 +${credit.amount}` : ''
    }。${thanks ? `感谢的话：${thanks}` : ''}`,
  });
  const confirm = (balanceAbsent: boolean) =>
    runTransaction(ctx.db, async (tx) => {
      const confirmed = await moveInTransaction(tx, planned);
      // The confirmation's key: a second confirmation of this wish aborts here.
      await tx.collection(Collections.messages).add(messageOf(ctx, notice));
      // `fresh`: the message above proves this is the wish's one confirmation, so its entry cannot exist.
      if (credit) await creditInTransaction(tx, ctx, credit, { fresh: true, balanceAbsent });
      if (audit) await tx.collection(Collections.auditLog).add(audit);
      crashPoint('wish.confirm.before-commit');
      return confirmed;
    });
  // The claimer's balance is added when the read saw none (their first credit in the community).
  let balanceAbsent = claimerHasBalance === false;
  let moved;
  for (;;) {
    try {
      moved = await confirm(balanceAbsent);
      break;
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      // The collision may be a balance created meanwhile: the confirmation runs again without the hint.
      if (balanceAbsent) {
        balanceAbsent = false;
        continue;
      }
      throw await refusalNow(ctx, wish, row, by.id);
    }
  }
  crashPoint('wish.confirm.after-commit');
  await sendSubscription(notice);
  return toDetail(ctx, actor, moved, { estateName, posterPhone });
}
