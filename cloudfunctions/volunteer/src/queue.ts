/**
 * The waitlist (候补) and its promotion. Invariants:
 * - the activity document carries the queue: `holders` (who holds a place) and `waitlist` (who
 *   waits, in seq order, with the openid that lets a promotion tell them), written in the same
 *   transaction as every sign-up document they describe, with the counters
 *   (`confirmedCount` = holders, `waitlistCount` = waitlist, `freeSlots` = quota − holders);
 * - confirmed sign-ups are always the first `quota` live sign-ups by `seq`: a sign-up is
 *   confirmed directly only when a slot is free AND nobody waits, otherwise it joins the end of
 *   the waitlist;
 * - a promotion moves the waitlist's head into a free slot inside the transaction of whatever
 *   freed it (a cancellation, a quota raise) — the head's sign-up document, its in-app notice and
 *   the activity's lists move together, so there is no moment when a slot is free while someone
 *   waits, except after a crash of a former design or a quota raise larger than PROMOTE_MAX;
 * - `settle` is then run by whoever meets a free slot with a non-empty waitlist (signUp, get, the
 *   quota raise itself), one transaction of at most PROMOTE_MAX promotions at a time;
 * - an activity stored before the lists existed has them rebuilt from its sign-ups on first
 *   touch (`reconcileActivity`), which also undoes `pending` claims of the former design;
 * - each promoted person is told once: the in-app message (key includes their seq) is written in
 *   the promotion's transaction; the WeChat subscription message is sent after the commit (a
 *   crash between the two loses only that push).
 */
import { Collections } from '../../_shared/collections';
import { formatCst } from '../../../types/time';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { runTransaction, type Transaction } from '../../_shared/database';
import { messageOf, sendSubscription, type Notification } from '../../_shared/notify';
import { reconcileActivity } from './reconcile';
import { signupStateAfter } from './signup-machine';
import { loadActivity, signupId, type ActivityDoc, type WaitEntry } from './store';

/** Promotions per transaction: each costs two requests (the sign-up and its notice). */
export const PROMOTE_MAX = 3;

/** An activity whose queue lists are stored. */
export type QueuedActivity = ActivityDoc & { holders: string[]; waitlist: WaitEntry[] };

export function hasQueue(a: ActivityDoc): a is QueuedActivity {
  return Array.isArray(a.holders) && Array.isArray(a.waitlist);
}

/** Whether the activity has a free slot while someone waits (so `settle` has work to do). */
export function needsSettle(a: Pick<ActivityDoc, 'cancelled' | 'freeSlots' | 'waitlistCount'>): boolean {
  return !a.cancelled && a.freeSlots > 0 && a.waitlistCount > 0;
}

/** The queue fields of an activity, as stored together by every move. */
export function queueFields(
  a: QueuedActivity,
): Pick<QueuedActivity, 'holders' | 'waitlist' | 'confirmedCount' | 'waitlistCount' | 'freeSlots' | 'nextSeq'> {
  return {
    holders: a.holders,
    waitlist: a.waitlist,
    confirmedCount: a.holders.length,
    waitlistCount: a.waitlist.length,
    freeSlots: a.quota - a.holders.length,
    nextSeq: a.nextSeq,
  };
}

/** Thrown inside a transaction that met an activity without its queue lists. */
export class QueueMissing extends Error {}

/** The activity read inside `tx`, with its lists (QueueMissing when it has none yet). */
export async function readQueued(tx: Transaction, activityId: string): Promise<QueuedActivity | null> {
  const activity = (await tx.collection(Collections.activities).doc(activityId).get()).data as
    ActivityDoc | null | undefined;
  if (!activity) return null;
  if (!hasQueue(activity)) throw new QueueMissing();
  return activity;
}

/**
 * Runs a queue transaction; an activity without lists has them rebuilt first (once), then the
 * transaction runs again.
 */
export async function queueTransaction<T>(
  ctx: Ctx,
  activityId: string,
  body: (tx: Transaction) => Promise<T>,
): Promise<T> {
  try {
    return await runTransaction(ctx.db, body);
  } catch (error) {
    if (!(error instanceof QueueMissing)) throw error;
    await reconcileActivity(ctx, activityId);
    return runTransaction(ctx.db, body);
  }
}

/** The notice a promoted person gets (in-app, and a subscription message when they have an openid). */
export function promotedNotice(activity: ActivityDoc, entry: WaitEntry): Notification {
  return {
    key: `volunteer-promoted:${signupId(activity._id, entry.userId)}:${entry.seq}`,
    userId: entry.userId,
    communityId: activity.communityId,
    kind: 'activity',
    title: '候补转为已报名',
    body: `您候补的志愿活动“${activity.title}”有了空余名额，已为您转为已报名。活动时间：${formatCst(activity.startAt)}，地点：${activity.place}。`,
    link: `/packages/volunteer/pages/detail/index?id=${activity._id}`,
    ...(entry.openid
      ? {
          subscription: {
            kind: 'waitlistPromoted' as const,
            openid: entry.openid,
            values: {
              activityId: activity._id,
              activityTitle: activity.title,
              startAt: new Date(activity.startAt),
              place: activity.place,
              status: '候补成功',
              notice: '候补已转为已报名',
            },
          },
        }
      : {}),
  };
}

/**
 * Inside `tx`: moves waitlist heads into free slots of `activity` (at most `max`), writing each
 * promoted sign-up and its in-app notice. Returns the activity as it is now (the caller writes its
 * queue fields, with its own change, in the same transaction) and the promoted entries.
 */
export async function promoteHeads(
  ctx: Ctx,
  tx: Transaction,
  activity: QueuedActivity,
  max: number,
): Promise<{ activity: QueuedActivity; promoted: WaitEntry[] }> {
  if (activity.cancelled) return { activity, promoted: [] };
  const free = activity.quota - activity.holders.length;
  const promoted = activity.waitlist.slice(0, Math.max(0, Math.min(free, max)));
  if (promoted.length === 0) return { activity, promoted };
  const now = ctx.now();
  await Promise.all(
    promoted.flatMap((entry) => [
      tx
        .collection(Collections.signups)
        .doc(signupId(activity._id, entry.userId))
        .update({ state: signupStateAfter('promote', 'waitlisted'), updatedAt: now }),
      tx
        .collection(Collections.messages)
        .doc(promotedNotice(activity, entry).key)
        .set(stripId(messageOf(ctx, promotedNotice(activity, entry)))),
    ]),
  );
  const after: QueuedActivity = {
    ...activity,
    holders: [...activity.holders, ...promoted.map((e) => e.userId)],
    waitlist: activity.waitlist.slice(promoted.length),
  };
  return { activity: { ...after, ...queueFields(after) }, promoted };
}

function stripId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

/** Sends the subscription messages of promotions whose transaction has committed. */
export async function tellPromoted(activity: ActivityDoc, promoted: readonly WaitEntry[]): Promise<void> {
  for (const entry of promoted) await sendSubscription(promotedNotice(activity, entry));
}

const isConflict = (error: unknown) => (error as { code?: unknown } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT';

/**
 * Promotes waitlisted people into free slots, strictly by seq, PROMOTE_MAX per transaction, and
 * tells each. Best effort: a transaction that keeps conflicting stops it (the next request that
 * meets the free slot settles). Returns the promoted entries.
 */
export async function settle(ctx: Ctx, activityId: string): Promise<WaitEntry[]> {
  return (await settleQueue(ctx, activityId)).promoted;
}

/**
 * `settle`, also answering the activity as its last transaction left it (null when that
 * transaction found nothing to do or kept conflicting — the caller reads it again then), so a
 * caller that shows the activity needs no second read after a repair.
 */
export async function settleQueue(
  ctx: Ctx,
  activityId: string,
): Promise<{ promoted: WaitEntry[]; activity: QueuedActivity | null }> {
  const all: WaitEntry[] = [];
  let last: QueuedActivity | null = null;
  try {
    for (let round = 0; round < 1000; round++) {
      const step = await queueTransaction(ctx, activityId, async (tx) => {
        const activity = await readQueued(tx, activityId);
        if (!activity || !needsSettle(activity)) return null;
        const moved = await promoteHeads(ctx, tx, activity, PROMOTE_MAX);
        const updatedAt = ctx.now();
        await tx
          .collection(Collections.activities)
          .doc(activityId)
          .update({ ...queueFields(moved.activity), updatedAt });
        return { ...moved, activity: { ...moved.activity, updatedAt } };
      });
      if (!step || step.promoted.length === 0) {
        last = null;
        break;
      }
      crashPoint('volunteer.settle.after-promotion');
      await tellPromoted(step.activity, step.promoted);
      all.push(...step.promoted);
      last = step.activity;
      if (!needsSettle(step.activity)) break;
    }
  } catch (error) {
    if (!isConflict(error)) throw error;
    last = null;
  }
  return { promoted: all, activity: last };
}

/** Settles only when the given (freshly read) activity has a free slot and someone waits. */
export async function settleIfNeeded(ctx: Ctx, activity: ActivityDoc): Promise<WaitEntry[]> {
  return needsSettle(activity) ? settle(ctx, activity._id) : [];
}

/** The activity with its queue lists (rebuilt from its sign-ups when it has none yet). */
export async function loadQueued(ctx: Ctx, activityId: string): Promise<QueuedActivity> {
  const activity = await loadActivity(ctx, activityId);
  if (hasQueue(activity)) return activity;
  await reconcileActivity(ctx, activityId);
  return (await loadActivity(ctx, activityId)) as QueuedActivity;
}
