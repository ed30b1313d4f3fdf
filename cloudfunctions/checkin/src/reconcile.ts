/**
 * checkin.reconcile — an admin of the community (FORBIDDEN `auth.not-admin` otherwise) recounts
 * the check-ins of a page of its events and repairs each event's `checkedInCount`; the daily
 * timer `reconcile` does the same for today's page of all events. Audited when something
 * changed. Invariants:
 * - `checkedInCount` = the number of the event's `checkins` documents. It is kept outside the
 *   check-in's transaction on purpose (attendance.ts: every check-in of an event would write
 *   that one document, and a rush conflicts), raised by one after each commit; this is
 *   what makes it provably right when a crash fell between the commit and that raise;
 * - bounded: one call checks at most ADMIN_PAGE (50) events of the community in `_id` order
 *   after `after` and returns `next`; a timer run is bounded and resumes from each community's saved
 *   cursor (`reconcileRun`, `_shared/reconcile.ts`, ADR 0041).
 *   Requests: 1 page read + 1 aggregation + 1 conditional write per repair (+1 audit);
 * - a repair is conditional on the counter as read, so a check-in that raised it meanwhile is
 *   never undone; a second run on a clean database reports nothing and writes nothing.
 */
import type { ReconcileInput, ReconcileReport } from '../../../types/reconcile';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import type { EventDoc } from '../../_shared/documents';
import { counterReconciler } from '../../_shared/reconcile';
import { Collections } from '../../_shared/collections';

const counter = counterReconciler<EventDoc & Record<string, unknown>>({
  collection: Collections.events,
  field: 'checkedInCount',
  counted: Collections.checkins,
  countedBy: 'eventId',
  order: { by: 'endAt', dir: 'asc' },
  action: 'checkin.reconcile',
  summary: '核对活动签到人数并修正',
});

export async function reconcile({ ctx, input }: { ctx: Ctx; input: ReconcileInput }): Promise<ReconcileReport> {
  const admin = (await loadActor(ctx)).requireAdminOf(input.communityId);
  return counter.reconcilePage(ctx, admin, input);
}

/** Timer `reconcile` (daily): a bounded run over the communities, resuming from their cursors. */
export const reconcileJob = counter.reconcileJob;
