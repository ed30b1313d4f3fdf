/**
 * volunteer.cancelSignup — the caller cancels their own sign-up, before the deadline only
 * (PRECONDITION_FAILED `signup.after-deadline` after it). Invariants: ONE transaction reads the
 * activity and the sign-up, flips the sign-up to cancelled and moves the counters with it
 * (confirmed → a slot freed; waitlisted → waitlistCount − 1), so they move exactly once even
 * against a concurrent promotion (both write the activity: one conflicts and, retried, sees the
 * other's result); a `pending` claim stored by the former design is cancelled too (the counters
 * are then reconciled). Afterwards a freed slot goes to the first on the waitlist (lowest seq),
 * who is told (queue.ts); a crash before that is healed by the next request meeting the free slot.
 */
import { AppError } from '../../../types/errors';
import type { ActivityIdInput, SignupResult } from '../../../types/volunteer';
import { loadActor } from '../../_shared/actor';
import type { Ctx } from '../../_shared/context';
import { crashPoint } from '../../_shared/crash-points';
import { runTransaction } from '../../_shared/database';
import { refuseCancelled, requireBeforeDeadline } from './activity-rules';
import { needsSettle, settle } from './queue';
import { reconcileActivity } from './reconcile';
import { C, signupId, type ActivityDoc, type SignupDoc } from './store';

const notSignedUp = () => new AppError('PRECONDITION_FAILED', 'signup.not-active', '您没有可取消的报名');
const notFound = () => new AppError('NOT_FOUND', 'activity.not-found', '该志愿活动不存在');

export async function cancelSignup({ ctx, input }: { ctx: Ctx; input: ActivityIdInput }): Promise<SignupResult> {
  const actor = await loadActor(ctx);
  const user = actor.user;
  const done = await runTransaction(ctx.db, async (tx) => {
    const activity = (await tx.collection(C.activities).doc(input.activityId).get()).data as
      ActivityDoc | null | undefined;
    if (!activity) throw notFound();
    if (!user) throw notSignedUp();
    refuseCancelled(activity);
    requireBeforeDeadline(activity, ctx.now(), 'signup.after-deadline');
    const id = signupId(activity._id, user._id);
    const signup = (await tx.collection(C.signups).doc(id).get()).data as SignupDoc | null | undefined;
    if (signup?.pending === true) {
      await tx.collection(C.signups).doc(id).update({ state: 'cancelled', pending: false, updatedAt: ctx.now() });
      return { activity, legacy: true };
    }
    if (!signup || (signup.state !== 'confirmed' && signup.state !== 'waitlisted')) throw notSignedUp();
    const counters =
      signup.state === 'confirmed'
        ? { freeSlots: activity.freeSlots + 1, confirmedCount: activity.confirmedCount - 1 }
        : { waitlistCount: activity.waitlistCount - 1 };
    await tx.collection(C.signups).doc(id).update({ state: 'cancelled', updatedAt: ctx.now() });
    await tx.collection(C.activities).doc(activity._id).update(counters);
    return { activity: { ...activity, ...counters }, legacy: false };
  });
  crashPoint('volunteer.cancelSignup.after-transaction');
  if (done.legacy) await reconcileActivity(ctx, done.activity._id);
  if (done.legacy || needsSettle(done.activity)) await settle(ctx, done.activity._id);
  return { activityId: done.activity._id, state: 'cancelled', waitlistPosition: null, overlapWarning: null };
}
