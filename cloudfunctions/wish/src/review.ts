/**
 * wish.review — a leader of the wish's building (or its estate) or an admin of its community
 * publishes a submitted wish or rejects it with a reason.
 * Invariants: the move is a row of the transition table (submitted → published | rejected,
 * by a reviewer who is not the poster), written conditionally with its timeline entry; the
 * reason passes the content check first (or is held); a wish whose title or description is held
 * is not published (`wish.text-held`); one audit entry records before/after; the poster is
 * told (`wish:<id>:published` / `wish:<id>:rejected`).
 */
import type { ReviewWishInput, WishDetail } from '../../../types/wish';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { moderate } from '../../_shared/moderation';
import { nextNote, requireNothingHeldPublic } from './holds';
import type { Ctx } from '../../_shared/context';
import { mover, requireVisible, whoOf } from './access';
import { applyMove } from './move';
import { posterOf, quoted } from './notices';
import { mustFindWishInContext } from './store';
import { decideMove } from './transitions';
import { toDetail } from './views';

export async function review({ ctx, input }: { ctx: Ctx; input: ReviewWishInput }): Promise<WishDetail> {
  const actor = await loadActor(ctx);
  const { wish, estateName, posterPhone } = await mustFindWishInContext(ctx, input.wishId);
  requireVisible(actor, wish);
  const publish = input.decision === 'publish';
  const row = decideMove(
    wish,
    'review',
    whoOf(actor, wish),
    actor.user?._id ?? null,
    publish ? 'published' : 'rejected',
  );
  const by = mover(actor);
  const reason = input.decision === 'reject' ? input.reason : null;
  if (publish) requireNothingHeldPublic(wish);
  const holds = await moderate(ctx, by, {
    reason: { text: reason, label: '驳回理由', paths: ['rejectReason', nextNote(wish)] },
  });

  const moved = await applyMove(ctx, wish, row, {
    by,
    note: reason,
    set: { rejectReason: reason },
    holds,
    tell: (moved) => [
      publish
        ? {
            event: 'published',
            to: posterOf(moved),
            title: '您的心愿已发布',
            body: `您的心愿${quoted(moved)}已通过审核，发布到了心愿墙上。`,
          }
        : {
            event: 'rejected',
            to: posterOf(moved),
            title: '您的心愿未通过审核',
            body: `您的心愿${quoted(moved)}未通过审核：${reason ?? ''}`,
          },
    ],
  });
  await writeAudit(ctx, actor.user, {
    communityId: wish.communityId,
    action: 'wish.review',
    targetKind: 'wish',
    targetId: wish._id,
    summary: publish
      ? `发布 ${wish.posterName} 的心愿${quoted(wish)}`
      : `驳回 ${wish.posterName} 的心愿${quoted(wish)}：${reason ?? ''}`,
    before: { state: wish.state },
    after: { state: moved.state, rejectReason: reason },
  });
  return toDetail(ctx, actor, moved, { estateName, posterPhone });
}
