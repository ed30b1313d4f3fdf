/**
 * volunteer.reconcile — an admin of the activity's community (FORBIDDEN `auth.not-admin`
 * otherwise) recounts its sign-ups and repairs its counters; audited when something changed.
 * `reconcileActivity` is also run by any request that meets a stored `pending` claim.
 * Invariants:
 * - `confirmedCount` = live sign-ups holding a place (confirmed, checked_in, completed, no_show),
 *   `waitlistCount` = waitlisted ones, `freeSlots` = quota − confirmedCount, and `nextSeq` is at
 *   least the highest seq handed out;
 * - a stored `pending` claim from the former design (never answered OK) is undone first
 *   (cancelled, one transaction each), so nothing half-done is counted or blocks anyone;
 * - the counts are queries, which CloudBase cannot run inside a transaction, so the repair is
 *   optimistic: the activity is read before counting and the repair transaction writes only if
 *   the activity's counters are still exactly as read (every sign-up move changes one of them in
 *   the same transaction as its document), else it recounts (up to 5 times);
 * - it reports each counter it changed as { before, after } (empty when all agreed).
 */
import type { ActivityIdInput, ReconcileResult } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import { runTransaction } from '../../_shared/database';
import { getAll } from '../../_shared/db-helpers';
import { C, loadActivity, type ActivityDoc, type SignupDoc } from './store';

export const PLACE_STATES = ['confirmed', 'checked_in', 'completed', 'no_show'] as const;

type Counter = 'freeSlots' | 'confirmedCount' | 'waitlistCount' | 'nextSeq';
export type CounterChanges = Partial<Record<Counter, { before: number; after: number }>>;

const COUNTERS: Counter[] = ['freeSlots', 'confirmedCount', 'waitlistCount', 'nextSeq'];

class Moved extends Error {}

/** Undoes the stored `pending` claims of an activity (one transaction each); returns how many. */
async function undoLegacyClaims(ctx: Ctx, activityId: string): Promise<number> {
  const claims = await getAll<SignupDoc>(ctx.db.collection(C.signups).where({ activityId, pending: true }));
  let undone = 0;
  for (const claim of claims) {
    await runTransaction(ctx.db, async (tx) => {
      const doc = (await tx.collection(C.signups).doc(claim._id).get()).data as SignupDoc | null | undefined;
      if (doc?.pending !== true) return;
      await tx
        .collection(C.signups)
        .doc(claim._id)
        .update({ state: 'cancelled', pending: false, updatedAt: ctx.now() });
      undone++;
    });
  }
  return undone;
}

export async function reconcileActivity(ctx: Ctx, activityId: string): Promise<{ changed: CounterChanges }> {
  const _ = ctx.db.command;
  await undoLegacyClaims(ctx, activityId);
  for (let attempt = 1; ; attempt++) {
    const seen = await loadActivity(ctx, activityId);
    const signups = ctx.db.collection(C.signups);
    const places = await signups.where({ activityId, state: _.in([...PLACE_STATES]) }).count();
    const waiting = await signups.where({ activityId, state: 'waitlisted' }).count();
    const top = await signups.where({ activityId }).orderBy('seq', 'desc').limit(1).get();
    const maxSeq = ((top.data as SignupDoc[])[0]?.seq ?? 0) as number;
    const confirmedCount = places.total as number;
    const want: Record<Counter, number> = {
      confirmedCount,
      waitlistCount: waiting.total as number,
      freeSlots: seen.quota - confirmedCount,
      nextSeq: Math.max(seen.nextSeq, maxSeq),
    };
    try {
      const changed = await runTransaction(ctx.db, async (tx) => {
        const now = (await tx.collection(C.activities).doc(activityId).get()).data as ActivityDoc;
        if (now.quota !== seen.quota || COUNTERS.some((k) => now[k] !== seen[k])) throw new Moved();
        const out: CounterChanges = {};
        for (const k of COUNTERS) if (now[k] !== want[k]) out[k] = { before: now[k], after: want[k] };
        if (Object.keys(out).length > 0) await tx.collection(C.activities).doc(activityId).update(want);
        return out;
      });
      return { changed };
    } catch (error) {
      if (!(error instanceof Moved) || attempt >= 5) throw error;
    }
  }
}

export async function reconcile({ ctx, input }: { ctx: Ctx; input: ActivityIdInput }): Promise<ReconcileResult> {
  const actor = await loadActor(ctx);
  const activity = await loadActivity(ctx, input.activityId);
  const admin = actor.requireAdminOf(activity.communityId);
  const { changed } = await reconcileActivity(ctx, activity._id);
  if (Object.keys(changed).length > 0) {
    const pick = (side: 'before' | 'after') =>
      Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v[side]]));
    await writeAudit(ctx, admin, {
      communityId: activity.communityId,
      action: 'volunteer.reconcile',
      targetKind: 'activity',
      targetId: activity._id,
      summary: `核对志愿活动“${activity.title}”的报名计数并修正`,
      before: pick('before'),
      after: pick('after'),
    });
  }
  return { activityId: activity._id, changed };
}
