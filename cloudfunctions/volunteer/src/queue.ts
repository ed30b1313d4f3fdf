/**
 * The waitlist (候补) and its promotion. Invariants:
 * - confirmed sign-ups are always the first `quota` live sign-ups by `seq`: a sign-up is
 *   confirmed directly only when a slot is free AND nobody is waitlisted (decided in the sign-up's
 *   own transaction, which also hands out its seq), otherwise it joins the waitlist;
 * - each promotion is ONE transaction that re-reads the waitlist head (found by a query outside
 *   it, as CloudBase transactions take doc operations only) and the activity, and — only if a
 *   slot is free, the activity is live and the head is still waitlisted — flips the head to
 *   confirmed and moves the counters; transaction conflicts on the activity document serialise
 *   concurrent settles, so no one is promoted twice and promotion is strictly by seq (no lock);
 * - there is no intermediate record: a head that is a stored `pending` claim from the former
 *   design (never answered OK) is undone (cancelled) and the counters are reconciled, so it cannot
 *   halt promotion;
 * - `settle` is called by whoever frees a slot (cancelSignup, edit raising the quota) and by any
 *   signUp/get that meets a free slot with a non-empty waitlist, so a crash between a committed
 *   move and its settle is healed by the next request;
 * - each promoted person is told once (message key includes their seq), after the promotion's
 *   transaction: a crash between the two loses that notice (accepted; the sign-up is confirmed
 *   and shows so in the app).
 */
import { formatCst } from '../../../types/time';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { runTransaction } from '../../_shared/database';
import { getById } from '../../_shared/db-helpers';
import type { UserDoc } from '../../_shared/documents';
import { notify } from '../../_shared/notify';
import { reconcileActivity } from './reconcile';
import { C, loadActivity, type ActivityDoc, type SignupDoc } from './store';

/** Whether the activity has a free slot while someone waits (so `settle` has work to do). */
export function needsSettle(a: Pick<ActivityDoc, 'cancelled' | 'freeSlots' | 'waitlistCount'>): boolean {
  return !a.cancelled && a.freeSlots > 0 && a.waitlistCount > 0;
}

type Step =
  { kind: 'promoted'; signup: SignupDoc; activity: ActivityDoc } | { kind: 'stop' } | { kind: 'again'; legacy?: true };

/** One promotion transaction for the head found by the query (re-read inside). */
async function promoteHead(ctx: Ctx, activityId: string, headId: string): Promise<Step> {
  return runTransaction(ctx.db, async (tx): Promise<Step> => {
    const activity = (await tx.collection(C.activities).doc(activityId).get()).data as ActivityDoc | null | undefined;
    if (!activity || !needsSettle(activity)) return { kind: 'stop' };
    const head = (await tx.collection(C.signups).doc(headId).get()).data as SignupDoc | null | undefined;
    if (!head) return { kind: 'again' };
    if (head.pending === true) {
      // A claim left by the former design: never answered OK, so it is undone.
      await tx.collection(C.signups).doc(headId).update({ state: 'cancelled', pending: false, updatedAt: ctx.now() });
      return { kind: 'again', legacy: true };
    }
    if (head.state !== 'waitlisted') return { kind: 'again' };
    const moved = {
      freeSlots: activity.freeSlots - 1,
      confirmedCount: activity.confirmedCount + 1,
      waitlistCount: activity.waitlistCount - 1,
    };
    await tx.collection(C.signups).doc(headId).update({ state: 'confirmed', updatedAt: ctx.now() });
    await tx.collection(C.activities).doc(activityId).update(moved);
    return { kind: 'promoted', signup: { ...head, state: 'confirmed' }, activity: { ...activity, ...moved } };
  });
}

const isConflict = (error: unknown) => (error as { code?: unknown } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT';

/**
 * Promotes waitlisted sign-ups into free slots, strictly by seq; tells each one. Best effort: a
 * transaction that keeps conflicting stops it (the next request that meets the free slot settles).
 */
export async function settle(ctx: Ctx, activityId: string): Promise<SignupDoc[]> {
  const promoted: SignupDoc[] = [];
  let legacy = false;
  let last: ActivityDoc | null = null;
  try {
    for (let round = 0; round < 10_000; round++) {
      const res = await ctx.db
        .collection(C.signups)
        .where({ activityId, state: 'waitlisted' })
        .orderBy('seq', 'asc')
        .limit(1)
        .get();
      const head = (res.data as SignupDoc[])[0];
      if (!head) break;
      const step = await promoteHead(ctx, activityId, head._id);
      if (step.kind === 'stop') break;
      if (step.kind === 'again') {
        legacy ||= step.legacy === true;
        continue;
      }
      promoted.push(step.signup);
      last = step.activity;
      crashPoint('volunteer.settle.after-promotion');
      if (!needsSettle(step.activity)) break;
    }
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
  if (legacy) await reconcileActivity(ctx, activityId);
  if (promoted.length > 0) {
    const activity = last ?? (await loadActivity(ctx, activityId));
    for (const s of promoted) await tellPromoted(ctx, activity, s);
  }
  return promoted;
}

/** Settles only when the given (freshly read) activity has a free slot and someone waits. */
export async function settleIfNeeded(ctx: Ctx, activity: ActivityDoc): Promise<SignupDoc[]> {
  return needsSettle(activity) ? settle(ctx, activity._id) : [];
}

async function tellPromoted(ctx: Ctx, activity: ActivityDoc, s: SignupDoc): Promise<void> {
  const user = await getById<UserDoc>(ctx, C.users, s.userId);
  await notify(ctx, {
    key: `volunteer-promoted:${s._id}:${s.seq}`,
    userId: s.userId,
    communityId: activity.communityId,
    kind: 'activity',
    title: '候补转为已报名',
    body: `您候补的志愿活动“${activity.title}”有了空余名额，已为您转为已报名。活动时间：${formatCst(activity.startAt)}，地点：${activity.place}。`,
    link: `/packages/volunteer/pages/detail/index?id=${activity._id}`,
    ...(user?.openid
      ? {
          subscription: {
            template: 'activityReminder' as const,
            openid: user.openid,
            data: { thing1: activity.title, time2: formatCst(activity.startAt), thing3: '候补已转为已报名' },
          },
        }
      : {}),
  });
}
