/**
 * wish.revokeClaim — an admin of the wish's community revokes a claim with a reason; the wish
 * is published again and the claimer is told.
 * Invariants: claimed → published by an admin only (the table), conditional write with the
 * timeline entry, claim fields cleared in the same write; the reason passes the content check
 * first; one audit entry records the claimer before and the state after; the claimer is told
 * (`wish:<id>:revoked:<n>`).
 */
import type { ReasonedWishInput, WishDetail } from '../../../types/wish';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import { moderate } from '../../_shared/moderation';
import { nextNote } from './holds';
import type { Ctx } from '../../_shared/context';
import { mover, requireVisible, whoOf } from './access';
import { applyMove } from './move';
import { claimerOf, quoted } from './notices';
import { claimCleared, mustFindWishInContext } from './store';
import { decideMove } from './transitions';
import { toDetail } from './views';

export async function revokeClaim({ ctx, input }: { ctx: Ctx; input: ReasonedWishInput }): Promise<WishDetail> {
  const actor = await loadActor(ctx);
  const { wish, estateName, posterPhone } = await mustFindWishInContext(ctx, input.wishId);
  requireVisible(actor, wish);
  const row = decideMove(wish, 'revokeClaim', whoOf(actor, wish), actor.user?._id ?? null);
  const by = mover(actor);
  const holds = await moderate(ctx, by, {
    reason: { text: input.reason, label: '撤销认领的原因', paths: [nextNote(wish)] },
  });
  const claimer = claimerOf(wish);
  const moved = await applyMove(ctx, wish, row, {
    by,
    note: input.reason,
    set: claimCleared,
    holds,
    tell: (moved) =>
      claimer
        ? [
            {
              event: `revoked:${wish.claimSeq}`,
              to: claimer,
              title: '您的认领已被撤销',
              claimStatus: '已撤销',
              body: `社区管理员撤销了您对心愿${quoted(moved)}的认领：${input.reason}`,
            },
          ]
        : [],
  });
  await writeAudit(ctx, actor.user, {
    communityId: wish.communityId,
    action: 'wish.revokeClaim',
    targetKind: 'wish',
    targetId: wish._id,
    summary: `撤销 ${wish.claimerName ?? ''} 对心愿${quoted(wish)}的认领：${input.reason}`,
    before: { state: wish.state, claimerId: wish.claimerId, claimerName: wish.claimerName },
    after: { state: moved.state, claimerId: null, reason: input.reason },
  });
  return toDetail(ctx, actor, moved, { estateName, posterPhone });
}
