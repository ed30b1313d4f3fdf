/**
 * deliberation.reconcile — an admin of the community (FORBIDDEN `auth.not-admin` otherwise)
 * recounts the supports of a page of its opinions and repairs each opinion's `supportCount`;
 * the daily timer `reconcile` does the same for today's page of all opinions. Audited when
 * something changed. Invariants:
 * - `supportCount` = the number of the opinion's `opinion_supports` documents. It is raised to
 *   that count after each support is stored (support-opinion.ts); this repairs it after a crash
 *   between the two, or after any write around it;
 * - the topic's open objections are not a stored counter (the objection documents are counted
 *   where they matter), and a vote's tally is computed once from the ballots when the vote
 *   closes and checked by `recomputeTally`; neither is repaired here (docs/adr/0016);
 * - bounded: one call checks at most ADMIN_PAGE (50) opinions of the community in `_id` order
 *   after `after` and returns `next`; a timer run is bounded and resumes from each community's saved
 *   cursor (`reconcileRun`, `_shared/reconcile.ts`, ADR 0041).
 *   Requests: 1 page read + 1 aggregation + 1 conditional write per repair (+1 audit);
 * - a repair is conditional on the counter as read, so a support that raised it meanwhile is
 *   never undone; a second run on a clean database reports nothing and writes nothing.
 */
import type { ReconcileInput, ReconcileReport } from '../../../types/reconcile';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { counterReconciler } from '../../_shared/reconcile';
import { type OpinionDoc } from './store';
import { Collections } from '../../_shared/collections';

const counter = counterReconciler<OpinionDoc & Record<string, unknown>>({
  collection: Collections.opinions,
  field: 'supportCount',
  counted: Collections.opinionSupports,
  countedBy: 'opinionId',
  order: { by: 'createdAt', dir: 'asc' },
  action: 'deliberation.reconcile',
  summary: '核对意见支持人数并修正',
});

export async function reconcile({ ctx, input }: { ctx: Ctx; input: ReconcileInput }): Promise<ReconcileReport> {
  const admin = (await loadActor(ctx)).requireAdminOf(input.communityId);
  return counter.reconcilePage(ctx, admin, input);
}

/** Timer `reconcile` (daily): a bounded run over the communities, resuming from their cursors. */
export const reconcileJob = counter.reconcileJob;
