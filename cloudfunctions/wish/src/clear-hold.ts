/**
 * wish.clearHold — a reviewer of the wish (a leader of its building/estate, an admin of its
 * community) clears text held for manual review: `pass` keeps the text and lifts the hold,
 * `reject` replaces it (at its field and the timeline note repeating it) with the removal
 * notice and tells its author in the app.
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
import { REMOVED_TEXT, type ClearHoldResult } from '../../../types/moderation';
import type { ClearWishHoldInput } from '../../../types/wish';
import { Actor } from '../../_shared/actor';
import { requireOpenid } from '../../_shared/auth';
import { Collections } from '../../_shared/collections';
import type { Ctx } from '../../_shared/context';
import type { RoleDoc, UserDoc } from '../../_shared/documents';
import { settleHolds } from '../../_shared/moderation';
import { reviewsHolds } from './holds';
import { notReviewer } from './review-scope';
import { wishLink } from './notices';
import { mustFindWish, type WishDoc } from './store';

/**
 * The caller with their roles and the wish, in one request (an aggregation on the caller's user
 * joining the wish by its id); a caller without a profile reads the wish alone (NOT_FOUND first).
 */
async function callerAndWish(ctx: Ctx, wishId: string): Promise<{ actor: Actor; wish: WishDoc }> {
  const openid = requireOpenid(ctx);
  const res = await ctx.db
    .collection(Collections.users)
    .aggregate()
    .match({ openid })
    .limit(1)
    .lookup({ from: Collections.roles, localField: '_id', foreignField: 'userId', as: 'roles' })
    .addFields({ _wishId: ctx.db.command.aggregate.literal(wishId) })
    .lookup({ from: Collections.wishes, localField: '_wishId', foreignField: '_id', as: '_wish' })
    .end();
  type Row = UserDoc & { roles?: RoleDoc[]; _wishId?: string; _wish?: WishDoc[] };
  const row = ((res as { data?: Row[] }).data ?? [])[0];
  if (!row) return { actor: new Actor(openid, null, []), wish: await mustFindWish(ctx, wishId) };
  const { roles = [], _wishId, _wish = [], ...user } = row;
  const wish = _wish[0];
  if (!wish) throw new AppError('NOT_FOUND', 'wish.not-found', '该心愿不存在或已被删除');
  return { actor: new Actor(openid, user, roles), wish };
}

export async function clearHold({ ctx, input }: { ctx: Ctx; input: ClearWishHoldInput }): Promise<ClearHoldResult> {
  const { actor, wish } = await callerAndWish(ctx, input.wishId);
  if (!actor.user || !reviewsHolds(actor, wish)) throw notReviewer();
  const me = actor.user;
  const pass = input.decision === 'pass';
  const { settled, after } = await settleHolds(ctx, Collections.wishes, wish, {
    field: input.field,
    decision: input.decision,
    reviewer: me,
    own: () => new AppError('FORBIDDEN', 'wish.own-hold', '不能审核自己提交的内容，请由其他审核人处理'),
    changed: () => new AppError('PRECONDITION_FAILED', 'wish.hold-changed', '该内容刚刚发生了变化，请刷新后重试'),
    record: (settled) => ({
      audit: {
        communityId: wish.communityId,
        action: 'wish.clearHold',
        targetKind: 'wish',
        targetId: wish._id,
        summary: `${pass ? '通过' : '驳回'}待人工审核内容：心愿“${wish.title}”的${settled.map((h) => h.label).join('、')}`,
        before: { holds: settled.map((h) => ({ field: h.field, text: h.text, cause: h.cause })) },
        after: { decision: input.decision, ...(pass ? {} : { text: REMOVED_TEXT }) },
      },
      notices: pass
        ? []
        : settled.map((hold) => ({
            key: `wish:${wish._id}:hold:${hold.field}:${new Date(hold.at).getTime()}:rejected`,
            userId: hold.authorId,
            communityId: wish.communityId,
            kind: 'wish' as const,
            title: '您提交的内容未通过审核',
            body: `您为心愿提交的${hold.label}“${hold.text.slice(0, 30)}”未通过人工审核，已被删除。`,
            link: wishLink(wish._id),
          })),
    }),
  });
  return {
    kind: 'wish',
    id: wish._id,
    decision: input.decision,
    cleared: settled.map((h) => h.field),
    remaining: after.holds?.length ?? 0,
  };
}
