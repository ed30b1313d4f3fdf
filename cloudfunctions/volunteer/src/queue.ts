/**
 * The waitlist (候补) and its promotion (docs/adr/0033). Invariants:
 * - the activity document carries `holders` (who holds a place, ≤ quota userIds) and the
 *   waitlist's shape, not its entries: `waitHead` (the seq of the first waiting sign-up, 0 when
 *   nobody waits) and `waitGone` (seqs above it that left the waitlist); the waiting people are
 *   their sign-up documents (state `waitlisted`, ordered by `seq`). All of it is written in the
 *   same transaction as every sign-up document it describes, with the counters
 *   (`confirmedCount` = holders, `waitlistCount` = waiting sign-ups, `freeSlots` = quota − holders);
 * - confirmed sign-ups are always the first `quota` live sign-ups by `seq`: a sign-up is
 *   confirmed directly only when a slot is free AND nobody waits, otherwise it joins the end of
 *   the waitlist — so while someone waits every new seq goes to a waiting sign-up, and each seq
 *   between `waitHead` and `nextSeq` is waiting or in `waitGone`: whether a seq still waits, and
 *   its position, are computed from the activity alone (read, never counted);
 * - the head's sign-up document is found by a query OUTSIDE the transaction (CloudBase
 *   transactions take no queries) — joined to the caller's read, so it costs no request — and
 *   trusted inside it only if its seq is the head the activity names: a seq is handed out once,
 *   and a sign-up that leaves the waitlist moves `waitHead` or `waitGone` in its own transaction,
 *   so a stale candidate is recognised (`StaleHeads`: nothing written, the heads are read again);
 * - a promotion moves the waitlist's head into a free slot inside the transaction of whatever
 *   freed it (a cancellation, a quota raise) — the head's sign-up document, its in-app notice and
 *   the activity move together; `settle` is run by whoever meets a free slot with a non-empty
 *   waitlist (signUp, get, the quota raise itself), at most PROMOTE_MAX promotions a transaction;
 * - an activity stored before this design (no `waitHead`) has its queue rebuilt from its sign-ups
 *   on first touch (`reconcileActivity`), which also undoes `pending` claims of older designs;
 * - each promoted person is told once: the in-app message (key includes their seq) is written in
 *   the promotion's transaction; the WeChat subscription message is sent after the commit (a
 *   crash between the two loses only that push).
 */
import { Collections } from '../../_shared/collections';
import { formatCst } from '../../../types/time';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { runTransaction, type Transaction } from '../../_shared/database';
import { getById } from '../../_shared/db-helpers';
import { messageOf, sendSubscription, type Notification } from '../../_shared/notify';
import { reconcileActivity } from './reconcile';
import { signupStateAfter } from './signup-machine';
import { loadActivity, signupId, type ActivityDoc, type SignupDoc, type WaitEntry } from './store';

/** Promotions per transaction: each costs two requests (the sign-up and its notice). */
export const PROMOTE_MAX = 3;

/** An activity whose queue is stored in the current shape. */
export type QueuedActivity = ActivityDoc & { holders: string[]; waitHead: number; waitGone: number[] };

export function hasQueue(a: ActivityDoc): a is QueuedActivity {
  return Array.isArray(a.holders) && typeof a.waitHead === 'number' && Array.isArray(a.waitGone);
}

/** Whether the activity has a free slot while someone waits (so `settle` has work to do). */
export function needsSettle(a: Pick<ActivityDoc, 'cancelled' | 'freeSlots' | 'waitlistCount'>): boolean {
  return !a.cancelled && a.freeSlots > 0 && a.waitlistCount > 0;
}

/** The queue fields of an activity, as stored together by every move. */
export function queueFields(
  a: QueuedActivity,
): Pick<
  QueuedActivity,
  'holders' | 'waitHead' | 'waitGone' | 'confirmedCount' | 'waitlistCount' | 'freeSlots' | 'nextSeq'
> {
  return {
    holders: a.holders,
    waitHead: a.waitHead,
    waitGone: a.waitGone,
    confirmedCount: a.holders.length,
    waitlistCount: a.waitlistCount,
    freeSlots: a.quota - a.holders.length,
    nextSeq: a.nextSeq,
  };
}

type WaitShape = Pick<QueuedActivity, 'waitHead' | 'waitGone' | 'waitlistCount' | 'nextSeq'>;

/** Whether the sign-up handed `seq` still waits, by the activity's waitlist shape alone. */
export function isWaiting(a: WaitShape, seq: number): boolean {
  return a.waitlistCount > 0 && seq >= a.waitHead && seq <= a.nextSeq && !a.waitGone.includes(seq);
}

/** The 1-based waitlist position of the sign-up handed `seq` (null when it does not wait). */
export function positionOf(a: Partial<WaitShape>, seq: number): number | null {
  if (typeof a.waitHead !== 'number' || !Array.isArray(a.waitGone)) return null;
  const shape = a as WaitShape;
  if (!isWaiting(shape, seq)) return null;
  return seq - shape.waitHead - shape.waitGone.filter((g) => g < seq).length + 1;
}

/** The seqs of the first `k` waiting sign-ups, in order. */
export function headSeqs(a: WaitShape, k: number): number[] {
  const out: number[] = [];
  for (let s = a.waitHead; out.length < Math.min(k, a.waitlistCount) && s <= a.nextSeq; s++) {
    if (!a.waitGone.includes(s)) out.push(s);
  }
  return out;
}

/** The waitlist shape after the sign-up handed `seq` (= nextSeq, the newest) joins it. */
export function joined<A extends WaitShape>(a: A, seq: number): A {
  return a.waitlistCount === 0
    ? { ...a, waitHead: seq, waitGone: [], waitlistCount: 1 }
    : { ...a, waitlistCount: a.waitlistCount + 1 };
}

/** The waitlist shape after the waiting sign-up handed `seq` leaves it (cancelled or promoted). */
export function left<A extends WaitShape>(a: A, seq: number): A {
  const count = a.waitlistCount - 1;
  if (count === 0) return { ...a, waitHead: 0, waitGone: [], waitlistCount: 0 };
  if (seq !== a.waitHead) return { ...a, waitGone: [...a.waitGone, seq].sort((x, y) => x - y), waitlistCount: count };
  let head = seq + 1;
  const gone = new Set(a.waitGone);
  while (gone.has(head)) gone.delete(head++);
  return { ...a, waitHead: head, waitGone: [...gone].sort((x, y) => x - y), waitlistCount: count };
}

/** Thrown inside a transaction that met an activity without its current queue shape. */
export class QueueMissing extends Error {}

/** Thrown inside a transaction whose head candidates were not the heads the activity names. */
export class StaleHeads extends Error {}

/** The activity read inside `tx`, with its queue (QueueMissing when it has none yet). */
export async function readQueued(tx: Transaction, activityId: string): Promise<QueuedActivity | null> {
  const activity = (await tx.collection(Collections.activities).doc(activityId).get()).data as
    ActivityDoc | null | undefined;
  if (!activity) return null;
  if (!hasQueue(activity)) throw new QueueMissing();
  return activity;
}

/**
 * Runs a queue transaction; an activity without its queue has it rebuilt first (once), then the
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

export { headsPipeline } from './store';

/** The first `k` waiting sign-ups of an activity, read by a query (one request). */
export async function readHeads(ctx: Ctx, activityId: string, k: number): Promise<SignupDoc[]> {
  const res = await ctx.db
    .collection(Collections.signups)
    .where({ activityId, state: 'waitlisted' })
    .orderBy('seq', 'asc')
    .limit(k)
    .get();
  return res.data as SignupDoc[];
}

/** Head candidates by seq (the first of each seq wins; all are re-checked against the activity). */
export function candidatesOf(...lists: ReadonlyArray<readonly SignupDoc[]>): Map<number, WaitEntry> {
  const out = new Map<number, WaitEntry>();
  for (const list of lists) {
    for (const s of list) {
      if (s.state === 'waitlisted' && !out.has(s.seq)) {
        out.set(s.seq, { userId: s.userId, seq: s.seq, openid: s.openid ?? null });
      }
    }
  }
  return out;
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
 * promoted sign-up and its in-app notice. The heads are taken from `candidates` (read outside
 * the transaction) only when their seqs are the heads the activity names; a missing one throws
 * StaleHeads before anything is written. Returns the activity as it is now (the caller writes its
 * queue fields, with its own change, in the same transaction) and the promoted entries.
 */
export async function promoteHeads(
  ctx: Ctx,
  tx: Transaction,
  activity: QueuedActivity,
  max: number,
  candidates: ReadonlyMap<number, WaitEntry>,
): Promise<{ activity: QueuedActivity; promoted: WaitEntry[] }> {
  if (activity.cancelled) return { activity, promoted: [] };
  const free = activity.quota - activity.holders.length;
  const seqs = headSeqs(activity, Math.max(0, Math.min(free, max)));
  const promoted = seqs.map((seq) => candidates.get(seq));
  if (promoted.some((e) => e === undefined)) throw new StaleHeads();
  const entries = promoted as WaitEntry[];
  if (entries.length === 0) return { activity, promoted: entries };
  const now = ctx.now();
  await Promise.all(
    entries.flatMap((entry) => [
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
  let after: QueuedActivity = { ...activity, holders: [...activity.holders, ...entries.map((e) => e.userId)] };
  for (const e of entries) after = left(after, e.seq);
  return { activity: { ...after, ...queueFields(after) }, promoted: entries };
}

function stripId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

/**
 * Sends the subscription messages of promotions whose transaction has committed. A sign-up
 * stored before sign-ups carried the openid has its person read for it (older data only).
 */
export async function tellPromoted(ctx: Ctx, activity: ActivityDoc, promoted: readonly WaitEntry[]): Promise<void> {
  for (const entry of promoted) {
    const openid =
      entry.openid ?? (await getById(ctx, Collections.users, entry.userId).catch(() => null))?.openid ?? null;
    await sendSubscription(promotedNotice(activity, { ...entry, openid }));
  }
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
 * caller that shows the activity needs no second read after a repair. Each round reads the
 * heads (one query, unless the caller read them: `known`) and promotes them in one transaction.
 */
export async function settleQueue(
  ctx: Ctx,
  activityId: string,
  /** The heads, when the caller already read them with the activity (saves the first query). */
  known?: SignupDoc[],
): Promise<{ promoted: WaitEntry[]; activity: QueuedActivity | null }> {
  const all: WaitEntry[] = [];
  let last: QueuedActivity | null = null;
  try {
    for (let round = 0, stale = 0; round < 1000; round++) {
      const read = round === 0 && stale === 0 && known ? known : await readHeads(ctx, activityId, PROMOTE_MAX);
      const heads = candidatesOf(read);
      let step: { activity: QueuedActivity; promoted: WaitEntry[] } | null;
      try {
        step = await queueTransaction(ctx, activityId, async (tx) => {
          const activity = await readQueued(tx, activityId);
          if (!activity || !needsSettle(activity)) return null;
          const moved = await promoteHeads(ctx, tx, activity, PROMOTE_MAX, heads);
          const updatedAt = ctx.now();
          await tx
            .collection(Collections.activities)
            .doc(activityId)
            .update({ ...queueFields(moved.activity), updatedAt });
          return { ...moved, activity: { ...moved.activity, updatedAt } };
        });
      } catch (error) {
        // The heads moved between the query and the transaction: read them again (a few times).
        if (!(error instanceof StaleHeads) || ++stale > 5) throw error;
        continue;
      }
      if (!step || step.promoted.length === 0) {
        last = null;
        break;
      }
      crashPoint('volunteer.settle.after-promotion');
      await tellPromoted(ctx, step.activity, step.promoted);
      all.push(...step.promoted);
      last = step.activity;
      if (!needsSettle(step.activity)) break;
    }
  } catch (error) {
    if (!isConflict(error) && !(error instanceof StaleHeads)) throw error;
    last = null;
  }
  return { promoted: all, activity: last };
}

/** The activity with its queue (rebuilt from its sign-ups when it has none yet). */
export async function loadQueued(ctx: Ctx, activityId: string): Promise<QueuedActivity> {
  const activity = await loadActivity(ctx, activityId);
  if (hasQueue(activity)) return activity;
  await reconcileActivity(ctx, activityId);
  return (await loadActivity(ctx, activityId)) as QueuedActivity;
}
