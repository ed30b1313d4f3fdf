/**
 * wish.clearHold — a reviewer of the wish (a leader of its building/estate, an admin of its
 * community) clears text held for manual review: `pass` keeps the text and lifts the hold,
 * `reject` replaces it (at its field and the timeline note repeating it) with the removal
 * notice and tells its author in the app — and by WeChat where a kind fits: the poster
 * `wishProgress`, the claimer `claimProgress` (sent at once after the commit; a reviewer's own
 * text, e.g. a rejection's reason, in the app only).
 * Invariants: nobody clears a hold on their own text (FORBIDDEN `wish.own-hold`); the write is
 * conditional on the holds as read and on each held text still being there
 * (_shared/moderation.ts `settleHolds`; a text changed meanwhile is PRECONDITION_FAILED
 * `wish.hold-changed`); a retry, or a hold cleared by someone else already, answers with
 * nothing cleared and writes nothing; the decision, its one audit entry and the author's
 * message (keyed by the wish, the field and the hold's time) commit in one transaction.
 * Requests: the caller with the wish 1, then start, the wish's re-read, its write, the audit
 * entry, one message per rejected text, commit — 6 to pass, 7 to reject one text (docs/adr/0017).
 */
import { AppError } from '../../../types/errors';
import type { ClearHoldResult } from '../../../types/moderation';
import type { ClearWishHoldInput } from '../../../types/wish';
import { callerJoined, type Actor } from '../../_shared/actor';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import { clearHolds } from '../../_shared/moderation';
import { reviewsHolds } from './holds';
import { notReviewer } from './review-scope';
import { claimerOf, noticeOf, posterOf, wishLink } from './notices';
import { HELD_PLACEHOLDER } from '../../../types/moderation';
import { sendSubscriptionMessage } from '../../_shared/notify';
import type { TextHold } from '../../_shared/moderation';
import { mustFindWish, wishNotFound, type WishDoc } from './store';

/**
 * The caller with their roles and the wish, in one request (an aggregation on the caller's user
 * joining the wish by its id); a caller without a profile reads the wish alone (NOT_FOUND first).
 */
async function callerAndWish(ctx: Ctx, wishId: string): Promise<{ actor: Actor; wish: WishDoc }> {
  const { actor, joined } = await callerJoined(ctx, (query) =>
    query
      .addFields({ _wishId: ctx.db.command.aggregate.literal(wishId) })
      .lookup({ from: Collections.wishes, localField: '_wishId', foreignField: '_id', as: '_wish' }),
  );
  if (!joined) return { actor, wish: await mustFindWish(ctx, wishId) };
  const wish = (joined._wish as WishDoc[] | undefined)?.[0];
  if (!wish) throw wishNotFound();
  return { actor, wish };
}

export async function clearHold({ ctx, input }: { ctx: Ctx; input: ClearWishHoldInput }): Promise<ClearHoldResult> {
  const { actor, wish } = await callerAndWish(ctx, input.wishId);
  if (!actor.user || !reviewsHolds(actor, wish)) throw notReviewer();
  const me = actor.user;
  return clearHolds(ctx, {
    kind: 'wish',
    collection: Collections.wishes,
    doc: wish,
    input,
    reviewer: me,
    own: () => new AppError('FORBIDDEN', 'wish.own-hold', '不能审核自己提交的内容，请由其他审核人处理'),
    changed: () => new AppError('PRECONDITION_FAILED', 'wish.hold-changed', '该内容刚刚发生了变化，请刷新后重试'),
    audit: {
      communityId: wish.communityId,
      action: 'wish.clearHold',
      targetKind: 'wish',
      what: (labels) => `心愿“${wish.title}”的${labels}`,
    },
    notice: { communityId: wish.communityId, kind: 'wish', link: wishLink(wish._id), where: '您为心愿提交的' },
    afterReject: async (hold, key, after) => {
      const message = rejectedBySubscription(ctx, hold, after);
      if (message) await sendSubscriptionMessage(key, message);
    },
  });
}

/** The WeChat message a rejected text's author is sent: the poster's or the claimer's kind; null for others. */
function rejectedBySubscription(ctx: Ctx, hold: TextHold, after: WishDoc) {
  const poster = posterOf(after);
  const claimer = claimerOf(after);
  const to = hold.authorId === poster.userId ? poster : hold.authorId === claimer?.userId ? claimer : null;
  if (!to?.openid) return null;
  // A title still held is not sent to WeChat (a claimer is told about the poster's wish).
  const titleHeld = (after.holds ?? []).some((h) => h.field === 'title');
  const wish = titleHeld ? { ...after, title: HELD_PLACEHOLDER } : after;
  const notice = noticeOf(ctx, wish, {
    event: 'hold-rejected',
    to,
    title: '您提交的内容未通过审核',
    body: '',
    ...(to === claimer ? { claimStatus: '未通过审核' } : {}),
  });
  return notice.subscription ?? null;
}
