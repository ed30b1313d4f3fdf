/**
 * points.myPoints — the caller's own balance, this quarter's total against the threshold, and
 * their ledger newest first with an explanation of each entry.
 * Invariants: the caller is identified by the cloud context only; they need a role in the
 * community or points there; writes nothing.
 */
import type { MyPoints, MyPointsInput } from '../../../types/points';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { BALANCES, balanceId, type BalanceDoc } from '../../_shared/ledger';
import { ledgerPage } from './ledger-page';
import { requireCommunityRole } from './permissions';
import { docById } from './store';

export async function myPoints({ ctx, input }: { ctx: Ctx; input: MyPointsInput }): Promise<MyPoints> {
  const actor = await loadActor(ctx);
  const inCommunity = actor.belongsTo(input.communityId);
  // A former member (role revoked) still sees the points they earned there.
  const formerMember =
    !inCommunity && actor.user
      ? await docById<BalanceDoc>(ctx, BALANCES, balanceId(input.communityId, actor.user._id))
      : null;
  const user = formerMember && actor.user ? actor.user : requireCommunityRole(actor, input.communityId);
  return ledgerPage(ctx, input.communityId, user._id, input);
}
