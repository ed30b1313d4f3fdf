/**
 * points.memberLedger — a member's balance and ledger, for the community's admins and for the
 * liaison of the member's work unit (双报到 feedback).
 * Invariants: the liaison check reads the member's role in THAT community, so a liaison never
 * sees members of another unit or community; writes nothing.
 */
import type { MemberLedgerInput, MyPoints } from '../../../types/points';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { ledgerPage } from './ledger-page';
import { requireLedgerViewer } from './permissions';

export async function memberLedger({ ctx, input }: { ctx: Ctx; input: MemberLedgerInput }): Promise<MyPoints> {
  const actor = await loadActor(ctx);
  await requireLedgerViewer(ctx, actor, input.communityId, input.userId);
  return ledgerPage(ctx, input.communityId, input.userId, input);
}
