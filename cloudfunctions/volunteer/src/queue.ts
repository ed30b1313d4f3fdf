/**
 * The waitlist (候补) and its promotion. Invariants:
 * - confirmed sign-ups are always the first `quota` live sign-ups by `seq`: a sign-up is
 *   confirmed directly only when a slot is free AND nobody is waitlisted (one atomic,
 *   conditional update that also hands out its seq), otherwise it joins the waitlist;
 * - promotion (`settle`) runs under a per-activity lock (`locks/volunteer-queue:<id>`), so two
 *   concurrent cancellations never promote the same person and promote strictly by `seq`; it
 *   stops at a sign-up still pending its seq (that sign-up settles itself once written);
 * - each promotion flips the sign-up with a conditional update (state waitlisted → confirmed)
 *   before moving the counters, so a person who cancels meanwhile is skipped, not promoted;
 * - whoever frees a slot or lands on the waitlist calls `settle` afterwards, so no free slot
 *   stays unfilled while someone waits (no lost wake-up);
 * - each promoted person is told once (message key includes their seq).
 */
import { AppError } from '../../../types/errors';
import { formatCst } from '../../../types/time';
import type { Ctx } from '../../_shared/context';
import { getById, isDuplicateWrite } from '../../_shared/db-helpers';
import type { LockDoc, UserDoc } from '../../_shared/documents';
import { notify } from '../../_shared/notify';
import { C, loadActivity, type ActivityDoc, type SignupDoc } from './store';

const LOCK_STALE_MS = 15 * 1000;
const LOCK_WAIT_MS = 20 * 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` holding the activity's queue lock (waits for it; takes over a stale one). */
export async function withQueueLock<T>(ctx: Ctx, activityId: string, fn: () => Promise<T>): Promise<T> {
  const id = `volunteer-queue:${activityId}`;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const lock: LockDoc = { _id: id, holder: ctx.requestId, createdAt: ctx.now() };
    try {
      await ctx.db.collection(C.locks).add(lock);
      break;
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      const _ = ctx.db.command;
      await ctx.db
        .collection(C.locks)
        .where({ _id: id, createdAt: _.lt(new Date(ctx.now().getTime() - LOCK_STALE_MS)) })
        .remove();
      if (Date.now() - started > LOCK_WAIT_MS) {
        throw new AppError('INTERNAL', 'volunteer.queue-busy', '报名人数较多，请稍后再试');
      }
      await sleep(3 + Math.random() * Math.min(40, 5 * (attempt + 1)));
    }
  }
  try {
    return await fn();
  } finally {
    await ctx.db.collection(C.locks).where({ _id: id, holder: ctx.requestId }).remove();
  }
}

/** Promotes waitlisted sign-ups into free slots, strictly by seq; tells each one. */
export async function settle(ctx: Ctx, activityId: string): Promise<SignupDoc[]> {
  const promoted = await withQueueLock(ctx, activityId, async () => {
    const out: SignupDoc[] = [];
    const _ = ctx.db.command;
    for (;;) {
      const activity = await loadActivity(ctx, activityId);
      if (activity.cancelled || activity.freeSlots <= 0) return out;
      const res = await ctx.db
        .collection(C.signups)
        .where({ activityId, state: 'waitlisted' })
        .orderBy('seq', 'asc')
        .limit(1)
        .get();
      const head = (res.data as SignupDoc[])[0];
      if (!head || head.pending) return out;
      const flipped = await ctx.db
        .collection(C.signups)
        .where({ _id: head._id, state: 'waitlisted', pending: false })
        .update({ state: 'confirmed', updatedAt: ctx.now() });
      if (flipped.updated !== 1) continue;
      await ctx.db
        .collection(C.activities)
        .doc(activityId)
        .update({ freeSlots: _.inc(-1), confirmedCount: _.inc(1), waitlistCount: _.inc(-1) });
      out.push({ ...head, state: 'confirmed' });
    }
  });
  if (promoted.length > 0) {
    const activity = await loadActivity(ctx, activityId);
    for (const s of promoted) await tellPromoted(ctx, activity, s);
  }
  return promoted;
}

/** Settles only when a slot is free and someone waits (one read otherwise). */
export async function settleIfNeeded(ctx: Ctx, activityId: string): Promise<SignupDoc[]> {
  const activity = await loadActivity(ctx, activityId);
  if (activity.cancelled || activity.freeSlots <= 0 || activity.waitlistCount <= 0) return [];
  return settle(ctx, activityId);
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
