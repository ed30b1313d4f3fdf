/**
 * points.memberLedger — a member's balance and ledger, for the community's admins and for the
 * liaison of the member's work unit (双报到 feedback).
 * Invariants: the liaison check reads the member's role in THAT community, so a liaison never
 * sees members of another unit or community; the ledger is read only after the check; writes
 * nothing. Requests: the caller, the member's context (role, balance, rules: one aggregation),
 * the page — three.
 */
import type { MemberLedgerInput, MyPoints } from '../../../types/points';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { ledgerPage, memberContext } from './ledger-page';
import { requireLedgerViewer } from './permissions';

export async function memberLedger({ ctx, input }: { ctx: Ctx; input: MemberLedgerInput }): Promise<MyPoints> {
  const actor = await loadActor(ctx);
  const context = await memberContext(ctx, input.communityId, input.userId, { role: true });
  requireLedgerViewer(actor, input.communityId, context.role);
  return ledgerPage(ctx, input.communityId, input.userId, input, context);
}
