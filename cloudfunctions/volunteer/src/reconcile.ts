/**
 * volunteer.reconcile — an admin of the activity's community (FORBIDDEN `auth.not-admin`
 * otherwise) rebuilds an activity's queue from its sign-up documents and repairs what disagreed;
 * audited when something changed. `reconcileActivity` also runs on the first touch of an activity
 * stored before the queue lists existed (queue.ts).
 * Invariants:
 * - `holders` = userIds of live sign-ups holding a place (confirmed, checked_in, completed,
 *   no_show) and `waitlist` = the waitlisted ones with their openids, both in seq order;
 *   `confirmedCount`/`waitlistCount` are their lengths, `freeSlots` = quota − confirmedCount, and
 *   `nextSeq` is at least the highest seq handed out;
 * - a stored `pending` claim from the former design (never answered OK) is undone first
 *   (cancelled, one transaction each), so nothing half-done is counted or blocks anyone;
 * - the sign-ups are read by queries, which CloudBase cannot run inside a transaction, so the
 *   repair is optimistic: the activity is read before the queries and the repair transaction
 *   writes only if its queue fields are still exactly as read (every sign-up move changes them in
 *   the same transaction as its document), else it reads again (up to 5 times);
 * - it reports each field it changed as { before, after } (empty when all agreed).
 */
import type { ActivityIdInput, ReconcileResult } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import { writeAudit } from '../../_shared/audit';
import type { Ctx } from '../../_shared/context';
import { runTransaction } from '../../_shared/database';
import { getAll, getByIds } from '../../_shared/db-helpers';
import type { UserDoc } from '../../_shared/documents';
import { C, loadActivity, type ActivityDoc, type SignupDoc, type WaitEntry } from './store';

export const PLACE_STATES = ['confirmed', 'checked_in', 'completed', 'no_show'] as const;

type Counter = 'freeSlots' | 'confirmedCount' | 'waitlistCount' | 'nextSeq';
export type QueueChanges = ReconcileResult['changed'];

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

/** The fields a sign-up move writes: what the repair transaction checks did not move. */
const fingerprint = (a: ActivityDoc) =>
  JSON.stringify([a.quota, ...COUNTERS.map((k) => a[k]), a.holders ?? null, a.waitlist ?? null]);

const sameList = (a: readonly string[] | undefined, b: readonly string[]) =>
  a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

export async function reconcileActivity(ctx: Ctx, activityId: string): Promise<{ changed: QueueChanges }> {
  const _ = ctx.db.command;
  await undoLegacyClaims(ctx, activityId);
  for (let attempt = 1; ; attempt++) {
    const seen = await loadActivity(ctx, activityId);
    const live = await getAll<SignupDoc>(
      ctx.db
        .collection(C.signups)
        .where({ activityId, state: _.in([...PLACE_STATES, 'waitlisted']) })
        .orderBy('seq', 'asc'),
    );
    const top = await ctx.db.collection(C.signups).where({ activityId }).orderBy('seq', 'desc').limit(1).get();
    const maxSeq = ((top.data as SignupDoc[])[0]?.seq ?? 0) as number;
    const waiting = live.filter((s) => s.state === 'waitlisted');
    const users = await getByIds<UserDoc>(
      ctx,
      C.users,
      waiting.map((s) => s.userId),
    );
    const holders = live.filter((s) => s.state !== 'waitlisted').map((s) => s.userId);
    const waitlist: WaitEntry[] = waiting.map((s) => ({
      userId: s.userId,
      seq: s.seq,
      openid: users.get(s.userId)?.openid ?? null,
    }));
    const want: Record<Counter, number> = {
      confirmedCount: holders.length,
      waitlistCount: waitlist.length,
      freeSlots: seen.quota - holders.length,
      nextSeq: Math.max(seen.nextSeq, maxSeq),
    };
    try {
      const changed = await runTransaction(ctx.db, async (tx) => {
        const now = (await tx.collection(C.activities).doc(activityId).get()).data as ActivityDoc;
        if (fingerprint(now) !== fingerprint(seen)) throw new Moved();
        const out: QueueChanges = {};
        for (const k of COUNTERS) if (now[k] !== want[k]) out[k] = { before: now[k], after: want[k] };
        if (!sameList(now.holders, holders)) out.holders = { before: now.holders ?? null, after: holders };
        const waitIds = waitlist.map((e) => e.userId);
        const storedWait = now.waitlist?.map((e) => e.userId);
        if (!sameList(storedWait, waitIds)) out.waitlist = { before: storedWait ?? null, after: waitIds };
        if (Object.keys(out).length > 0) {
          await tx
            .collection(C.activities)
            .doc(activityId)
            .update({ ...want, holders, waitlist });
        }
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
