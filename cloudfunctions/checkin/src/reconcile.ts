/**
 * checkin.reconcile — an admin of the community (FORBIDDEN `auth.not-admin` otherwise) recounts
 * the check-ins of a page of its events and repairs each event's `checkedInCount`; the daily
 * timer `reconcile` does the same for today's page of all events. Audited when something
 * changed. Invariants:
 * - `checkedInCount` = the number of the event's `checkins` documents. It is kept outside the
 *   check-in's transaction on purpose (attendance.ts: every check-in of an event would write
 *   that one document, and a rush conflicts), raised to the count after each commit; this is
 *   what makes it provably right when a crash fell between the commit and that raise;
 * - bounded: one call checks at most ADMIN_PAGE (50) events of the community in `_id` order
 *   after `after` and returns `next`; a timer run checks at most JOB_PAGE (500) events, the
 *   day's page of the rotation (`_shared/reconcile.ts`): every event within ⌈events / 500⌉ days.
 *   Requests: 1 page read + 1 aggregation + 1 conditional write per repair (+1 audit);
 * - a repair is conditional on the counter as read, so a check-in that raised it meanwhile is
 *   never undone; a second run on a clean database reports nothing and writes nothing.
 */
import type { ReconcileInput, ReconcileReport } from '../../../types/reconcile';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import type { EventDoc } from '../../_shared/documents';
import {
  auditRepairs,
  communityPage,
  countBy,
  repairCounter,
  rotationPage,
  storedCount,
} from '../../_shared/reconcile';
import type { CounterRepair } from '../../../types/reconcile';
import { C } from './store';

type Repair = CounterRepair & { communityId: string };

/** Recounts the check-ins of these events and repairs the counters that disagree. */
export async function reconcileEvents(ctx: Ctx, events: EventDoc[]): Promise<Repair[]> {
  const counts = await countBy(
    ctx,
    C.checkins,
    'eventId',
    events.map((e) => e._id),
  );
  const repairs: Repair[] = [];
  for (const event of events) {
    const from = storedCount(event.checkedInCount);
    const repaired = await repairCounter(ctx, C.events, event._id, 'checkedInCount', from, counts.get(event._id) ?? 0);
    if (repaired) repairs.push({ ...repaired, communityId: event.communityId });
  }
  return repairs;
}

const strip = (repairs: Repair[]): CounterRepair[] => repairs.map(({ communityId: _c, ...r }) => r);

export async function reconcile({ ctx, input }: { ctx: Ctx; input: ReconcileInput }): Promise<ReconcileReport> {
  const actor = await loadActor(ctx);
  const admin = actor.requireAdminOf(input.communityId);
  const { docs, next } = await communityPage<EventDoc>(ctx, C.events, input.communityId, input.after);
  const repairs = await reconcileEvents(ctx, docs);
  await auditRepairs(ctx, admin, 'checkin.reconcile', 'community', '核对活动签到人数并修正', repairs);
  return { checked: docs.length, repaired: strip(repairs), next };
}

/** Timer `reconcile` (daily): today's page of all events. */
export async function reconcileJob({ ctx }: { ctx: Ctx }) {
  const { docs, page, pages } = await rotationPage<EventDoc>(ctx, C.events);
  const repairs = await reconcileEvents(ctx, docs);
  await auditRepairs(ctx, null, 'checkin.reconcile', 'community', '定时核对活动签到人数并修正', repairs);
  return { checked: docs.length, repaired: strip(repairs), page, pages };
}
