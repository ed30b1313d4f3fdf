/**
 * points.myPoints — the caller's own balance, this quarter's total against the threshold, and
 * their ledger newest first with an explanation of each entry.
 * Invariants: the caller is identified by the cloud context only; they need a role in the
 * community or points there (a former member: their balance document); writes nothing.
 * Requests: the caller, their context (balance and rules, one aggregation) and the page — three.
 */
import type { MyPoints, MyPointsInput } from '../../../types/points';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { ledgerPage, memberContext } from './ledger-page';
import { requireCommunityRole } from './permissions';

export async function myPoints({ ctx, input }: { ctx: Ctx; input: MyPointsInput }): Promise<MyPoints> {
  const actor = await loadActor(ctx);
  if (actor.user && !actor.belongsTo(input.communityId)) {
    // A former member (role revoked) still sees the points they earned there.
    const context = await memberContext(ctx, input.communityId, actor.user._id);
    if (context.balance) return ledgerPage(ctx, input.communityId, actor.user._id, input, context);
  }
  const user = requireCommunityRole(actor, input.communityId);
  return ledgerPage(ctx, input.communityId, user._id, input);
}
