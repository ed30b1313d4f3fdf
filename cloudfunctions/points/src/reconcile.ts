/**
 * points.reconcile — an admin of the community (FORBIDDEN `auth.not-admin` otherwise) proves a
 * page of its members' balance documents against the ledger and repairs what disagrees; the
 * daily timer `reconcile` does the same for today's page of all balance documents. Audited
 * when something changed. Invariants:
 * - every credit already moves the balance document in the same transaction as its entry
 *   (`_shared/ledger.ts`), so this finds nothing on a healthy database; it is the proof, and
 *   the repair of anything written around the ledger (`reconcileBalances` says what is compared:
 *   `balance`, `quarters.<q>`, `adjusted.<q>`);
 * - bounded: one call checks at most ADMIN_PAGE (50) balance documents of the community in `_id`
 *   order after `after` and returns `next`; a timer run is bounded and resumes from each
 *   community's saved cursor (`reconcileRun`, `_shared/reconcile.ts`, ADR 0041). Requests: the caller 1 + the page 1 + 1 aggregation per 50 members — 3 for an
 *   admin's page of any community, however long its ledger — and, only where something was
 *   wrong, one conditional write per repaired document and one audit entry;
 * - a repair writes only if the document is still as read (a credit that landed meanwhile
 *   wins; the next run checks again); a second run on a clean database reports nothing.
 */
import type { ReconcileInput, ReconcileReport } from '../../../types/reconcile';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { reconcileBalances, type BalanceDoc, type BalanceRepair } from '../../_shared/ledger';
import type { JobLimits } from '../../_shared/jobs';
import { auditRepairs, communityPage, reconcileTimer, withoutCommunity } from '../../_shared/reconcile';
import { Collections } from '../../_shared/collections';

export async function reconcile({ ctx, input }: { ctx: Ctx; input: ReconcileInput }): Promise<ReconcileReport> {
  const actor = await loadActor(ctx);
  const admin = actor.requireAdminOf(input.communityId);
  const { docs, next } = await communityPage<BalanceDoc>(
    ctx,
    Collections.pointBalances,
    input.communityId,
    input.after,
  );
  const repairs = await reconcileBalances(ctx, docs);
  await auditRepairs(ctx, admin, 'points.reconcile', 'community', '核对积分余额与流水并修正', repairs);
  return { checked: docs.length, repaired: withoutCommunity(repairs), next };
}

/** Timer `reconcile` (daily): a bounded run over the communities, resuming from their cursors. */
export function reconcileJob({ ctx, limits }: { ctx: Ctx; limits?: JobLimits }) {
  return reconcileTimer<BalanceDoc, BalanceRepair>(
    ctx,
    {
      job: 'points.reconcile',
      collection: Collections.pointBalances,
      order: { by: 'userId', dir: 'asc' },
      check: (docs) => reconcileBalances(ctx, docs),
      summary: '定时核对积分余额与流水并修正',
    },
    limits,
  );
}
